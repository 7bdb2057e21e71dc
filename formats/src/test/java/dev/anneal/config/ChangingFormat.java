package dev.anneal.config;

import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.schedule.Plan;
import java.util.function.UnaryOperator;

/**
 * A test format: Anneal JSON under another name, whose writer changes the plan before writing it,
 * so that it stands for a target format that cannot express something. Shared with the cli tests
 * through the test-jar.
 */
public record ChangingFormat(String name, UnaryOperator<Plan> change) implements ConfigFormat {
  private static final AnnealFormat ANNEAL = new AnnealFormat();

  @Override
  public Imported read(String text) {
    return ANNEAL.read(text);
  }

  @Override
  public String write(Plan plan) {
    return ANNEAL.write(change.apply(plan));
  }
}
