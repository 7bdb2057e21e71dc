package dev.anneal.runtime;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which group each trainable parameter belongs to, by DJL parameter id (what the optimizer sees)
 * and by name (what checkpoints store: ids are random per model instance).
 */
final class GroupBinding {
  /**
   * Where a bound parameter stands: its position in the block's order (an index into per-parameter
   * arrays), its group and its name. {@link #slotOf} finds it for every update.
   */
  record Slot(int index, int group, String name) {}

  private final Map<String, Slot> slotById;
  private final Map<String, String> nameById;
  /** The bound ids and their slots, in the block's order: what {@link #slotOf} tries first. */
  private final String[] ids;
  private final Slot[] slots;
  /**
   * The index of the slot {@link #slotOf} returned last. Only a hint, read and written without
   * synchronization: any value in range is correct, and an int is never torn.
   */
  private int lastServed;

  private GroupBinding(Map<String, Integer> groupById, Map<String, String> nameById) {
    Map<String, Slot> byId = new HashMap<>();
    this.ids = nameById.keySet().toArray(String[]::new);
    this.slots = new Slot[ids.length];
    for (int index = 0; index < ids.length; index++) {
      String id = ids[index];
      slots[index] = new Slot(index, groupById.get(id), nameById.get(id));
      byId.put(id, slots[index]);
    }
    // A HashMap, never modified after this, rather than Map.copyOf: its lookup masks the hash
    // where the immutable map's divides.
    this.slotById = byId;
    this.nameById = Collections.unmodifiableMap(new LinkedHashMap<>(nameById));
  }

  /**
   * Binds every trainable parameter ({@code name → id}, in the block's order) to exactly one group.
   *
   * @throws InvalidScheduleException listing every unmatched parameter, every parameter matched by
   *     more than one group, and every group that matches nothing
   */
  static GroupBinding bind(List<ParameterGroup> groups, Map<String, String> idByName) {
    Map<String, Integer> groupById = new LinkedHashMap<>();
    Map<String, String> nameById = new LinkedHashMap<>();
    List<String> unmatched = new ArrayList<>();
    List<Violation> twice = new ArrayList<>();
    int[] hits = new int[groups.size()];
    idByName.forEach((name, id) -> {
      List<Integer> matching = new ArrayList<>();
      for (int g = 0; g < groups.size(); g++) {
        if (groups.get(g).selector().matches(name)) {
          matching.add(g);
          hits[g]++;
        }
      }
      if (matching.isEmpty()) {
        unmatched.add(name);
      } else if (matching.size() > 1) {
        twice.add(RuntimeCode.parametersMatchedTwice(name, matching.stream().map(g -> describe(groups.get(g))).toList()));
      }
      groupById.put(id, matching.isEmpty() ? -1 : matching.get(0));
      nameById.put(id, name);
    });
    List<Violation> found = new ArrayList<>();
    if (!unmatched.isEmpty()) {
      found.add(RuntimeCode.parametersUnmatched(unmatched));
    }
    found.addAll(twice);
    for (int g = 0; g < groups.size(); g++) {
      if (hits[g] == 0) {
        ParameterGroup group = groups.get(g);
        found.add(RuntimeCode.unusedGroup(group.name(), group.selector().text(), List.copyOf(idByName.keySet())));
      }
    }
    InvalidScheduleException.throwIfErrors(found);
    return new GroupBinding(groupById, nameById);
  }

  /**
   * The same parameters bound to other groups (those a resume chose).
   *
   * @throws InvalidScheduleException as {@link #bind} does
   */
  GroupBinding rebind(List<ParameterGroup> groups) {
    Map<String, String> idByName = new LinkedHashMap<>();
    nameById.forEach((id, name) -> idByName.put(name, id));
    return bind(groups, idByName);
  }

  private static String describe(ParameterGroup group) {
    return group.name() + " (" + group.selector().text() + ")";
  }

  /**
   * The slot of a parameter id: its index, group and name.
   *
   * @throws InvalidScheduleException ({@code UnknownParameter}) for an id not bound
   */
  Slot slotOf(String parameterId) {
    // DJL updates the parameters in the block's order, each once per device in a row, and passes
    // the very String its Parameter holds (the one bound here). So the parameter asked for is
    // almost always the one served last or the next one, recognised by identity: an array read
    // and a comparison rather than hashing and comparing 36-character ids. Anything else (another
    // order, an equal but distinct String) takes the hash lookup, which is always right.
    int last = lastServed;
    if (last < ids.length) {
      if (ids[last] == parameterId) {
        return slots[last];
      }
      int next = last + 1 == ids.length ? 0 : last + 1;
      if (ids[next] == parameterId) {
        lastServed = next;
        return slots[next];
      }
    }
    Slot slot = slotById.get(parameterId);
    if (slot == null) {
      throw new InvalidScheduleException(RuntimeCode.unknownParameter(parameterId));
    }
    lastServed = slot.index();
    return slot;
  }

  /** How many parameters are bound. */
  int size() {
    return ids.length;
  }

  /** The name of a bound parameter id. */
  String nameOf(String parameterId) {
    return slotOf(parameterId).name();
  }

  /** The bound names, in the block's order. */
  List<String> names() {
    return List.copyOf(nameById.values());
  }
}
