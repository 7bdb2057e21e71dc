package dev.anneal.samples;

import static dev.anneal.annotation.Curve.COSINE;
import static dev.anneal.annotation.Curve.LINEAR;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anneal.annotation.PhaseSpec;
import dev.anneal.annotation.TrainingSchedule;
import dev.anneal.rules.InvalidScheduleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A run's schedule parameters, read from its JSON config with Jackson: a linear warm-up from 1% of
 * the peak, then a cosine to {@code peak * minRatio} over the rest of {@code total} steps. The
 * processor checks the expressions at compile time and derives what a config must meet ({@code
 * warmup >= 1}, {@code total > warmup}); {@code CosineRunSchedule.of(run)} checks them, and every
 * rule of the model, for the values of a run.
 *
 * @param peak the peak learning rate
 * @param warmup warm-up steps
 * @param total total training steps
 * @param minRatio the final learning rate as a fraction of the peak
 */
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "warmup", from = "peak / 100", to = "peak"),
    @PhaseSpec(shape = COSINE, steps = "total - warmup", to = "peak * minRatio")})
public record CosineRun(double peak, long warmup, long total, double minRatio) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a run from JSON such as {@code {"peak": 3e-4, "warmup": 2000, "total": 100000, "minRatio": 0.1}}. */
  public static CosineRun read(InputStream json) {
    try {
      return JSON.readValue(json, CosineRun.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run config: " + e.getMessage(), e);
    }
  }

  /**
   * The schedule of this run.
   *
   * @throws InvalidScheduleException listing every problem of the config
   */
  public CosineRunSchedule schedule() {
    return CosineRunSchedule.of(this);
  }
}
