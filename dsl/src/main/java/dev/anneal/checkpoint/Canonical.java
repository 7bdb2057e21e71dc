package dev.anneal.checkpoint;

import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Stepped;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plan's definition flattened to {@code path → value} pairs, e.g. {@code
 * lr.phases[1].to → 3.0E-5}: the common ground of fingerprints and of the differences a resume
 * check reports. Doubles keep their exact value (printed with {@link Double#toString}).
 */
final class Canonical {
  private Canonical() {}

  static Map<String, String> of(Plan plan) {
    Map<String, String> out = new TreeMap<>();
    plan.channels().forEach((name, schedule) -> describe(name, schedule, out));
    return out;
  }

  static Map<String, String> of(Schedule schedule) {
    Map<String, String> out = new TreeMap<>();
    describe("", schedule, out);
    return out;
  }

  private static void describe(String path, Schedule schedule, Map<String, String> out) {
    if (schedule instanceof Sequence sequence) {
      List<Phase> phases = sequence.phases();
      out.put(join(path, "phases"), Integer.toString(phases.size()));
      for (int i = 0; i < phases.size(); i++) {
        String at = join(path, "phases[" + i + "]");
        Phase phase = phases.get(i);
        out.put(at + ".steps", phase.isOpen() ? "forever" : Long.toString(phase.steps()));
        shape(at, phase.shape(), out);
      }
      out.put(join(path, "after"), sequence.afterEnd().name());
    } else if (schedule instanceof Scaled scaled) {
      out.put(join(path, "factor"), show(scaled.factor()));
      describe(join(path, "schedule"), scaled.schedule(), out);
    } else if (schedule instanceof Stepped stepped) {
      out.put(join(path, "cadence"), stepped.cadence().kind() + " " + stepped.cadence().updates());
      describe(join(path, "schedule"), stepped.schedule(), out);
    } else if (schedule instanceof Clocked clocked) {
      // The clock and what each update consumes are part of the curve: a different batch schedule is a different plan.
      out.put(join(path, "clock"), clocked.clock().jsonName() + " " + clocked.consumption());
      describe(join(path, "schedule"), clocked.schedule(), out);
    } else if (schedule instanceof Refitted refitted) {
      // Two re-plans of one plan differ in where they start, what they fitted and how the first fitted phase is mapped.
      out.put(join(path, "replannedAt"), Long.toString(refitted.at()));
      out.put(join(path, "fittedFrom"), Long.toString(refitted.afterStart()));
      out.put(join(path, "anchor"), show(refitted.anchorValue()) + " ratio " + show(refitted.ratio()));
      describe(join(path, "original"), refitted.original(), out);
      describe(join(path, "fitted"), refitted.fitted(), out);
    } else if (schedule instanceof Product product) {
      for (int i = 0; i < product.factors().size(); i++) {
        describe(join(path, "factors[" + i + "]"), product.factors().get(i), out);
      }
    } else {
      // A schedule class of its own (e.g. generated code): its class and its record fields, if any.
      out.put(join(path, "class"), schedule.getClass().getName());
      if (schedule instanceof Record) {
        fields(path, (Record) schedule, out);
      }
    }
  }

  /** A shape's kind and fields; a shape that wraps another ({@code Shifted}) lists the inner one's under its field name. */
  private static void shape(String path, Shape shape, Map<String, String> out) {
    out.put(join(path, "shape"), shape.kind());
    fields(path, (Record) shape, out); // every Shape is a record
  }

  private static void fields(String path, Record value, Map<String, String> out) {
    for (RecordComponent component : value.getClass().getRecordComponents()) {
      Object field;
      try {
        Method accessor = component.getAccessor();
        accessor.trySetAccessible(); // a schedule record of the user's is often not public
        field = accessor.invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component.getName() + " of " + value, e);
      }
      if (field instanceof Shape inner) {
        shape(join(path, component.getName()), inner, out);
      } else {
        out.put(join(path, component.getName()), show(field));
      }
    }
  }

  private static String show(Object value) {
    return value instanceof Double d ? Double.toString(d) : String.valueOf(value);
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
