package dev.anneal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A table of the settings upstream knows in one object of a config (DeepSpeed's top level, its
 * optimizer params, transformers' {@code TrainingArguments}), in upstream's order. Readers report
 * the settings they do not model through {@link #reportIgnored}; the audit pages are checked
 * against {@link #all()}.
 */
public final class KnownSettings {
  /** The note for an optimizer setting the reader of the optimizer's type does not read. */
  static final String NOT_READ_FOR_THIS_OPTIMIZER =
      "an optimizer setting this optimizer type does not take; it does not change the schedule, and anneal train does not apply it";

  private final Map<String, KnownSetting> byKey;

  private KnownSettings(Map<String, KnownSetting> byKey) {
    this.byKey = Collections.unmodifiableMap(byKey);
  }

  /**
   * @throws IllegalArgumentException if a key is listed twice
   */
  public static KnownSettings of(List<KnownSetting> settings) {
    Map<String, KnownSetting> byKey = new LinkedHashMap<>();
    for (KnownSetting setting : settings) {
      if (byKey.put(setting.key(), setting) != null) {
        throw new IllegalArgumentException("setting listed twice: " + setting.key());
      }
    }
    return new KnownSettings(byKey);
  }

  /** Every setting, in upstream's order. */
  public List<KnownSetting> all() {
    return List.copyOf(byKey.values());
  }

  /** Every key, in upstream's order. */
  public List<String> keys() {
    return List.copyOf(byKey.keySet());
  }

  public Optional<KnownSetting> find(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  public boolean contains(String key) {
    return byKey.containsKey(key);
  }

  /**
   * Settles {@code fields}: each key present that this table marks {@link
   * KnownSetting.Effect#NO_EFFECT} becomes an {@code IgnoredSetting} note with the table's reason,
   * whether or not a reader looked at it (a reader may check a value as upstream does and still not
   * use it), except where {@code alreadyNamed} holds for its JSON path (a warning names it already).
   * A key marked {@link KnownSetting.Effect#OPTIMIZER} is honoured where the optimizer's reader
   * consumed it (call this after that reader), and a note otherwise.
   *
   * @return the keys left over: present, unconsumed and not in the table as having no effect (the
   *     caller refuses them, or reports them as upstream treats unknown keys)
   */
  public List<String> reportIgnored(JsonFields fields, Predicate<String> alreadyNamed) {
    for (String key : fields.keys()) {
      KnownSetting setting = byKey.get(key);
      if (setting != null && setting.effect() == KnownSetting.Effect.OPTIMIZER && !fields.consumed(key)) {
        fields.ignored(key, NOT_READ_FOR_THIS_OPTIMIZER);
      } else if (setting != null && setting.effect() == KnownSetting.Effect.NO_EFFECT) {
        if (alreadyNamed.test(fields.path(key))) {
          fields.allow(key);
        } else {
          fields.ignored(key, setting.reason());
        }
      }
    }
    return fields.unconsumed();
  }
}
