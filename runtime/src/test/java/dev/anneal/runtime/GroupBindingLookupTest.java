package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.rules.InvalidScheduleException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every update finds its parameter's group, whatever order the parameters come in and whichever
 * String instance names them: the lookup tries the parameter after the last one first (DJL's order),
 * and that guess must never serve a parameter another's group.
 */
class GroupBindingLookupTest {
  private static GroupBinding binding() {
    return GroupBinding.bind(List.of(
        ParameterGroup.of("weights", "glob:*_weight", GroupsTest.plan(0.1)),
        ParameterGroup.of("biases", "glob:*_bias", GroupsTest.plan(0.01))), GroupsTest.ids());
  }

  private static int expectedGroup(String id) {
    return id.contains("_weight") ? 0 : 1;
  }

  @Test
  void inTheBlocksOrderOncePerDeviceEachParameterGetsItsGroup() {
    GroupBinding binding = binding();
    List<String> ids = List.copyOf(GroupsTest.ids().values());
    for (int step = 0; step < 3; step++) {
      for (String id : ids) {
        for (int device = 0; device < 2; device++) {
          GroupBinding.Slot slot = binding.slotOf(id);
          assertEquals(expectedGroup(id), slot.group(), id);
          assertEquals(ids.indexOf(id), slot.index(), id);
        }
      }
    }
  }

  @Test
  void inAnyOrderAndThroughEqualButDistinctStringsEachParameterGetsItsGroup() {
    GroupBinding binding = binding();
    Map<String, String> idByName = GroupsTest.ids();
    List<String> ids = new ArrayList<>(idByName.values());
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      Collections.shuffle(ids, random);
      for (String id : ids) {
        String asked = random.nextBoolean() ? id : new String(id.toCharArray());
        GroupBinding.Slot slot = binding.slotOf(asked);
        assertEquals(expectedGroup(id), slot.group(), asked);
        assertEquals(id.replace("-id", ""), slot.name());
      }
    }
  }

  @Test
  void anIdNotBoundIsRefusedByName() {
    GroupBinding binding = binding();
    binding.slotOf("01Linear_weight-id");
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> binding.slotOf("03Linear_weight-id"));
    assertEquals(true, e.getMessage().contains("03Linear_weight-id"), e.getMessage());
  }
}
