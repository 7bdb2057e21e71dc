package dev.anneal.runtime;

import dev.anneal.rules.Code;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which group each trainable parameter belongs to, by DJL parameter id (what the optimizer sees)
 * and by name (what checkpoints store: ids are random per model instance).
 */
final class GroupBinding {
  private final Map<String, Integer> groupById;
  private final Map<String, String> nameById;

  private GroupBinding(Map<String, Integer> groupById, Map<String, String> nameById) {
    this.groupById = Map.copyOf(groupById);
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
    List<String> twice = new ArrayList<>();
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
        twice.add(name + " is selected by " + String.join(" and ", matching.stream().map(g -> describe(groups.get(g))).toList()));
      }
      groupById.put(id, matching.isEmpty() ? -1 : matching.get(0));
      nameById.put(id, name);
    });
    List<Violation> found = new ArrayList<>();
    if (!unmatched.isEmpty()) {
      found.add(Code.PARAMETERS_UNMATCHED.at("groups", unmatched, String.join(", ", unmatched)));
    }
    for (String problem : twice) {
      found.add(Code.PARAMETERS_MATCHED_TWICE.at("groups", problem, problem));
    }
    for (int g = 0; g < groups.size(); g++) {
      if (hits[g] == 0) {
        ParameterGroup group = groups.get(g);
        found.add(Code.UNUSED_GROUP.at(
            "groups." + group.name(), group.selector().text(), group.name(), group.selector().text(), String.join(", ", idByName.keySet())));
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
   * The group index of a parameter id.
   *
   * @throws InvalidScheduleException ({@code UnknownParameter}) for an id not bound
   */
  int groupOf(String parameterId) {
    Integer group = groupById.get(parameterId);
    if (group == null) {
      throw new InvalidScheduleException(Code.UNKNOWN_PARAMETER.at("parameterId", parameterId, parameterId));
    }
    return group;
  }

  /** The name of a bound parameter id. */
  String nameOf(String parameterId) {
    groupOf(parameterId);
    return nameById.get(parameterId);
  }

  /** The bound names, in the block's order. */
  List<String> names() {
    return List.copyOf(nameById.values());
  }
}
