package dev.anneal.config.transformers;

import static dev.anneal.config.transformers.Configs.assertErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.schedule.Schedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code lr_scheduler_kwargs} given as a JSON string, as {@code --lr_scheduler_kwargs '{…}'} on a
 * command line leaves it in a dump: transformers 4 and 5 both list the field in {@code
 * _VALID_DICT_FIELDS}, so {@code __post_init__} parses it ({@code json.loads}, then {@code
 * _convert_str_dict}).
 */
class SchedulerKwargsTest {
  private static final String RESTARTS =
      "'learning_rate': 1.0, 'lr_scheduler_type': 'cosine_with_restarts', 'warmup_steps': 0, 'max_steps': 100, ";

  private static Schedule lr(String version, String kwargs) {
    return Configs.read("{'transformers_version': '" + version + "', " + RESTARTS + "'lr_scheduler_kwargs': " + kwargs + "}")
        .plan().lr();
  }

  @ParameterizedTest(name = "transformers {0}")
  @ValueSource(strings = {"4", "5"})
  void aJsonStringReadsAsTheObjectItHolds(String version) {
    Schedule object = lr(version, "{'num_cycles': 2}");
    Schedule string = lr(version, "'{\\'num_cycles\\': 2}'".replace("\\'", "\\\""));
    // Two restarts in 100 steps: the second cycle starts at step 50.
    assertEquals(1.0, object.valueAt(50));
    for (long step = 0; step < 120; step++) {
      assertEquals(object.valueAt(step), string.valueAt(step), "step " + step);
    }
  }

  @ParameterizedTest(name = "transformers {0}")
  @ValueSource(strings = {"4", "5"})
  void stringValuesThatReadAsNumbersBecomeNumbers(String version) {
    // _convert_str_dict: "2" is an int, as the command line's '{"num_cycles": "2"}' means it.
    Schedule converted = lr(version, "'{\\'num_cycles\\': \\'2\\'}'".replace("\\'", "\\\""));
    assertEquals(1.0, converted.valueAt(50));
  }

  @ParameterizedTest(name = "transformers {0}")
  @ValueSource(strings = {"4", "5"})
  void aStringThatIsNoObjectIsRefusedAsGetSchedulerRefusesIt(String version) {
    assertErrors("{'transformers_version': '" + version + "', " + RESTARTS + "'lr_scheduler_kwargs': 'num_cycles=2'}",
        "[WrongType] lr_scheduler_kwargs: expected an object, found the string \"num_cycles=2\" (it does not start with '{', so"
            + " TrainingArguments keeps it a string and get_scheduler raises TypeError: argument after ** must be a mapping)");
    assertErrors("{'transformers_version': '" + version + "', " + RESTARTS + "'lr_scheduler_kwargs': '{num_cycles: 2}'}",
        "[WrongType] lr_scheduler_kwargs: expected a JSON object, or a string holding one, found a string that is no JSON object"
            + " (TrainingArguments' json.loads raises JSONDecodeError: Unexpected character ('n' (code 110)): was expecting double-quote"
            + " to start field name)");
  }

  @ParameterizedTest(name = "transformers {0}")
  @ValueSource(strings = {"4", "5"})
  void nullIsNoKwargs(String version) {
    assertEquals(lr(version, "{}").valueAt(30), lr(version, "null").valueAt(30));
  }
}
