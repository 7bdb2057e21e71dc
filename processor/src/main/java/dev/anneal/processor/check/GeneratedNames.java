package dev.anneal.processor.check;

import dev.anneal.processor.ProcessorCode;
import dev.anneal.processor.read.Declaration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The names of generated classes, checked before anything is written: a {@code name} that is no
 * Java identifier, and a class name that two declarations want, that is the annotated type's own,
 * or that a type of the compilation already has. Each is the user's mistake, reported on the
 * {@code name} value (on the annotation when the name is the default) and naming the other type,
 * rather than left to the {@code Filer}, whose refusal would read as the processor's failure.
 *
 * <p>One instance lives as long as the processor, across rounds: a name claimed in one round is
 * still taken in the next. It sees only the types of this compilation: when a build tool
 * recompiles some types alone (Gradle's incremental compilation), a clash with a type it did not
 * recompile shows in the next full build.
 */
public final class GeneratedNames {
  /** Generated class name → the declaration that generates it. */
  private final Map<String, Claim> claimed = new HashMap<>();
  /** Qualified names of the top-level types compiled from source, other than the classes generated here. */
  private final Set<String> sources = new HashSet<>();

  /** Records a round's root elements, the types compiled from source, except those this processor generated. */
  public void sawRoots(Set<? extends Element> roots) {
    for (Element root : roots) {
      if (root instanceof TypeElement type) {
        String name = type.getQualifiedName().toString();
        if (!claimed.containsKey(name)) {
          sources.add(name);
        }
      }
    }
  }

  /** The findings about {@code declaration}'s generated name; an empty list claims the name for it. */
  public List<Finding> claim(Declaration declaration) {
    List<Finding> out = new ArrayList<>();
    String path = declaration.nameWritten() ? "name" : "";
    String simple = declaration.generatedName();
    if (!SourceVersion.isName(simple) || simple.contains(".")) {
      String hint = suggestion(simple);
      out.add(new Finding(
          ProcessorCode.invalidGeneratedName(path, simple, hint.isEmpty() ? "" : "; did you mean `" + hint + "`?"),
          declaration.nameWhere()));
      return out;
    }
    String qualified = declaration.generatedQualifiedName();
    Claim self = new Claim(declaration.type(), declaration.plan());
    Claim other = claimed.get(qualified);
    String conflict;
    if (self.type().getQualifiedName().contentEquals(qualified)) {
      conflict = "is the annotated type itself";
    } else if (other != null && !other.equals(self)) {
      conflict = other.type().equals(self.type())
          ? "is also generated for the " + other.annotation() + " on the same type"
          : "is also generated for `" + other.type().getQualifiedName() + "`";
    } else if (other == null && sources.contains(qualified)) {
      conflict = "already exists: a type of that name is declared in the sources being compiled";
    } else {
      claimed.put(qualified, self);
      return out;
    }
    String fix = declaration.nameWritten() ? "choose another `name`" : "set `name` to a class name no other type uses";
    out.add(new Finding(ProcessorCode.generatedNameClash(path, qualified, conflict, fix), declaration.nameWhere()));
    return out;
  }

  /** The declaration that claimed a name: its type, and which of the two annotations on it. */
  private record Claim(TypeElement type, boolean plan) {
    String annotation() {
      return plan ? "@TrainingPlan" : "@TrainingSchedule";
    }
  }

  /** A Java identifier close to what was written: {@code my-schedule} → {@code MySchedule}, {@code a.B} → {@code B}; else empty. */
  private static String suggestion(String written) {
    String last = written.substring(written.lastIndexOf('.') + 1);
    StringBuilder out = new StringBuilder();
    for (String part : last.split("[^A-Za-z0-9_$]+")) {
      if (!part.isEmpty()) {
        out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    String candidate = out.toString();
    return SourceVersion.isName(candidate) && !candidate.equals(written) ? candidate : "";
  }
}
