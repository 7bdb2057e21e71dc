package dev.anneal.config;

import java.util.Objects;

/**
 * One setting of an upstream config, as Anneal treats it: the key, what becomes of it, and why.
 * The tables of these (one per format, see {@link KnownSettings}) decide what a reader says about
 * a key it does not model, and the audit pages in {@code docs/audit/} are checked against them.
 *
 * @param key the key as upstream spells it, e.g. {@code zero_optimization}
 * @param effect what Anneal does with it
 * @param reason for {@link Effect#MODELLED}, what it sets; otherwise why it is refused or why it does
 *     not change the schedule (lowercase, no final period: it completes {@code ignored: …})
 */
public record KnownSetting(String key, Effect effect, String reason) {
  /** What Anneal does with a setting. */
  public enum Effect {
    /** Read into the plan, as upstream uses it. */
    MODELLED("modelled"),
    /** Refused with upstream's reason where it would make the curve differ (in the cases the reason names). */
    REFUSED("refused"),
    /** Known to upstream, but it does not change the schedule: reported as an {@code IgnoredSetting} note. */
    NO_EFFECT("no effect"),
    /**
     * A setting of the optimizer the config builds: read into {@link Imported#optimizer()}, which
     * {@code anneal train} applies as upstream does or refuses naming the setting. It does not
     * change the schedule. Where the reader of the optimizer's type does not read it, it is an
     * {@code IgnoredSetting} note like {@link #NO_EFFECT}.
     */
    OPTIMIZER("optimizer");

    private final String label;

    Effect(String label) {
      this.label = label;
    }

    /** How the audit tables name it. */
    public String label() {
      return label;
    }
  }

  public KnownSetting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(reason, "reason");
  }

  /** A setting the reader reads into the plan. */
  public static KnownSetting modelled(String key, String what) {
    return new KnownSetting(key, Effect.MODELLED, what);
  }

  /** A setting the reader refuses (in the cases {@code why} names). */
  public static KnownSetting refused(String key, String why) {
    return new KnownSetting(key, Effect.REFUSED, why);
  }

  /** A setting of the config's optimizer ({@link Effect#OPTIMIZER}); {@code what} says what it sets. */
  public static KnownSetting optimizer(String key, String what) {
    return new KnownSetting(key, Effect.OPTIMIZER, what);
  }

  /** A setting that does not change the schedule. */
  public static KnownSetting noEffect(String key, String why) {
    return new KnownSetting(key, Effect.NO_EFFECT, why);
  }
}
