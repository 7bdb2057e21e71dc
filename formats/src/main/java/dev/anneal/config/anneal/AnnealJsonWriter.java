package dev.anneal.config.anneal;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Consumption;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.Stepped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the model as Anneal JSON, laid out for people: one phase per line, two spaces of indent,
 * numbers as {@link JsonNumbers} spells them. Optional shape fields at their default are left out;
 * {@code "after"} is always written, so the text says what happens at the end.
 */
final class AnnealJsonWriter {
  private static final String INDENT = "  ";

  private final StringBuilder out = new StringBuilder();
  private final List<Violation> unsupported = new ArrayList<>();
  /** The epoch length of the per-epoch cadences written, or 0 while there is none. */
  private long updatesPerEpoch;
  /** What the clocked schedules written consume per update, or {@code null} while there is none. */
  private Consumption consumption;

  private AnnealJsonWriter() {}

  /** {@code {"lr": {…}, "momentum": {…}}}. */
  static String plan(Plan plan) {
    AnnealJsonWriter writer = new AnnealJsonWriter();
    if (plan.channels().isEmpty()) {
      writer.unsupported.add(ConfigCode.unsupported("", null, "Anneal JSON", "a plan without channels has no Anneal JSON form; add at least an lr channel"));
    }
    writer.out.append("{");
    String separator = "\n";
    for (Map.Entry<String, Schedule> channel : plan.channels().entrySet()) {
      writer.out.append(separator).append(INDENT).append(FieldForm.quote(channel.getKey())).append(": ");
      writer.schedule(channel.getValue(), INDENT, channel.getKey());
      separator = ",\n";
    }
    writer.out.append("\n}\n");
    writer.geometryAtTop();
    return writer.finish();
  }

  /** One schedule, as a top-level object. */
  static String schedule(Schedule schedule) {
    AnnealJsonWriter writer = new AnnealJsonWriter();
    writer.schedule(schedule, "", "");
    writer.out.append("\n");
    writer.geometryAtTop();
    return writer.finish();
  }

  private String finish() {
    InvalidScheduleException.throwIfErrors(unsupported);
    return out.toString();
  }

  private void schedule(Schedule schedule, String indent, String path) {
    String inner = indent + INDENT;
    if (schedule instanceof Sequence sequence) {
      out.append("{\n").append(inner).append("\"phases\": [");
      String separator = "\n";
      for (int i = 0; i < sequence.phases().size(); i++) {
        out.append(separator).append(inner).append(INDENT);
        phase(sequence.phases().get(i), join(path, "phases[" + i + "]"));
        separator = ",\n";
      }
      out.append("\n").append(inner).append("],\n");
      out.append(inner).append("\"after\": ").append(FieldForm.quote(sequence.afterEnd().name().toLowerCase(Locale.ROOT)));
      out.append("\n").append(indent).append("}");
    } else if (schedule instanceof Stepped stepped) {
      // The wrapped schedule's own object, with the cadence as its first key.
      int start = out.length();
      schedule(stepped.schedule(), indent, path);
      out.insert(start + 2, inner + "\"cadence\": " + cadence(stepped.cadence()) + ",\n");
    } else if (schedule instanceof Clocked clocked) {
      // The wrapped schedule's own object (lengths in the clock's unit), with the clock as its first key.
      if (consumption == null) {
        consumption = clocked.consumption();
      } else if (!consumption.equals(clocked.consumption())) {
        unsupported.add(ConfigCode.unsupported(path, "Clocked", "Anneal JSON",
            "the schedules of one file share its geometry, but these are clocked by different batch schedules; write them to separate files"));
      }
      int start = out.length();
      schedule(clocked.schedule(), indent, path);
      out.insert(start + 2, inner + "\"" + ScheduleReader.CLOCK + "\": " + FieldForm.quote(clocked.clock().jsonName()) + ",\n");
    } else if (schedule instanceof Product product) {
      out.append("{\n").append(inner).append("\"factors\": [");
      String separator = "\n";
      for (int i = 0; i < product.factors().size(); i++) {
        out.append(separator).append(inner).append(INDENT);
        schedule(product.factors().get(i), inner + INDENT, join(path, "factors[" + i + "]"));
        separator = ",\n";
      }
      out.append("\n").append(inner).append("]\n").append(indent).append("}");
    } else if (schedule instanceof Scaled scaled) {
      out.append("{\n").append(inner).append("\"factor\": ").append(JsonNumbers.text(scaled.factor())).append(",\n");
      out.append(inner).append("\"schedule\": ");
      schedule(scaled.schedule(), inner, join(path, "schedule"));
      out.append("\n").append(indent).append("}");
    } else {
      unsupported.add(ConfigCode.unsupported(path, schedule.getClass().getSimpleName(), "Anneal JSON",
          "Anneal JSON has no form for a " + schedule.getClass().getSimpleName() + " schedule; please report this"));
      out.append("null");
    }
  }

  /**
   * A cadence as Anneal JSON: {@code "epoch"} needs the epoch's length from the file's geometry,
   * which the first per-epoch schedule written supplies ({@code "geometry": {"updates_per_epoch":
   * N}}); a per-epoch schedule of another length is written as {@code {"every": N}}, which steps
   * it the same.
   */
  private String cadence(Cadence cadence) {
    if (cadence instanceof Cadence.PerEpoch) {
      if (updatesPerEpoch == 0) {
        updatesPerEpoch = cadence.updates();
      }
      if (updatesPerEpoch == cadence.updates()) {
        return "\"epoch\"";
      }
    }
    return cadence instanceof Cadence.PerUpdate ? "\"update\"" : "{\"every\": " + cadence.updates() + "}";
  }

  /**
   * The top-level geometry that the cadences and clocks written need, or nothing. A clock's batch
   * schedule is written as {@code batch_steps} at the samples where each batch starts (in tokens,
   * times the sequence length, when it is known), which gives back the same batch for every update.
   */
  private void geometryAtTop() {
    List<String> keys = new ArrayList<>();
    if (updatesPerEpoch > 0) {
      keys.add("\"updates_per_epoch\": " + updatesPerEpoch);
    }
    if (consumption != null) {
      long seq = consumption.sequenceLength();
      if (consumption.knowsTokens()) {
        keys.add("\"sequence_length\": " + seq);
      }
      List<String> steps = new ArrayList<>();
      for (Consumption.Stretch stretch : consumption.stretches()) {
        steps.add((consumption.knowsTokens() ? stretch.samplesBefore() * seq : stretch.samplesBefore()) + ":" + stretch.batch());
      }
      keys.add("\"batch_steps\": " + FieldForm.quote(String.join(" ", steps)));
    }
    if (!keys.isEmpty()) {
      out.insert(1, "\n" + INDENT + "\"" + GeometryReader.KEY + "\": {" + String.join(", ", keys) + "},");
    }
  }

  private void phase(Phase phase, String path) {
    String steps = "\"steps\": " + (phase.isOpen() ? FieldForm.quote(ScheduleReader.FOREVER) : Long.toString(phase.steps()));
    out.append(shape(phase.shape(), path, List.of(steps)));
  }

  /** {@code {"shape": kind, <fields>, <trailing>}} on one line; a nested shape likewise, without trailing keys. */
  private String shape(Shape shape, String path, List<String> trailing) {
    ShapeForm form = ShapeForms.of(shape);
    if (form == null) {
      String type = shape.getClass().getSimpleName();
      unsupported.add(ConfigCode.unsupported(path, type, "Anneal JSON", "Anneal JSON has no form for the " + type + " shape ("
          + ShapeForms.withoutForm().get(shape.getClass()) + "); please report this"));
      return "null";
    }
    List<String> pairs = new ArrayList<>();
    pairs.add("\"shape\": " + FieldForm.quote(form.kind()));
    pairs.addAll(form.write(shape, (field, inner) -> shape(inner, join(path, field), List.of())));
    pairs.addAll(trailing);
    return "{" + String.join(", ", pairs) + "}";
  }

  private static String join(String path, String part) {
    return path.isEmpty() ? part : path + "." + part;
  }
}
