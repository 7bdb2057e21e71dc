package dev.anneal.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.anneal.processor.describe.ClassCode;
import dev.anneal.processor.describe.ScheduleCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/** Writes one generated file: a schedule class, or a plan class with a nested class per channel. */
public final class ClassWriter {
  /** The value of {@code @Generated}: the processor, and no date (builds stay reproducible). */
  static final String GENERATOR = "dev.anneal.processor.AnnealProcessor";

  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  /** The file; {@code origin} (the annotated type) is its originating element. */
  public JavaFile write(ClassCode code, Element origin) {
    ClassName self = ClassName.get(code.packageName(), code.simpleName());
    TypeSpec.Builder type;
    if (!code.plan()) {
      type = new ScheduleClassWriter(code.schedules().get(0)).write(self, false);
    } else {
      type = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL).addJavadoc("$L", code.javadoc());
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
      for (ScheduleCode schedule : code.schedules()) {
        type.addType(new ScheduleClassWriter(schedule).write(self.nestedClass(schedule.simpleName()), true).build());
      }
      plan(type, code, self);
    }
    type.addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", GENERATOR).build());
    type.addOriginatingElement(origin);
    return JavaFile.builder(code.packageName(), type.build()).skipJavaLangImports(true).indent("  ").build();
  }

  private static void plan(TypeSpec.Builder type, ClassCode code, ClassName self) {
    ClassName plan = ClassName.get(Plan.class);
    if (code.config().isEmpty()) {
      CodeBlock.Builder body = CodeBlock.builder()
          .addStatement("$T<$T, $T> channels = new $T<>()", Map.class, String.class, ScheduleClassWriter.SCHEDULE, LinkedHashMap.class);
      for (ScheduleCode schedule : code.schedules()) {
        body.addStatement("channels.put($S, $T.SCHEDULE)", schedule.channel(), self.nestedClass(schedule.simpleName()));
      }
      body.addStatement("return new $T(channels)", plan);
      type.addMethod(MethodSpec.methodBuilder("plan")
          .addJavadoc("The plan: each channel's generated schedule.\n")
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(plan).addCode(body.build()).build());
      return;
    }
    ClassName config = ValidatorWriter.configClass(code.config().get());
    CodeBlock.Builder validate = CodeBlock.builder().addStatement("$T<$T> found = new $T<>()", List.class, Violation.class, ArrayList.class);
    for (ScheduleCode schedule : code.schedules()) {
      validate.addStatement("found.addAll($T.validate(config))", self.nestedClass(schedule.simpleName()));
    }
    validate.add("// A length the channels share is checked by each: report it once.\n");
    validate.addStatement("return found.stream().distinct().toList()");
    type.addMethod(MethodSpec.methodBuilder("validate")
        .addJavadoc("Every violation of {@code config} in every channel.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(List.class, Violation.class))
        .addParameter(config, "config")
        .addCode(validate.build())
        .build());
    CodeBlock.Builder of = CodeBlock.builder()
        .addStatement("$T.throwIfErrors(validate(config))", InvalidScheduleException.class)
        .addStatement("$T<$T, $T> channels = new $T<>()", Map.class, String.class, ScheduleClassWriter.SCHEDULE, LinkedHashMap.class);
    for (ScheduleCode schedule : code.schedules()) {
      of.addStatement("channels.put($S, $T.of(config))", schedule.channel(), self.nestedClass(schedule.simpleName()));
    }
    of.addStatement("return new $T(channels)", plan);
    type.addMethod(MethodSpec.methodBuilder("of")
        .addJavadoc("The plan of {@code config}.\n\n@throws $T with every violation of every channel\n", InvalidScheduleException.class)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(plan)
        .addParameter(config, "config")
        .addCode(of.build())
        .build());
  }
}
