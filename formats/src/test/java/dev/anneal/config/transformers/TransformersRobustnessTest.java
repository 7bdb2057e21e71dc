package dev.anneal.config.transformers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.Imported;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Schedule;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad or odd input never gives a stack trace, a NaN or a negative learning rate: thousands of
 * configs with random types, lengths and arguments (including edge and wrong values) either read
 * into a schedule that is finite and at least 0 at every step, or fail with an {@link
 * InvalidScheduleException}; whatever reads also writes back to the same numbers, or says why not.
 */
class TransformersRobustnessTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> TYPES = List.of(
      "constant", "constant_with_warmup", "linear", "cosine", "cosine_with_restarts", "polynomial", "inverse_sqrt",
      "cosine_with_min_lr", "cosine_warmup_with_min_lr", "warmup_stable_decay", "reduce_lr_on_plateau", "linaer");
  private static final List<String> KWARGS = List.of(
      "num_cycles", "lr_end", "power", "timescale", "min_lr", "min_lr_rate", "warmup_lr_rate", "num_stable_steps",
      "num_decay_steps", "warmup_type", "decay_type", "min_lr_ratio", "last_epoch", "num_warmup_steps");

  @Test
  void randomConfigsReadOrFailCleanly() {
    Random random = new Random(20240611);
    int read = 0;
    for (int i = 0; i < 3000; i++) {
      String text = randomConfig(random).toString();
      Imported imported;
      try {
        imported = new TransformersFormat().read(text);
      } catch (InvalidScheduleException expected) {
        continue;
      } catch (RuntimeException e) {
        throw new AssertionError("a stack trace for " + text, e);
      }
      read++;
      Schedule lr = imported.plan().lr();
      double[] values = lr.values(0, 400);
      for (int step = 0; step < values.length; step++) {
        if (!(values[step] >= 0) || !Double.isFinite(values[step])) {
          fail("step " + step + " is " + values[step] + " for " + text);
        }
      }
      try {
        String written = new TransformersFormat().write(imported.plan());
        assertArrayEquals(values, new TransformersFormat().read(written).plan().lr().values(0, 400), text + " -> " + written);
      } catch (InvalidScheduleException e) {
        fail("a plan read from transformers must write back: " + text + ": " + e.getMessage());
      }
    }
    assertTrue(read > 300, "enough configs were valid to mean something: " + read);
  }

  private static ObjectNode randomConfig(Random random) {
    ObjectNode config = MAPPER.createObjectNode();
    config.put("learning_rate", pick(random, 1e-3, 3e-4, 0.0, 1.0, 2e-5));
    config.put("lr_scheduler_type", TYPES.get(random.nextInt(TYPES.size())));
    if (random.nextBoolean()) {
      config.put("warmup_steps", (long) pick(random, 0, 1, 2, 5, 10, 50, 100, -1));
    }
    if (random.nextInt(4) == 0) {
      config.put("warmup_ratio", pick(random, 0.0, 0.1, 0.5, 1.0, 1.5));
    }
    if (random.nextInt(5) != 0) {
      config.put("max_steps", (long) pick(random, 1, 2, 10, 50, 100, 200, -1, 0));
    }
    if (random.nextBoolean()) {
      ObjectNode kwargs = config.putObject("lr_scheduler_kwargs");
      int count = random.nextInt(4);
      for (int k = 0; k < count; k++) {
        String key = KWARGS.get(random.nextInt(KWARGS.size()));
        switch (key) {
          case "warmup_type", "decay_type" -> kwargs.put(key, List.of("linear", "cosine", "1-sqrt", "sqrt").get(random.nextInt(4)));
          case "num_stable_steps", "num_decay_steps", "last_epoch", "num_warmup_steps" ->
              kwargs.put(key, (long) pick(random, 0, 1, 5, 30, 100, -1));
          default -> kwargs.put(key, pick(random, 0.0, 0.1, 0.5, 1.0, 2.0, 3.0, 1e-7, -0.5, 1.5));
        }
      }
    }
    return config;
  }

  private static double pick(Random random, double... values) {
    return values[random.nextInt(values.length)];
  }
}
