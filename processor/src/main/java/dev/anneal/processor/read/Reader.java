package dev.anneal.processor.read;

import dev.anneal.annotation.Curve;
import dev.anneal.annotation.TrainingPlan;
import dev.anneal.annotation.TrainingSchedule;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * Reads {@code @TrainingSchedule} and {@code @TrainingPlan} mirrors into {@link Declaration}s that
 * remember where each value was written. It checks nothing beyond what it needs to read.
 */
public final class Reader {
  private final Elements elements;

  public Reader(Elements elements) {
    this.elements = elements;
  }

  /** The {@code @TrainingSchedule} on {@code type}. */
  public Declaration schedule(TypeElement type) {
    AnnotationMirror mirror = Mirrors.find(type, TrainingSchedule.class.getCanonicalName()).orElseThrow();
    Site where = new Site(type, mirror, null);
    Map<String, AnnotationValue> values = Mirrors.explicit(mirror);
    AnnotationValue channelValue = values.get("channel");
    Located<String> channel = channelValue == null
        ? new Located<>(Plan.LR, where)
        : new Located<>((String) channelValue.getValue(), where.at(channelValue));
    ChannelDraft only = new ChannelDraft(channel, phases(where, values.get("phases")), afterEnd(where, values.get("afterEnd")), "", where);
    return declaration(type, false, values, "Schedule", List.of(only), where);
  }

  /** The {@code @TrainingPlan} on {@code type}. */
  public Declaration plan(TypeElement type) {
    AnnotationMirror mirror = Mirrors.find(type, TrainingPlan.class.getCanonicalName()).orElseThrow();
    Site where = new Site(type, mirror, null);
    Map<String, AnnotationValue> values = Mirrors.explicit(mirror);
    List<ChannelDraft> channels = new ArrayList<>();
    AnnotationValue channelsValue = values.get("channels");
    if (channelsValue != null) {
      for (AnnotationValue channelValue : Mirrors.array(channelsValue)) {
        if (!(channelValue.getValue() instanceof AnnotationMirror channel)) {
          continue; // javac reports the malformed value itself
        }
        Site at = where.at(channelValue);
        Map<String, AnnotationValue> attributes = Mirrors.explicit(channel);
        AnnotationValue nameValue = attributes.get("name");
        String name = nameValue == null ? "" : String.valueOf(nameValue.getValue());
        channels.add(new ChannelDraft(
            new Located<>(name, nameValue == null ? at : where.at(nameValue)),
            phases(where, attributes.get("phases")),
            afterEnd(where, attributes.get("afterEnd")),
            "channels." + name,
            at));
      }
    }
    return declaration(type, true, values, "Plan", channels, where);
  }

  private Declaration declaration(
      TypeElement type, boolean plan, Map<String, AnnotationValue> values, String suffix, List<ChannelDraft> channels, Site where) {
    List<String> simpleNames = new ArrayList<>();
    Element current = type;
    while (current instanceof TypeElement enclosing) {
      simpleNames.add(0, enclosing.getSimpleName().toString());
      current = enclosing.getEnclosingElement();
    }
    PackageElement pkg = elements.getPackageOf(type);
    AnnotationValue nameValue = values.get("name");
    String generated = nameValue == null || String.valueOf(nameValue.getValue()).isEmpty()
        ? String.join("_", simpleNames) + suffix
        : String.valueOf(nameValue.getValue());
    Optional<List<RecordParameter>> parameters = type.getKind() == ElementKind.RECORD ? Optional.of(parameters(type)) : Optional.empty();
    return new Declaration(type, plan, pkg.getQualifiedName().toString(), simpleNames, generated, parameters, channels, where,
        nameValue == null ? where : where.at(nameValue));
  }

  private static List<RecordParameter> parameters(TypeElement record) {
    List<RecordParameter> out = new ArrayList<>();
    for (RecordComponentElement component : record.getRecordComponents()) {
      TypeKind kind = component.asType().getKind();
      RecordParameter.Numeric numeric = switch (kind) {
        case BYTE, SHORT, INT, LONG -> RecordParameter.Numeric.INTEGER;
        case FLOAT, DOUBLE -> RecordParameter.Numeric.DOUBLE;
        default -> null;
      };
      out.add(new RecordParameter(component.getSimpleName().toString(), numeric, component.asType().toString(), component));
    }
    return out;
  }

  private static Located<AfterEnd> afterEnd(Site where, AnnotationValue value) {
    return value == null ? new Located<>(AfterEnd.HOLD, where) : new Located<>(AfterEnd.valueOf(Mirrors.enumName(value)), where.at(value));
  }

  private static List<PhaseDraft> phases(Site where, AnnotationValue value) {
    List<PhaseDraft> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (AnnotationValue phaseValue : Mirrors.array(value)) {
      if (!(phaseValue.getValue() instanceof AnnotationMirror phase)) {
        continue;
      }
      Map<String, AnnotationValue> attributes = Mirrors.explicit(phase);
      AnnotationValue shape = attributes.get("shape");
      if (shape == null) {
        continue; // javac reports the missing attribute
      }
      Map<String, Located<String>> given = new LinkedHashMap<>();
      Optional<Located<List<Located<String>>>> milestones = Optional.empty();
      for (Map.Entry<String, AnnotationValue> attribute : attributes.entrySet()) {
        String name = attribute.getKey();
        AnnotationValue attributeValue = attribute.getValue();
        Object raw = attributeValue.getValue();
        if (name.equals("shape")) {
          continue;
        }
        if (name.equals("milestones")) {
          List<Located<String>> items = new ArrayList<>();
          for (AnnotationValue item : Mirrors.array(attributeValue)) {
            items.add(new Located<>(String.valueOf(item.getValue()), where.at(item)));
          }
          milestones = Optional.of(new Located<>(items, where.at(attributeValue)));
        } else if (raw instanceof String || raw instanceof Boolean) {
          given.put(name, new Located<>(String.valueOf(raw), where.at(attributeValue)));
        } else {
          given.put(name, new Located<>(Mirrors.enumName(attributeValue), where.at(attributeValue)));
        }
      }
      out.add(new PhaseDraft(Curve.valueOf(Mirrors.enumName(shape)), given, milestones, where.at(phaseValue)));
    }
    return out;
  }
}
