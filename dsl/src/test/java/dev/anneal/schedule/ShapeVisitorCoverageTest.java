package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The visitor cannot lag the model: it has exactly one method per permitted shape, none default. */
class ShapeVisitorCoverageTest {

  @Test
  void theVisitorHasExactlyOneMethodPerPermittedShape() {
    Map<String, String> expected = Arrays.stream(Shape.class.getPermittedSubclasses())
        .collect(Collectors.toMap(type -> "visit" + type.getSimpleName(), Class::getName, (a, b) -> a, TreeMap::new));
    Map<String, String> declared = Arrays.stream(ShapeVisitor.class.getDeclaredMethods())
        .filter(method -> !method.isSynthetic())
        .collect(Collectors.toMap(Method::getName, ShapeVisitorCoverageTest::onlyParameter, (a, b) -> a + " and " + b, TreeMap::new));

    assertEquals(expected, declared);
  }

  @Test
  void theVisitorHasNoDefaultsSoANewShapeIsACompileError() {
    for (Method method : ShapeVisitor.class.getDeclaredMethods()) {
      assertFalse(method.isDefault(), method.getName());
    }
  }

  private static String onlyParameter(Method method) {
    return method.getParameterCount() == 1 ? method.getParameterTypes()[0].getName() : method.toString();
  }
}
