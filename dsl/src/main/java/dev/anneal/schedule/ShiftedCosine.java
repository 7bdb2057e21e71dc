package dev.anneal.schedule;

import dev.anneal.rules.Code;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Cosine} whose progress runs {@code shift} steps ahead of the phase: {@code to + (from -
 * to) * (1 + cos(2π * cycles * (t + shift) / n)) / 2}. At the phase's first step it is already
 * {@code shift / n} of the way down. transformers' {@code cosine_warmup_with_min_lr} ({@code
 * get_cosine_with_min_lr_schedule_with_warmup_lr_rate}) counts its cosine progress this way, one step
 * ahead ({@code shift = 1}), so its minimum falls one step before {@code num_training_steps}; no
 * phase of a plain cosine can start before step 0 to express that without the warm-up.
 */
public record ShiftedCosine(double from, double to, double cycles, long shift) implements Shape {
  @Override
  public double valueAt(long t, long n) {
    double progress = (double) (t + shift) / n;
    return to + (from - to) * (1 + Math.cos(Math.PI * cycles * 2.0 * progress)) / 2;
  }

  @Override
  public Range range(long n) {
    return Range.of(from, to);
  }

  @Override
  public Range rangePastEnd(long n) {
    return Range.of(from, to);
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    Rules.finite(out, "from", from);
    Rules.finite(out, "to", to);
    Rules.positive(out, "cycles", cycles);
    if (shift < 0) {
      out.add(Code.NEGATIVE_VALUE.at("shift", shift, "shift", shift));
    }
    return out;
  }

  @Override
  public String kind() {
    return "shifted-cosine";
  }

  @Override
  public String formula() {
    return "to + (from - to) * (1 + cos(2π * cycles * (t + shift) / n)) / 2";
  }
}
