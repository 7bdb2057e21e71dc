package dev.anneal.config.transformers;

import static dev.anneal.config.transformers.Configs.assertErrors;
import static dev.anneal.config.transformers.Configs.assertWarnings;

import org.junit.jupiter.api.Test;

/** Every error a transformers config can produce says what, where (the JSON path), the value and the fix. */
class TransformersErrorsTest {
  @Test
  void unknownKeysEverywhereGetADidYouMean() {
    // A field TrainingArguments lacks is a warning (TrainingArgumentsFieldsTest); a kwarg the function lacks is
    // get_scheduler's TypeError.
    assertErrors(
        "{'learning_rate': 1e-3, 'lr_scheduler_type': 'polynomial', 'warmup_step': 10, 'max_steps': 100,"
            + " 'lr_scheduler_kwargs': {'powr': 2}}",
        "[UnknownKey] lr_scheduler_kwargs.powr: unknown key 'powr'; did you mean `power`?");
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_cosine_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': 10, 'num_training_steps': 100, 'num_cycle': 1}}",
        "[UnknownKey] kwargs.num_cycle: unknown key 'num_cycle'; did you mean `num_cycles`?");
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_scheduler', 'kwargs': {'name': 'cosine', 'num_warmup_steps': 10,"
            + " 'num_training_steps': 100, 'scheduler_specific_kwarg': {}}}",
        "[UnknownKey] kwargs.scheduler_specific_kwarg: unknown key 'scheduler_specific_kwarg'; did you mean"
            + " `scheduler_specific_kwargs`?");
  }

  @Test
  void unknownTypesAndFunctionsGetADidYouMean() {
    assertErrors(
        "{'learning_rate': 1e-3, 'lr_scheduler_type': 'cosine_with_restart', 'max_steps': 100}",
        "[UnknownType] lr_scheduler_type: unknown lr_scheduler_type 'cosine_with_restart'; did you mean `cosine_with_restarts`?");
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_linear_schedule_with_warmpu', 'kwargs': {}}",
        "[UnknownType] function: unknown function 'get_linear_schedule_with_warmpu'; did you mean"
            + " `get_linear_schedule_with_warmup`?");
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_scheduler', 'kwargs': {'name': 'wsd'}}",
        "[UnknownType] kwargs.name: unknown scheduler name 'wsd'; expected one of: constant, constant_with_warmup, cosine,"
            + " cosine_warmup_with_min_lr, cosine_with_min_lr, cosine_with_restarts, inverse_sqrt, linear, polynomial,"
            + " reduce_lr_on_plateau, warmup_stable_decay");
    assertErrors(
        "{'learning_rate': 1e-3, 'lr_scheduler_type': 'warmup_stable_decay', 'lr_scheduler_kwargs':"
            + " {'num_decay_steps': 10, 'num_stable_steps': 10, 'decay_type': 'sqrt'}}",
        "[UnknownType] lr_scheduler_kwargs.decay_type: unknown decay_type 'sqrt'; did you mean `1-sqrt`?");
  }

  @Test
  void wrongTypesAndNonFiniteNumbersNameThePathAndTheValue() {
    // lr_scheduler_kwargs '{}' is no error: TrainingArguments parses a JSON string of an object (SchedulerKwargsTest).
    assertErrors(
        "{'transformers_version': '4', 'learning_rate': NaN, 'lr_scheduler_type': 'linear', 'warmup_steps': '100',"
            + " 'max_steps': 1000.5, 'lr_scheduler_kwargs': '{}'}",
        "[NonFiniteValue] learning_rate: learning_rate (NaN) must be a finite number",
        "[WrongType] warmup_steps: expected an integer, found the string \"100\"",
        "[WrongType] max_steps: expected an integer, found 1000.5");
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_cosine_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': null, 'num_training_steps': 100, 'num_cycles': Infinity}}",
        "[WrongType] kwargs.num_warmup_steps: expected an integer, found null (None is not a valid num_warmup_steps)",
        "[NonFiniteValue] kwargs.num_cycles: num_cycles (Infinity) must be a finite number");
  }

  @Test
  void aFractionalWarmupStepsPointsToWarmupRatio() {
    assertErrors(
        "{'transformers_version': '4', 'learning_rate': 1e-3, 'warmup_steps': 0.05, 'max_steps': 1000}",
        "[WrongType] warmup_steps: expected an integer number of steps (a fraction of max_steps goes in warmup_ratio),"
            + " found 0.05");
  }

  @Test
  void negativeLengthsAndRatiosAreRejected() {
    assertErrors(
        "{'transformers_version': '4', 'learning_rate': -1e-3, 'warmup_steps': -5, 'warmup_ratio': 1.5, 'max_steps': 0}",
        "[NegativeValue] learning_rate: learning_rate (-0.001) must be at least 0",
        "[NegativeValue] warmup_steps: warmup_steps (-5) must be at least 0",
        "[OutOfRange] warmup_ratio: warmup_ratio (1.5) must lie in [0, 1]",
        "[NonPositiveLength] max_steps: max_steps (0) must be at least 1");
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_linear_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': -1, 'num_training_steps': 0}}",
        // num_training_steps 0 is run by upstream (max(1, …) guards it): a warning, see TransformersUpstreamRunsTest.
        "[NegativeValue] kwargs.num_warmup_steps: num_warmup_steps (-1) must be at least 0");
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_wsd_schedule', 'kwargs': {'num_warmup_steps': 0, 'num_decay_steps': -3,"
            + " 'num_stable_steps': -2, 'min_lr_ratio': -0.1}}",
        "[NegativeValue] kwargs.num_decay_steps: num_decay_steps (-3) must be at least 0",
        "[NegativeValue] kwargs.num_stable_steps: num_stable_steps (-2) must be at least 0",
        "[MinLrRatioNegative] kwargs.min_lr_ratio: min_lr_ratio (-0.1) is below 0: transformers runs it, clamping the"
            + " warm-up and the decay at 0 but returning min_lr_ratio itself after the decay, so from step 0 the learning"
            + " rate is -1.0E-4 and the optimizer climbs the loss; Anneal keeps every learning rate at 0 or above, so it"
            + " refuses; set min_lr_ratio to 0 or more");
  }

  @Test
  void stepCountsStayWhereDoublesAreExact() {
    assertErrors(
        "{'learning_rate': 1e-3, 'lr_scheduler_type': 'cosine', 'max_steps': 9007199254740993}",
        "[OutOfRange] max_steps: max_steps (9007199254740993) must lie in [1, 2^53]");
  }

  @Test
  void requiredArgumentsAreNamed() {
    assertErrors(
        "{'lr_scheduler_type': 'cosine', 'warmup_steps': 10, 'max_steps': 100}",
        "[MissingKey] learning_rate: missing required key 'learning_rate'");
    assertErrors(
        "{'learning_rate': 1e-3, 'lr_scheduler_type': 'cosine', 'warmup_steps': 10}",
        "[MissingKey] max_steps: missing required key 'max_steps' (the 'cosine' schedule needs num_training_steps, which"
            + " Trainer takes from max_steps; with max_steps -1 Trainer counts them from num_train_epochs (3.0, the default) and"
            + " the length of the training data, which the config does not hold: add dataset_length (len(train_dataset)) and"
            + " world_size (the number of processes), Anneal's keys for the figures Trainer counts them from, or max_steps ="
            + " num_train_epochs · ceil(batches per epoch / gradient_accumulation_steps))");
    assertErrors(
        "{'learning_rate': 1e-3, 'lr_scheduler_type': 'constant_with_warmup', 'warmup_ratio': 0.1}",
        "[MissingKey] max_steps: missing required key 'max_steps' (warmup_ratio 0.1 is a fraction of it; with max_steps -1"
            + " Trainer counts it from num_train_epochs and the training data: or add dataset_length (len(train_dataset)) and"
            + " world_size (the number of processes))");
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_wsd_schedule', 'kwargs': {'num_warmup_steps': 10}}",
        "[MissingKey] kwargs.num_decay_steps: missing required key 'num_decay_steps' (get_wsd_schedule has no default for it)");
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_scheduler', 'kwargs': {'name': 'linear', 'num_training_steps': 10}}",
        "[MissingKey] kwargs.num_warmup_steps: missing required key 'num_warmup_steps' (get_scheduler raises ValueError:"
            + " linear requires it)");
  }

  @Test
  void polynomialRefusesWhatUpstreamRaisesOn() {
    assertErrors(
        "{'learning_rate': 1e-3, 'lr_scheduler_type': 'polynomial', 'warmup_steps': 100, 'max_steps': 100,"
            + " 'lr_scheduler_kwargs': {'lr_end': 1e-3}}",
        "[LrEndNotBelowLr] lr_scheduler_kwargs.lr_end: lr_end (0.001) must be smaller than the learning rate (0.001);"
            + " upstream raises ValueError",
        "[PolynomialWithoutDecay] warmup_steps: warmup_steps equals num_training_steps (100): the polynomial decay would"
            + " divide by num_training_steps - num_warmup_steps = 0 at step 100 (upstream raises ZeroDivisionError); make"
            + " num_training_steps larger");
    assertErrors(
        "{'learning_rate': 1e-8, 'lr_scheduler_type': 'polynomial', 'max_steps': 100, 'lr_scheduler_kwargs': {'power': -1}}",
        "[LrEndNotBelowLr] lr_scheduler_kwargs.lr_end: lr_end (1.0E-7) must be smaller than the learning rate (1.0E-8);"
            + " upstream raises ValueError",
        "[PolynomialNegativePower] lr_scheduler_kwargs.power: power (-1) is below 0: at step 100 the decay raises 0.0 to a"
            + " negative power and Python raises ZeroDivisionError, so transformers stops the run there; use a power of 0 or"
            + " more");
  }

  @Test
  void cosineFloorsTakeExactlyOneOfMinLrAndMinLrRate() {
    assertErrors(
        "{'learning_rate': 1e-3, 'lr_scheduler_type': 'cosine_with_min_lr', 'max_steps': 100,"
            + " 'lr_scheduler_kwargs': {'min_lr': 1e-5, 'min_lr_rate': 0.1}}",
        "[OnlyOneOf] lr_scheduler_kwargs.min_lr_rate: give only one of min_lr (1.0E-5) and min_lr_rate (0.1); upstream raises"
            + " ValueError");
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_cosine_with_min_lr_schedule_with_warmup_lr_rate',"
            + " 'kwargs': {'num_warmup_steps': 10, 'num_training_steps': 100}}",
        "[MissingKey] kwargs: missing required key 'min_lr' or 'min_lr_rate' (the cosine's floor; upstream raises ValueError"
            + " without one)");
    assertErrors(
        "{'learning_rate': 0, 'lr_scheduler_type': 'cosine_with_min_lr', 'max_steps': 100,"
            + " 'lr_scheduler_kwargs': {'min_lr': 1e-5, 'num_cycles': 0}}",
        // num_cycles 0 is run by upstream (a flat cosine): only the division by the learning rate is refused.
        "[NotPositive] learning_rate: learning_rate (0, and min_lr is divided by it) must be greater than 0");
  }

  @Test
  void wsdPlacesItsDecayByTheTotalOrTheStableSteps() {
    // Upstream runs a stable phase that would be negative (the decay starts part-way through): a warning now.
    assertWarnings(
        "{'learning_rate': 1e-3, 'lr_scheduler_type': 'warmup_stable_decay', 'warmup_steps': 10, 'max_steps': 100,"
            + " 'lr_scheduler_kwargs': {'num_decay_steps': 95}}",
        "[FirstUpdateAtZero] warmup_steps: the first update uses a learning rate of 0 (the linear warm-up starts at"
            + " min_lr_ratio = 0); it changes nothing",
        "[StablePhaseNegative] max_steps: max_steps (100) is less than num_warmup_steps + num_decay_steps (10 + 95): the stable"
            + " phase lasts -5 steps, so transformers runs none and starts the decay part-way through (or, where the warm-up"
            + " reaches num_training_steps, goes straight to min_lr_ratio); raise num_training_steps or shorten the warm-up or"
            + " the decay");
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_wsd_schedule', 'kwargs': {'num_warmup_steps': 10, 'num_decay_steps': 95}}",
        "[MissingKey] kwargs: missing required key 'num_training_steps' or 'num_stable_steps' (get_wsd_schedule places its"
            + " decay by one of them; upstream raises ValueError)");
  }

  @Test
  void argumentsGetSchedulerPassesItselfCannotBeRepeated() {
    assertErrors(
        "{'learning_rate': 1e-3, 'lr_scheduler_type': 'cosine', 'warmup_steps': 10, 'max_steps': 100,"
            + " 'lr_scheduler_kwargs': {'num_warmup_steps': 20, 'num_training_steps': 200}}",
        "[ArgumentPassedTwice] lr_scheduler_kwargs.num_warmup_steps: num_warmup_steps is already passed by get_scheduler (from"
            + " warmup_steps); upstream raises TypeError: got multiple values for keyword argument 'num_warmup_steps'",
        "[ArgumentPassedTwice] lr_scheduler_kwargs.num_training_steps: num_training_steps is already passed by get_scheduler"
            + " (from max_steps); upstream raises TypeError: got multiple values for keyword argument 'num_training_steps'");
  }

  @Test
  void whatAnnealCannotReproduceSaysWhy() {
    assertErrors(
        "{'learning_rate': 1e-3, 'lr_scheduler_type': 'reduce_lr_on_plateau'}",
        "[NotImportable] lr_scheduler_type: cannot be imported from transformers: transformers' reduce_lr_on_plateau is not a closed-form schedule: Trainer steps it"
            + " with the evaluation metric after each evaluation, not after each update; declare a plateau phase, or use the"
            + " pytorch format's ReduceLROnPlateau with one metric per update");
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_adafactor_schedule'}",
        "[NotImportable] function: cannot be imported from transformers: get_adafactor_schedule is a proxy that reports the step size Adafactor computes internally"
            + " from its own state; it has no schedule of its own to reproduce");
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_constant_schedule', 'kwargs': {'last_epoch': 100}}",
        "[NotImportable] kwargs.last_epoch: cannot be imported from transformers: last_epoch (100) resumes a LambdaLR mid-run (and needs initial_lr in the optimizer);"
            + " Anneal's schedules are pure functions of the step, so evaluate from the step you resume at and leave last_epoch"
            + " at -1");
  }

  @Test
  void inverseSqrtNeedsAPositiveTimescale() {
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_inverse_sqrt_schedule', 'kwargs': {'num_warmup_steps': 0, 'timescale': 0}}",
        "[TimescaleNotPositive] kwargs.timescale: timescale (0) is not above 0: at step 0 the inverse square root's (step +"
            + " timescale - num_warmup_steps) / timescale divides by 0, where Python raises ZeroDivisionError, so transformers"
            + " stops the run; use a positive timescale (by default num_warmup_steps, or 10000 without a warm-up)");
  }

  @Test
  void syntaxErrorsGiveLineAndColumn() {
    assertErrors(
        "{'learning_rate': 1e-3,\n 'max_steps': }",
        "[InvalidJson] line 2, column 15: unexpected character ('}'): expected a valid value (a string, number, array, object, true,"
            + " false or null)");
  }
}
