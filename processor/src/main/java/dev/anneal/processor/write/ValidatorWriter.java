package dev.anneal.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.anneal.processor.check.Condition;
import dev.anneal.processor.describe.Binding;
import dev.anneal.processor.describe.ConfigType;
import dev.anneal.processor.describe.ScheduleCode;
import dev.anneal.processor.expression.Expression;
import dev.anneal.processor.expression.Printer;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.lang.model.element.Modifier;

/**
 * Writes what a parameterized schedule adds: the constructor that computes every constant from a
 * config, {@code validate(config)} (every violation: non-finite values, the derived conditions,
 * then the model's rules on the computed values, each reported at the attribute and naming the
 * config's values), and {@code of(config)}, which refuses an invalid config with all of them.
 */
final class ValidatorWriter {
  private final ScheduleCode code;
  private final ClassName self;
  private final ClassName config;

  ValidatorWriter(ScheduleCode code, ClassName self, Names names) {
    this.code = code;
    this.self = self;
    this.config = configClass(code.config().orElseThrow());
  }

  static ClassName configClass(ConfigType type) {
    List<String> names = type.simpleNames();
    return ClassName.get(type.packageName(), names.get(0), names.subList(1, names.size()).toArray(String[]::new));
  }

  void write(TypeSpec.Builder type, ScheduleClassWriter schedule) {
    type.addMethod(MethodSpec.constructorBuilder()
        .addJavadoc("Computes every constant from {@code config}; builds the interpreted schedule only for a config that passed {@link #validate}.\n")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(config, "config")
        .addParameter(boolean.class, "interpret")
        .addCode(schedule.assignments())
        .addStatement("this.interpreted = interpret ? $T.sequence(shapes(), lengths(), $T.$L) : null",
            ScheduleClassWriter.CONFIG_BINDING, ScheduleClassWriter.AFTER_END, code.afterEnd())
        .build());
    type.addMethod(MethodSpec.methodBuilder("of")
        .addJavadoc("The schedule of {@code config}.\n\n@throws $T with every violation {@link #validate} finds\n", InvalidScheduleException.class)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(self)
        .addParameter(config, "config")
        .addStatement("$T.throwIfErrors(validate(config))", InvalidScheduleException.class)
        .addStatement("return new $T(config, true)", self)
        .build());
    type.addMethod(validate());
    type.addMethod(located());
    type.addMethod(MethodSpec.methodBuilder("shapes").addModifiers(Modifier.PRIVATE)
        .returns(ParameterizedTypeName.get(List.class, Shape.class)).addStatement("return $L", schedule.shapes()).build());
    type.addMethod(MethodSpec.methodBuilder("lengths").addModifiers(Modifier.PRIVATE)
        .returns(ParameterizedTypeName.get(List.class, Long.class)).addStatement("return $L", schedule.lengths()).build());
    type.addMethod(MethodSpec.methodBuilder("declaredLengths").addModifiers(Modifier.PRIVATE)
        .addJavadoc("The lengths as declared, for the rules: empty for a phase that lasts forever, so that a config's {@code Long.MAX_VALUE} is\n"
            + "that many steps (refused), never forever.\n")
        .returns(ParameterizedTypeName.get(List.class, OptionalLong.class)).addStatement("return $L", schedule.declaredLengths()).build());
  }

  private MethodSpec validate() {
    CodeBlock.Builder body = CodeBlock.builder().addStatement("$T<$T> found = new $T<>()", List.class, Violation.class, ArrayList.class);
    for (String parameter : code.finiteParameters()) {
      body.addStatement("$T.finite(found, $S, config.$N())", Rules.class, parameter, parameter);
    }
    List<Condition> divisors = code.conditions().stream().filter(Condition::divisor).toList();
    List<Condition> lengths = code.conditions().stream().filter(c -> !c.divisor()).toList();
    if (!code.finiteParameters().isEmpty() && divisors.isEmpty()) {
      body.beginControlFlow("if (!found.isEmpty())").addStatement("return found").endControlFlow();
    }
    body.addStatement("$T candidate", self);
    // The conditions compute with Math.multiplyExact and the like, as the constructor does: an
    // overflow is reported, never a wrapped value tested (and a false condition printed).
    body.beginControlFlow("try");
    if (!divisors.isEmpty()) {
      for (Condition condition : divisors) {
        require(body, condition);
      }
      body.beginControlFlow("if (!found.isEmpty())").addStatement("return found").endControlFlow();
    }
    if (!lengths.isEmpty()) {
      for (Condition condition : lengths) {
        require(body, condition);
      }
      body.beginControlFlow("if (!found.isEmpty())").addStatement("return found").endControlFlow();
    }
    body.addStatement("candidate = new $T(config, false)", self);
    body.nextControlFlow("catch ($T e)", ArithmeticException.class);
    body.add("// An integer expression overflowed a long: no schedule can have such a length.\n");
    body.addStatement("found.add($T.lengthOverflow($S, null, Long.MAX_VALUE - 1))", RuleCode.class, code.path());
    body.addStatement("return found");
    if (!code.geometry().isEmpty()) {
      body.nextControlFlow("catch ($T e)", InvalidScheduleException.class);
      body.add("// A length in a unit the geometry cannot resolve: an amount below 1, or past the 64-bit step range.\n");
      body.addStatement("found.addAll(e.violations())");
      body.addStatement("return found");
    }
    body.endControlFlow();
    body.beginControlFlow("for ($T violation : $T.check(candidate.shapes(), candidate.declaredLengths(), $T.$L, $S))",
        Violation.class, ScheduleClassWriter.CONFIG_BINDING, ScheduleClassWriter.AFTER_END, code.afterEnd(), code.channel());
    body.addStatement("found.add(located(violation, config))").endControlFlow();
    body.addStatement("return found");
    return MethodSpec.methodBuilder("validate")
        .addJavadoc("Every violation of {@code config}, errors and warnings: non-finite values, the conditions its expressions need, then every"
            + " rule of the model on the values they give.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ScheduleClassWriter.VIOLATIONS)
        .addParameter(config, "config")
        .addCode(body.build())
        .build();
  }

  private void require(CodeBlock.Builder body, Condition condition) {
    String java = exact(condition.left()) + " " + condition.operator() + " " + exact(condition.right());
    CodeBlock bound = names(condition).stream().map(name -> CodeBlock.of("$S, config.$N()", name, name)).collect(CodeBlock.joining(", "));
    body.addStatement("$T.require(found, $L, $S, $S, $S, $L)",
        ScheduleClassWriter.CONFIG_BINDING, java, condition.path(), condition.expression(), condition.show(), bound);
  }

  /** Java source for one side of a condition, with the constructor's exact integer arithmetic. */
  private String exact(Expression expression) {
    List<String> integers = code.config().orElseThrow().integers();
    return Printer.java(expression, this::accessor, integers::contains);
  }

  private static List<String> names(Condition condition) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>(condition.left().names());
    out.addAll(condition.right().names());
    return List.copyOf(out);
  }

  private String accessor(String name) {
    return code.config().orElseThrow().read(name);
  }

  private MethodSpec located() {
    CodeBlock.Builder cases = CodeBlock.builder().add("return switch (violation.path()) {\n").indent();
    for (Binding binding : code.bindings()) {
      CodeBlock values = binding.names().stream().map(n -> CodeBlock.of("$S, config.$N()", n, n)).collect(CodeBlock.joining(", "));
      if (values.isEmpty()) {
        cases.add("case $S -> $T.rebind(violation, $S, $S, $S, $S);\n", binding.modelPath(), ScheduleClassWriter.CONFIG_BINDING,
            binding.path(), binding.field(), binding.attribute(), binding.expression());
      } else {
        cases.add("case $S -> $T.rebind(violation, $S, $S, $S, $S, $L);\n", binding.modelPath(), ScheduleClassWriter.CONFIG_BINDING,
            binding.path(), binding.field(), binding.attribute(), binding.expression(), values);
      }
    }
    if (code.path().isEmpty()) {
      cases.add("default -> violation;\n");
    } else {
      cases.add("default -> violation.under($S);\n", code.path());
    }
    cases.unindent().add("};\n");
    return MethodSpec.methodBuilder("located")
        .addJavadoc("A violation of the model, moved to the attribute its value came from.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(Violation.class)
        .addParameter(Violation.class, "violation")
        .addParameter(config, "config")
        .addCode(cases.build())
        .build();
  }
}
