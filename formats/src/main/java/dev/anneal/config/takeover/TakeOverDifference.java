package dev.anneal.config.takeover;

import java.util.Objects;

/**
 * One difference between the run upstream saved and the config that would take it over.
 *
 * @param path where: a plan path ({@code channels.lr.phases[0].shape.gamma}), a state field
 *     ({@code max_lr}), or {@code lr at update N}
 * @param upstream upstream's value, or {@code null} when upstream has none there
 * @param config the config's value, or {@code null} when the config has none there
 * @param consequence what a resumed upstream run does with it, and so what taking over with the
 *     config changes
 * @param parts whether Anneal, running the config from the resume step, parts from what the resumed
 *     upstream run would do (false where upstream, too, follows the new setting)
 */
public record TakeOverDifference(String path, String upstream, String config, String consequence, boolean parts) {
  public TakeOverDifference {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(consequence, "consequence");
  }

  /** One line: path, both values, and the consequence. */
  @Override
  public String toString() {
    return path + ": upstream " + (upstream == null ? "(absent)" : upstream) + ", config " + (config == null ? "(absent)" : config)
        + " — " + consequence;
  }
}
