package dev.anneal.config.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.config.Formats;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad {@code pytorch} configs: every violation of a file is reported at once, each with its code,
 * JSON path, offending value and, where there is one, the fix. The expected lists are complete.
 */
class PyTorchFormatErrorsTest {
  private static final String SGD = "{\"type\": \"SGD\", \"lr\": 0.1, \"momentum\": 0.9}";
  private static final String ADAMW = "{\"type\": \"AdamW\", \"lr\": 0.001}";
  private static final String DECAY = "must lie in [0, inf): torch runs a negative factor, but the learning rate then changes sign at every decay;"
      + " use a factor between 0 and 1 to decay";

  static Stream<Arguments> badSchedulerArguments() {
    return Stream.of(
        // gamma 0 is no longer refused: torch zeroes the learning rate (PyTorchUpstreamRunsTest has its warning).
        bad("StepLR step_size 0 and gamma -1",
            "{\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 0, \"gamma\": -1}}",
            "[NonPositiveLength] scheduler.kwargs.step_size: step_size (0) must be at least 1",
            "[OutOfRange] scheduler.kwargs.gamma: gamma (-1) " + DECAY),
        // A negative step_size is no longer refused: torch decays at its multiples (PyTorchUpstreamRunsTest).
        // gamma 1.5 is no longer refused: torch runs it (PyTorchUpstreamRunsTest has its warning).
        bad("MultiStepLR negative milestone and growing gamma",
            "{\"type\": \"MultiStepLR\", \"kwargs\": {\"milestones\": [-1, 10], \"gamma\": 1.5}}",
            "[NegativeValue] scheduler.kwargs.milestones[0]: milestones[0] (-1) must be at least 0"),
        bad("MultiStepLR without milestones",
            "{\"type\": \"MultiStepLR\", \"kwargs\": {\"gamma\": 0.1}}",
            "[MissingKey] scheduler.kwargs.milestones: missing required key 'milestones'"),
        bad("ConstantLR factor above 1 and negative total_iters",
            "{\"type\": \"ConstantLR\", \"kwargs\": {\"factor\": 1.5, \"total_iters\": -1}}",
            "[OutOfRange] scheduler.kwargs.factor: factor (1.5) must lie in [0, 1] (PyTorch raises ValueError outside it)",
            "[NegativeValue] scheduler.kwargs.total_iters: total_iters (-1) must be at least 0"),
        bad("ConstantLR factor 0 divides by zero upstream",
            "{\"type\": \"ConstantLR\", \"kwargs\": {\"factor\": 0}}",
            "[OutOfRange] scheduler.kwargs.factor: factor (0) must lie in (0, 1]: PyTorch 1.13 divides by factor at step total_iters (ZeroDivisionError)"),
        bad("LinearLR start_factor 0 and negative end_factor",
            "{\"type\": \"LinearLR\", \"kwargs\": {\"start_factor\": 0, \"end_factor\": -0.5}}",
            "[OutOfRange] scheduler.kwargs.start_factor: start_factor (0) must lie in (0, 1]: PyTorch 1.13 divides by start_factor at the first step (ZeroDivisionError)",
            "[OutOfRange] scheduler.kwargs.end_factor: end_factor (-0.5) must lie in [0, 1] (PyTorch raises ValueError outside it)"),
        bad("ExponentialLR without gamma",
            "{\"type\": \"ExponentialLR\", \"kwargs\": {}}",
            "[MissingKey] scheduler.kwargs.gamma: missing required key 'gamma'"),
        bad("ExponentialLR negative gamma",
            "{\"type\": \"ExponentialLR\", \"kwargs\": {\"gamma\": -0.5}}",
            "[OutOfRange] scheduler.kwargs.gamma: gamma (-0.5) " + DECAY),
        // power 0 is no longer refused: torch runs it, flat (PyTorchUpstreamRunsTest has its warning).
        bad("PolynomialLR negative total_iters and power 0",
            "{\"type\": \"PolynomialLR\", \"kwargs\": {\"total_iters\": -5, \"power\": 0}}",
            "[NegativeValue] scheduler.kwargs.total_iters: total_iters (-5) must be at least 0"),
        bad("PolynomialLR negative power",
            "{\"type\": \"PolynomialLR\", \"kwargs\": {\"total_iters\": 5, \"power\": -1}}",
            "[OutOfRange] scheduler.kwargs.power: power (-1) must lie in [0, inf): torch raises ZeroDivisionError at step total_iters,"
                + " where it raises 0.0 to a negative power"),
        bad("CosineAnnealingLR T_max 0 and negative eta_min",
            "{\"type\": \"CosineAnnealingLR\", \"kwargs\": {\"T_max\": 0, \"eta_min\": -1e-5}}",
            "[NonPositiveLength] scheduler.kwargs.T_max: T_max (0) must be at least 1",
            "[NegativeValue] scheduler.kwargs.eta_min: eta_min (-1.0E-5) must be at least 0"),
        // eta_min above lr is no error: torch rises towards it (a warning, PyTorchWarmRestartsRiseTest).
        bad("CosineAnnealingWarmRestarts T_0 0, T_mult 0, eta_min above lr",
            "{\"type\": \"CosineAnnealingWarmRestarts\", \"kwargs\": {\"T_0\": 0, \"T_mult\": 0, \"eta_min\": 0.5}}",
            "[NonPositiveLength] scheduler.kwargs.T_0: T_0 (0) must be at least 1",
            "[NonPositiveLength] scheduler.kwargs.T_mult: T_mult (0) must be at least 1"),
        bad("CosineAnnealingWarmRestarts float T_mult (isinstance int upstream)",
            "{\"type\": \"CosineAnnealingWarmRestarts\", \"kwargs\": {\"T_0\": 10, \"T_mult\": 1.5}}",
            "[WrongType] scheduler.kwargs.T_mult: expected an integer (torch 1.13 raises ValueError for a float T_mult), found 1.5"),
        // base_lr above max_lr is no longer refused (torch runs an inverted cycle; PyTorchUpstreamRunsTest has its
        // warning), and step_size_down may be 0 (a sawtooth), so only a negative one is refused.
        bad("CyclicLR every argument wrong",
            "{\"type\": \"CyclicLR\", \"kwargs\": {\"base_lr\": 0.1, \"max_lr\": 0.01, \"step_size_up\": 0, \"step_size_down\": -1,"
                + " \"mode\": \"exp_range\", \"gamma\": 2, \"base_momentum\": 0.95, \"max_momentum\": 1.0}}",
            "[NonPositiveLength] scheduler.kwargs.step_size_up: step_size_up (0) must be at least 1",
            "[NegativeValue] scheduler.kwargs.step_size_down: step_size_down (-1) must be at least 0",
            "[OutOfRange] scheduler.kwargs.gamma: gamma (2) must lie in (0, 1] in mode exp_range: above 1 the amplitude gamma^t grows at every"
                + " step without end (torch runs it until the learning rate overflows); use a gamma below 1 to shrink the cycles",
            "[OutOfRange] scheduler.kwargs.max_momentum: max_momentum (1) must lie in [0, 1)"),
        bad("CyclicLR misspelled mode",
            "{\"type\": \"CyclicLR\", \"kwargs\": {\"base_lr\": 0.001, \"max_lr\": 0.01, \"mode\": \"triangle\"}}",
            "[UnknownType] scheduler.kwargs.mode: unknown mode 'triangle'; expected one of: exp_range, triangular, triangular2"),
        bad("CyclicLR scale_fn",
            "{\"type\": \"CyclicLR\", \"kwargs\": {\"base_lr\": 0.001, \"max_lr\": 0.01, \"scale_fn\": \"lambda x: 1.0\"}}",
            "[NotImportable] scheduler.kwargs.scale_fn: cannot be imported from PyTorch: scale_fn is a Python function, which a JSON config cannot express;"
                + " use mode triangular, triangular2 or exp_range"),
        bad("OneCycleLR every argument wrong",
            "{\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": -0.1, \"total_steps\": 0, \"pct_start\": 1.5, \"anneal_strategy\": \"cosine\","
                + " \"div_factor\": 0, \"final_div_factor\": -1, \"max_momentum\": 1.0}}",
            "[UnknownType] scheduler.kwargs.anneal_strategy: unknown anneal_strategy 'cosine'; expected one of: cos, linear",
            "[NegativeValue] scheduler.kwargs.max_lr: max_lr (-0.1) must be at least 0",
            "[NonPositiveLength] scheduler.kwargs.total_steps: total_steps (0) must be at least 1",
            "[OutOfRange] scheduler.kwargs.pct_start: pct_start (1.5) must lie in [0, 1]",
            "[NotPositive] scheduler.kwargs.div_factor: div_factor (0) must be greater than 0",
            "[NotPositive] scheduler.kwargs.final_div_factor: final_div_factor (-1) must be greater than 0",
            "[OutOfRange] scheduler.kwargs.max_momentum: max_momentum (1) must lie in [0, 1)"),
        bad("OneCycleLR first phase of zero steps",
            "{\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": 0.1, \"total_steps\": 10, \"pct_start\": 0.1}}",
            "[OneCyclePhaseEmpty] scheduler.kwargs.pct_start: one-cycle phase 1 would span 0 steps (pct_start 0.1 of 10 total steps);"
                + " it must span more than 0 or the value is undefined (upstream raises ZeroDivisionError)"),
        bad("OneCycleLR without any length",
            "{\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": 0.1}}",
            "[MissingKey] scheduler.kwargs.total_steps: missing required key 'total_steps' (or both 'epochs' and 'steps_per_epoch')"),
        bad("OneCycleLR epochs without steps_per_epoch",
            "{\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": 0.1, \"epochs\": 10}}",
            "[MissingKey] scheduler.kwargs.steps_per_epoch: missing required key 'steps_per_epoch'"
                + " (OneCycleLR without total_steps needs both 'epochs' and 'steps_per_epoch')"),
        bad("OneCycleLR integer pct_start (isinstance float upstream) and float total_steps",
            "{\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": 0.1, \"total_steps\": 100.0, \"pct_start\": 1}}",
            "[WrongType] scheduler.kwargs.total_steps: expected an integer (torch 1.13 raises ValueError for a float total_steps), found 100.0",
            "[WrongType] scheduler.kwargs.pct_start: expected a float such as 1.0 (torch 1.13 raises ValueError for an integer pct_start), found 1"),
        bad("ReduceLROnPlateau every argument wrong",
            "{\"type\": \"ReduceLROnPlateau\", \"kwargs\": {\"factor\": 1.0, \"patience\": -1, \"threshold\": -0.1, \"cooldown\": -2,"
                + " \"min_lr\": 0.5, \"eps\": -1}}",
            "[PlateauFactorOutOfRange] scheduler.kwargs.factor: factor (1) must lie in (0, 1): a plateau reduces the value",
            "[NegativeValue] scheduler.kwargs.patience: patience (-1) must be at least 0",
            "[NegativeValue] scheduler.kwargs.threshold: threshold (-0.1) must be at least 0",
            "[NegativeValue] scheduler.kwargs.cooldown: cooldown (-2) must be at least 0",
            // min_lr 0.5 above lr 0.1 is no longer refused: torch runs it and never reduces (PyTorchUpstreamRunsTest).
            "[NegativeValue] scheduler.kwargs.eps: eps (-1) must be at least 0"),
        bad("ReduceLROnPlateau misspelled mode, two min_lrs, and last_epoch, which it does not take",
            "{\"type\": \"ReduceLROnPlateau\", \"kwargs\": {\"mode\": \"mx\", \"min_lr\": [0.1, 0.2], \"last_epoch\": -1}}",
            "[UnknownType] scheduler.kwargs.mode: unknown mode 'mx'; did you mean `max`?",
            "[WrongType] scheduler.kwargs.min_lr: expected a number or a list of one number (one param group), found a list of 2",
            "[UnknownKey] scheduler.kwargs.last_epoch: unknown key 'last_epoch'; expected one of: cooldown, eps, factor, min_lr, mode,"
                + " patience, threshold, threshold_mode, verbose"),
        bad("SequentialLR: milestone count, milestone 0, members it cannot run",
            "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": [{\"type\": \"ConstantLR\"}, {\"type\": \"ReduceLROnPlateau\"},"
                + " {\"type\": \"ChainedScheduler\", \"kwargs\": {\"schedulers\": [{\"type\": \"ConstantLR\"}]}}], \"milestones\": [0]}}",
            "[MilestoneCount] scheduler.kwargs.milestones: SequentialLR needs exactly one milestone fewer than schedulers,"
                + " but has 3 schedulers and 1 milestones (upstream raises ValueError)",
            "[NonPositiveLength] scheduler.kwargs.milestones[0]: milestones[0] (0) must be at least 1",
            "[NotImportable] scheduler.kwargs.schedulers[1]: cannot be imported from PyTorch: ReduceLROnPlateau cannot run inside SequentialLR:"
                + " torch 2.x raises ValueError (it \"does not support ReduceLROnPlateau\"), and torch 1.13 raises AttributeError (no _initial_step)"
                + " for a first member and TypeError once it steps a later one without its metric; use it on its own",
            "[NotImportable] scheduler.kwargs.schedulers[2]: cannot be imported from PyTorch: ChainedScheduler cannot follow a milestone:"
                + " torch 2.x restarts a later member with _update_lr(0), and a ChainedScheduler has no formula for it (LRScheduler.get_lr"
                + " raises NotImplementedError); torch 1.13 raises AttributeError building this SequentialLR (a ChainedScheduler has no"
                + " last_epoch to rewind); list its schedulers in this SequentialLR instead"),
        bad("SequentialLR: milestones decreasing, two OneCycleLR",
            "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": [{\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": 0.1, \"total_steps\": 100}},"
                + " {\"type\": \"ConstantLR\"}, {\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": 0.1, \"total_steps\": 100}}], \"milestones\": [10, 5]}}",
            "[MilestonesNotIncreasing] scheduler.kwargs.milestones[1]: milestones must be increasing, but 5 follows 10",
            "[NotImportable] scheduler.kwargs.schedulers[2]: cannot be imported from PyTorch: every OneCycleLR reads initial_lr, max_lr and min_lr from"
                + " the param group, which the last one built overwrites; Anneal does not reproduce two OneCycleLR in one SequentialLR"),
        bad("SequentialLR: members' own errors at their paths; total_iters 0 divides by zero in a later member's closed form",
            "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": [{\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 0}},"
                + " {\"type\": \"LinearLR\", \"kwargs\": {\"total_iters\": 0}}], \"milestones\": [5]}}",
            "[NonPositiveLength] scheduler.kwargs.schedulers[0].kwargs.step_size: step_size (0) must be at least 1",
            "[NonPositiveLength] scheduler.kwargs.schedulers[1].kwargs.total_iters: total_iters (0) must be at least 1"),
        bad("SequentialLR: misspelled key and type inside members",
            "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": [{\"type\": \"StepLR\", \"kwargs\": {\"stepsize\": 3}},"
                + " {\"type\": \"Exponential\"}], \"milestones\": [3]}}",
            "[MissingKey] scheduler.kwargs.schedulers[0].kwargs.step_size: missing required key 'step_size'",
            "[UnknownKey] scheduler.kwargs.schedulers[0].kwargs.stepsize: unknown key 'stepsize'; did you mean `step_size`?",
            "[UnknownType] scheduler.kwargs.schedulers[1].type: unknown scheduler type 'Exponential'; did you mean `ExponentialLR`?"),
        bad("SequentialLR runs OneCycleLR past the step where it raises",
            "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": [{\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": 0.1, \"total_steps\": 100}},"
                + " {\"type\": \"ConstantLR\"}], \"milestones\": [200]}}",
            "[NotImportable] scheduler.kwargs.milestones[0]: cannot be imported from PyTorch: SequentialLR runs schedulers[0] (OneCycleLR) for 200 steps, until step 200,"
                + " but it ends after 101 steps and PyTorch raises ValueError if it is stepped further"),
        bad("ChainedScheduler without members",
            "{\"type\": \"ChainedScheduler\", \"kwargs\": {\"schedulers\": []}}",
            "[NonPositiveLength] scheduler.kwargs.schedulers: the number of schedulers (0) must be at least 1"),
        bad("ChainedScheduler with members that add instead of multiplying, or need a metric",
            "{\"type\": \"ChainedScheduler\", \"kwargs\": {\"schedulers\": [{\"type\": \"CosineAnnealingWarmRestarts\", \"kwargs\": {\"T_0\": 10}},"
                + " {\"type\": \"CosineAnnealingLR\", \"kwargs\": {\"T_max\": 10, \"eta_min\": 0.001}}, {\"type\": \"ReduceLROnPlateau\"}]}}",
            "[NotImportable] scheduler.kwargs.schedulers[1]: cannot be imported from PyTorch: CosineAnnealingLR with eta_min 0.001 adds eta_min at every step, so the chain"
                + " is no product of factors; Anneal reproduces it in a ChainedScheduler only with eta_min 0",
            "[NotImportable] scheduler.kwargs.schedulers[2]: cannot be imported from PyTorch: ReduceLROnPlateau cannot run inside ChainedScheduler:"
                + " torch 2.x's ChainedScheduler raises ValueError (it \"does not support ReduceLROnPlateau\"), and torch 1.13's raises TypeError"
                + " when its step() calls ReduceLROnPlateau.step() without the metric; use it on its own"),
        bad("ChainedScheduler: a cosine past T_max with a factor still decaying",
            "{\"type\": \"ChainedScheduler\", \"kwargs\": {\"schedulers\": [{\"type\": \"CosineAnnealingLR\", \"kwargs\": {\"T_max\": 100}},"
                + " {\"type\": \"ExponentialLR\", \"kwargs\": {\"gamma\": 0.99}}]}}",
            "[NotImportable] scheduler.kwargs.schedulers[0]: cannot be imported from PyTorch: past T_max (100) PyTorch's CosineAnnealingLR restarts its cosine from base_lr,"
                + " dropping the factor of schedulers[1] (ExponentialLR), which is not back to 1 by then; Anneal reproduces CosineAnnealingLR"
                + " in a ChainedScheduler only when every other member is back to factor 1 by step T_max"),
        bad("last_epoch is a resume",
            "{\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 30, \"last_epoch\": 5}}",
            "[ResumeByStep] scheduler.kwargs.last_epoch: last_epoch (5) asks PyTorch to resume a scheduler by re-constructing it;"
                + " Anneal resumes by step: leave last_epoch at -1 and evaluate the schedule from the step you resume at"),
        bad("an unknown scheduler type",
            "{\"type\": \"StepLr\", \"kwargs\": {\"step_size\": 30}}",
            "[UnknownType] scheduler.type: unknown scheduler type 'StepLr'; did you mean `StepLR`?"),
        bad("a scheduler that takes a Python function",
            "{\"type\": \"LambdaLR\", \"kwargs\": {}}",
            "[NotImportable] scheduler.type: cannot be imported from PyTorch: LambdaLR takes a Python function (lr_lambda), which a JSON config cannot express;"
                + " write the schedule with Anneal's builder or pick a scheduler without a function"),
        // A float step_size runs in torch (PythonNumbersTest); a string fails there: last_epoch % "30" is a TypeError.
        bad("wrong JSON types, NaN, a step count as text, a misspelled key",
            "{\"type\": \"StepLR\", \"kwargs\": {\"step_size\": \"30\", \"gamma\": NaN, \"verbose\": \"yes\", \"gama\": 0.1}}",
            "[WrongType] scheduler.kwargs.step_size: expected an integer, found the string \"30\"",
            "[NonFiniteValue] scheduler.kwargs.gamma: gamma (NaN) must be a finite number",
            "[WrongType] scheduler.kwargs.verbose: expected true or false, found the string \"yes\"",
            "[UnknownKey] scheduler.kwargs.gama: unknown key 'gama'; did you mean `gamma`?"),
        bad("kwargs that is not an object, type missing",
            "{\"kwargs\": [30]}",
            "[MissingKey] scheduler.type: missing required key 'type'",
            "[WrongType] scheduler.kwargs: expected an object, found a list"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSchedulerArguments")
  void everyBadSchedulerArgumentIsReportedWithPathValueAndFix(String name, String scheduler, List<String> expected) {
    assertViolations(expected, config(SGD, scheduler));
  }

  static Stream<Arguments> badFiles() {
    String stepLr = "{\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 30}}";
    return Stream.of(
        bad("not an object", "[1, 2]", "[WrongType] expected a JSON object at the top, found a list"),
        bad("no optimizer, no scheduler", "{}",
            "[MissingKey] optimizer: missing required key 'optimizer'",
            "[MissingKey] scheduler: missing required key 'scheduler'"),
        bad("unknown top-level key, optimizer type and wrong JSON type at once",
            "{\"optimizer\": {\"type\": \"adamw\"}, \"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {\"step_size\": \"30\"}}, \"extra\": 1}",
            // The top-level keys grew with issue 15's cadence and epoch figures.
            "[UnknownKey] extra: unknown key 'extra'; expected one of: accumulate_grad_batches, batch_size, dataset_size, drop_last,"
                + " epochs, frequency, interval, optimizer, scheduler, torch_version, updates_per_epoch",
            "[UnknownType] optimizer.type: unknown optimizer type 'adamw'; did you mean `AdamW`?",
            "[WrongType] scheduler.kwargs.step_size: expected an integer, found the string \"30\""),
        bad("SGD without lr, with Adam's betas",
            config("{\"type\": \"SGD\", \"betas\": [0.9, 0.999]}", stepLr),
            "[MissingKey] optimizer.lr: missing required key 'lr'",
            "[UnknownKey] optimizer.betas: unknown key 'betas'; expected one of: dampening, lr, momentum, nesterov, type, weight_decay"),
        bad("infinite lr, misspelled momentum, negative weight decay",
            config("{\"type\": \"SGD\", \"lr\": Infinity, \"momentun\": 0.9, \"weight_decay\": 0.1}", stepLr),
            "[NonFiniteValue] optimizer.lr: lr (Infinity) must be a finite number",
            "[UnknownKey] optimizer.momentun: unknown key 'momentun'; did you mean `momentum`?"),
        bad("negative lr and SGD arguments PyTorch refuses",
            config("{\"type\": \"SGD\", \"lr\": -0.1, \"momentum\": -0.5, \"nesterov\": true, \"weight_decay\": -1}", stepLr),
            "[NotImportable] optimizer.nesterov: cannot be imported from PyTorch: nesterov true needs momentum above 0 and dampening 0 (PyTorch raises ValueError),"
                + " but momentum is -0.5 and dampening 0",
            "[NegativeValue] optimizer.lr: lr (-0.1) must be at least 0",
            "[NegativeValue] optimizer.momentum: momentum (-0.5) must be at least 0",
            "[NegativeValue] optimizer.weight_decay: weight_decay (-1) must be at least 0"),
        bad("Adam betas of the wrong length",
            config("{\"type\": \"Adam\", \"betas\": [0.9]}", stepLr),
            "[WrongType] optimizer.betas: expected a list of two numbers [beta1, beta2], found a list of 1"),
        bad("Adam beta1 of 1 and negative eps",
            config("{\"type\": \"Adam\", \"betas\": [1.0, 0.999], \"eps\": -1e-8}", stepLr),
            "[NegativeValue] optimizer.eps: eps (-1.0E-8) must be at least 0",
            "[OutOfRange] optimizer.betas[0]: betas[0] (1) must lie in [0, 1)"),
        bad("CyclicLR cycles momentum on AdamW under torch 1.13 (raises there; 2.x cycles betas[0])",
            config113(ADAMW, "{\"type\": \"CyclicLR\", \"kwargs\": {\"base_lr\": 0.0001, \"max_lr\": 0.001}}"),
            "[NoMomentumToCycle] scheduler.kwargs.cycle_momentum: AdamW has no momentum in torch 1.13, so CyclicLR with"
                + " cycle_momentum true raises ValueError there; set cycle_momentum to false"),
        bad("a negative learning rate and a bad scheduler argument in one go",
            config("{\"type\": \"SGD\", \"lr\": -1}", "{\"type\": \"ConstantLR\", \"kwargs\": {\"factor\": 0, \"total_iters\": -1}}"),
            "[NegativeValue] optimizer.lr: lr (-1) must be at least 0",
            "[OutOfRange] scheduler.kwargs.factor: factor (0) must lie in (0, 1]: PyTorch 1.13 divides by factor at step total_iters (ZeroDivisionError)",
            "[NegativeValue] scheduler.kwargs.total_iters: total_iters (-1) must be at least 0"),
        bad("broken JSON",
            "{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1},",
            "[InvalidJson] line 1, column 42: unexpected end-of-input within/between Object entries"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void everyProblemOfAFileIsReportedAtOnce(String name, String text, List<String> expected) {
    assertViolations(expected, text);
  }

  static String config(String optimizer, String scheduler) {
    return "{\"optimizer\": " + optimizer + ", \"scheduler\": " + scheduler + "}";
  }

  /** A config read as torch 1.13 runs it. */
  static String config113(String optimizer, String scheduler) {
    return "{\"optimizer\": " + optimizer + ", \"scheduler\": " + scheduler + ", \"torch_version\": \"1.13\"}";
  }

  private static Arguments bad(String name, String input, String... expected) {
    return Arguments.of(name, input, List.of(expected));
  }

  private static void assertViolations(List<String> expected, String text) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Formats.byName("pytorch").read(text));
    assertEquals(expected, e.violations().stream().map(Violation::toString).toList());
    assertEquals(String.join("\n", expected), e.getMessage());
  }
}
