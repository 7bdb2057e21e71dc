package dev.anneal.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys consumed so far in one parsed config, kept per JSON object (by identity), so that every
 * {@link JsonFields} view of the same object shares one record: a key the schedule reader asks for
 * and a key another reader (the optimizer for {@code train}) asks for count alike. It also keeps
 * every object some reader looked at, so that {@link #settle()} can hold the objects nobody
 * settled to the strict rule: each key left over is an {@code UnknownKey} error.
 */
final class KeyLedger {
  private final Map<JsonNode, Set<String>> consumed = new IdentityHashMap<>();
  private final Set<JsonNode> settled = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<JsonFields> views = new ArrayList<>();
  private final Set<JsonNode> viewed = Collections.newSetFromMap(new IdentityHashMap<>());

  /** The keys of {@code object} consumed so far (a live, insertion-ordered set). */
  Set<String> consumed(JsonNode object) {
    return consumed.computeIfAbsent(object, o -> new LinkedHashSet<>());
  }

  /** Records {@code view}; the first view of each object is the one {@link #settle()} settles. */
  void register(JsonFields view, JsonNode object) {
    if (viewed.add(object)) {
      views.add(view);
    }
  }

  /** Records that a reader has dealt with every key of {@code object} (refused or reported the rest). */
  void markSettled(JsonNode object) {
    settled.add(object);
  }

  boolean isSettled(JsonNode object) {
    return settled.contains(object);
  }

  /** Settles every object no reader settled: each key it holds that nobody consumed is refused. */
  void settle() {
    for (JsonFields view : views) {
      if (!view.isSettled()) {
        view.rejectUnknownKeys();
      }
    }
  }
}
