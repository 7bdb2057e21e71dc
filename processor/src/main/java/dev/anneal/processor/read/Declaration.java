package dev.anneal.processor.read;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * One annotated type, as written: what to generate and from what.
 *
 * @param type the annotated type
 * @param plan whether it is a {@code @TrainingPlan} (else a {@code @TrainingSchedule})
 * @param packageName the package of the annotated type and of the generated class
 * @param simpleNames the annotated type's simple name, preceded by its enclosing types' names
 * @param generatedName the simple name of the class to generate
 * @param parameters the record's components for a parameterized declaration, else empty
 * @param channels the channels; one for a schedule
 * @param where the annotation
 * @param nameWhere the {@code name} value when written, else the annotation
 */
public record Declaration(
    TypeElement type,
    boolean plan,
    String packageName,
    List<String> simpleNames,
    String generatedName,
    Optional<List<RecordParameter>> parameters,
    List<ChannelDraft> channels,
    Site where,
    Site nameWhere) {

  public Declaration {
    simpleNames = List.copyOf(simpleNames);
    channels = List.copyOf(channels);
  }

  /** Whether {@code name} was written (else the generated name is the default). */
  public boolean nameWritten() {
    return nameWhere.value() != null;
  }

  /** The generated class's qualified name. */
  public String generatedQualifiedName() {
    return packageName.isEmpty() ? generatedName : packageName + "." + generatedName;
  }

  /** Whether lengths and values may name the components of a record. */
  public boolean parameterized() {
    return parameters.isPresent();
  }
}
