package dev.anneal.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.anneal.geometry.BatchRamp;
import dev.anneal.geometry.ConstantBatch;
import dev.anneal.geometry.MegatronBatchSteps;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.geometry.Unit;
import dev.anneal.internal.ConfigBinding;
import dev.anneal.processor.check.GeometryAttributes;
import dev.anneal.processor.describe.Field;
import dev.anneal.processor.describe.PhaseCode;
import dev.anneal.processor.describe.ScheduleCode;
import dev.anneal.processor.describe.ShapeCall;
import dev.anneal.processor.expression.Printer;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Consumption;
import dev.anneal.schedule.Explanation;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Range;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes one schedule class: its constants, the straight-line {@code valueAt}, one method per
 * phase, the stepper, and the delegation of everything else to the equivalent interpreted
 * sequence. A fixed schedule's constants are {@code static final}; a parameterized one's are
 * fields computed from the config, with {@code validate} and {@code of} ({@link ValidatorWriter}).
 */
final class ScheduleClassWriter {
  static final ClassName SCHEDULE = ClassName.get(Schedule.class);
  static final ClassName SEQUENCE = ClassName.get(Sequence.class);
  static final ClassName AFTER_END = ClassName.get(AfterEnd.class);
  static final ClassName CONFIG_BINDING = ClassName.get(ConfigBinding.class);
  static final TypeName VIOLATIONS = ParameterizedTypeName.get(List.class, Violation.class);

  private final ScheduleCode code;
  private final boolean fixed;
  private final Names names;
  private final String interpreted;
  /** What a clocked schedule's phases count, else null: they count updates. */
  private final Clock clock;

  ScheduleClassWriter(ScheduleCode code) {
    this.code = code;
    this.clock = code.clock().orElse(null);
    this.fixed = !code.parameterized();
    this.names = new Names(fixed);
    this.interpreted = fixed ? "INTERPRETED" : "interpreted";
  }

  TypeSpec.Builder write(ClassName self, boolean nested) {
    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(SCHEDULE)
        .addJavadoc("$L", code.javadoc());
    if (nested) {
      type.addModifiers(Modifier.STATIC);
    }
    if (fixed) {
      type.addField(FieldSpec.builder(self, "SCHEDULE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("The schedule; it has no state, so one instance serves every caller.\n")
          .initializer("new $T()", self)
          .build());
    }
    if (!code.geometry().isEmpty()) {
      type.addField(FieldSpec.builder(RunGeometry.class, "GEOMETRY", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("$L", clock != null
              ? "The run geometry of the annotation, whose batch schedule gives the " + clock.jsonName() + " each update consumes.\n"
              : "The run geometry of the annotation, which the lengths in epochs, samples or tokens are resolved against.\n")
          .initializer(geometry())
          .build());
    }
    if (clock != null) {
      type.addField(FieldSpec.builder(Consumption.class, "CONSUMPTION", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("The samples consumed before each update, as stretches of one batch each: walked once, here, from the geometry's\n"
              + "batch schedule, so that {@code valueAt} finds an update's position by a binary search over a handful of stretches.\n")
          .initializer("GEOMETRY.consumption()")
          .build());
    }
    Modifier[] modifiers = fixed ? new Modifier[] {Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL} : new Modifier[] {Modifier.PRIVATE, Modifier.FINAL};
    for (Field field : code.fields()) {
      FieldSpec.Builder spec = FieldSpec.builder(field.integer() ? TypeName.LONG : TypeName.DOUBLE, names.of(field.name()), modifiers);
      if (!field.doc().isEmpty()) {
        spec.addJavadoc("$L.\n", capitalize(field.doc()));
      }
      if (fixed) {
        spec.initializer(initializer(field));
      }
      type.addField(spec.build());
    }
    FieldSpec.Builder sequence = FieldSpec.builder(interpretedType(), interpreted, modifiers)
        .addJavadoc("The same schedule as the model interprets it, for everything but {@code valueAt}.\n");
    if (fixed && clock != null) {
      sequence.initializer("new $T($T.sequence($L, $L, $T.$L),\n$>$>$T.$L, CONSUMPTION)$<$<", Clocked.class, CONFIG_BINDING, shapes(), lengths(),
          AFTER_END, code.afterEnd(), Clock.class, clock.name());
      type.addField(sequence.build());
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    } else if (fixed) {
      sequence.initializer("$T.sequence($L, $L, $T.$L)", CONFIG_BINDING, shapes(), lengths(), AFTER_END, code.afterEnd());
      type.addField(sequence.build());
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    } else {
      type.addField(sequence.build());
      new ValidatorWriter(code, self, names).write(type, this);
    }
    type.addMethod(valueAt());
    for (PhaseCode phase : code.phases()) {
      type.addMethod(phaseMethod(phase));
    }
    if (clock == null || code.afterEnd() != AfterEnd.FAIL) {
      type.addMethod(pastEnd());
    }
    new StepperWriter(code, names, interpreted).write(type, self);
    delegations(type, self);
    return type;
  }

  /** The constructor of a parameterized schedule: every field from the config, in order. */
  CodeBlock assignments() {
    CodeBlock.Builder out = CodeBlock.builder();
    for (Field field : code.fields()) {
      out.addStatement("this.$N = $L", field.name(), initializer(field));
    }
    return out.build();
  }

  CodeBlock initializer(Field field) {
    Field.Value value = field.value();
    if (value instanceof Field.Literal literal) {
      return literal(literal.number(), field.integer());
    }
    if (value instanceof Field.FromConfig config) {
      return CodeBlock.of("$L", Printer.java(config.expression(), code.config().get()::read, name -> code.config().get().integers().contains(name)));
    }
    if (value instanceof Field.Derived derived) {
      return CodeBlock.of("$L", Printer.java(derived.expression(), names::of, null));
    }
    if (value instanceof Field.InUnit inUnit) {
      String amount = Printer.java(inUnit.amount(), code.config().get()::read, name -> code.config().get().integers().contains(name));
      return CodeBlock.of("$T.updates(GEOMETRY, $L, $T.$L, $L, $S)", CONFIG_BINDING, amount, Unit.class, inUnit.unit().name(),
          inUnit.previous() == null ? "0" : names.of(inUnit.previous()), inUnit.path());
    }
    if (value instanceof Field.Boundary boundary) {
      return CodeBlock.of("$T.boundary($N, $N)", CONFIG_BINDING, names.of(boundary.previous()), names.of(boundary.steps()));
    }
    Field.EndOf end = (Field.EndOf) value;
    return CodeBlock.of("$L.endValue($N)", call(end.shape()), names.of(end.steps()));
  }

  /** The model's schedule this class equals: a {@link Clocked} sequence on a clock, else the sequence. */
  private ClassName interpretedType() {
    return clock != null ? ClassName.get(Clocked.class) : SEQUENCE;
  }

  /**
   * {@code RunGeometry.builder().batchSize(256L)….build()}: the annotation's {@code @Geometry}, call
   * for call; a batch schedule as the processor built it ({@code GeometryAttributes}).
   */
  private CodeBlock geometry() {
    CodeBlock.Builder calls = CodeBlock.builder().add("$T.builder()", RunGeometry.class);
    Map<String, Object> figures = code.geometry();
    figures.forEach((method, value) -> {
      if (method.equals("globalBatch")) {
        calls.add("\n$>$>.batchSchedule(new $T($LL))$<$<", ConstantBatch.class, value);
      } else if (method.equals("batchSteps")) {
        calls.add("\n$>$>.batchSchedule($T.parse($S, $S, $LL))$<$<", MegatronBatchSteps.class, "batchSteps", value, figures.getOrDefault("sequenceLength", 0L));
      } else if (!GeometryAttributes.RAMP.contains(method)) {
        calls.add(".$L($L)", method, value instanceof Long figure ? figure + "L" : value);
      }
    });
    if (figures.containsKey("rampStart")) {
      // rampTokens are floor-divided by the sequence length, as Anneal JSON's batch_ramp.tokens is.
      String samples = figures.containsKey("rampSamples") ? figures.get("rampSamples") + "L"
          : figures.get("rampTokens") + "L / " + figures.get("sequenceLength") + "L";
      calls.add("\n$>$>.batchSchedule(new $T($LL, $LL, $L, $LL))$<$<", BatchRamp.class, figures.get("rampStart"), figures.get("rampIncrement"),
          samples, figures.get("rampFull"));
    }
    return calls.add(".build()").build();
  }

  static CodeBlock literal(Number number, boolean integer) {
    if (integer) {
      long value = number.longValue();
      return value == Phase.OPEN ? CodeBlock.of("$T.OPEN", Phase.class) : CodeBlock.of("$LL", value);
    }
    return CodeBlock.of("$L", Double.toString(number.doubleValue()));
  }

  /** {@code List.of(new Linear(…), …)}: the model's shapes, from the constants. */
  CodeBlock shapes() {
    return CodeBlock.of("$T.<$T>of(\n$>$>$L$<$<)", List.class, Shape.class,
        code.phases().stream().map(p -> call(p.shape())).collect(CodeBlock.joining(",\n")));
  }

  CodeBlock lengths() {
    return CodeBlock.of("$T.of($L)", List.class,
        code.phases().stream().map(p -> CodeBlock.of("$N", names.of(p.field("steps")))).collect(CodeBlock.joining(", ")));
  }

  /** {@code List.of(OptionalLong.of(…), OptionalLong.empty())}: each length as declared, empty for forever. */
  CodeBlock declaredLengths() {
    return CodeBlock.of("$T.of($L)", List.class, code.phases().stream()
        .map(p -> p.open() ? CodeBlock.of("$T.empty()", OptionalLong.class) : CodeBlock.of("$T.of($N)", OptionalLong.class, names.of(p.field("steps"))))
        .collect(CodeBlock.joining(", ")));
  }

  private CodeBlock call(ShapeCall call) {
    CodeBlock args = call.args().stream().map(this::argument).collect(CodeBlock.joining(", "));
    return CodeBlock.of("new $T($L)", call.shape(), args);
  }

  private CodeBlock argument(Object arg) {
    if (arg instanceof String field) {
      return CodeBlock.of("$N", names.of(field));
    }
    if (arg instanceof List<?> list) {
      return CodeBlock.of("$T.of($L)", List.class, list.stream().map(item -> CodeBlock.of("$N", names.of((String) item))).collect(CodeBlock.joining(", ")));
    }
    if (arg instanceof Enum<?> constant) {
      return CodeBlock.of("$T.$L", constant.getDeclaringClass(), constant.name());
    }
    if (arg instanceof Boolean || arg instanceof Long) {
      return CodeBlock.of("$L", arg + (arg instanceof Long ? "L" : ""));
    }
    return CodeBlock.of("$L", Double.toString(((Number) arg).doubleValue()));
  }

  private MethodSpec valueAt() {
    CodeBlock.Builder body = CodeBlock.builder().addStatement("$T.requireStep(step)", SCHEDULE);
    String at = "step";
    if (clock != null) {
      at = "position";
      body.add("// The phases count $L: they are evaluated at the $L consumed before this update.\n", clock.jsonName(), clock.jsonName());
      body.addStatement("long position = CONSUMPTION.position($T.$L, step)", Clock.class, clock.name());
    }
    String previousEnd = null;
    for (PhaseCode phase : code.phases()) {
      String end = names.of(phase.field("boundary"));
      body.beginControlFlow("if ($L < $N)", at, end);
      body.addStatement(previousEnd == null ? "return phase$L($L)" : "return phase$L($L - " + previousEnd + ")", phase.index(), at);
      body.endControlFlow();
      previousEnd = end;
    }
    if (clock != null && code.afterEnd() == AfterEnd.FAIL) {
      // The model reports the end in updates, the unit of the step asked for.
      body.addStatement("return $N.valueAt(step)", interpreted);
    } else {
      body.addStatement("return pastEnd($L)", at);
    }
    return MethodSpec.methodBuilder("valueAt")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addParameter(long.class, "step")
        .addCode(body.build())
        .build();
  }

  private MethodSpec phaseMethod(PhaseCode phase) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("phase" + phase.index())
        .addJavadoc("The value at local step {@code t} of phase $L ($L).\n", phase.index(), phase.curveName())
        .returns(double.class)
        .addParameter(long.class, "t")
        .addCode(new Formulas(names).body(phase));
    return (fixed ? method.addModifiers(Modifier.PRIVATE, Modifier.STATIC) : method.addModifiers(Modifier.PRIVATE)).build();
  }

  /** At and past the declared end: what {@link Sequence} does under the same policy. */
  private MethodSpec pastEnd() {
    String at = clock != null ? "position" : "step";
    MethodSpec.Builder method = MethodSpec.methodBuilder("pastEnd").returns(double.class).addParameter(long.class, at);
    method.addModifiers(fixed ? new Modifier[] {Modifier.PRIVATE, Modifier.STATIC} : new Modifier[] {Modifier.PRIVATE});
    PhaseCode last = code.phases().get(code.phases().size() - 1);
    switch (code.afterEnd()) {
      case HOLD -> method.addStatement("return $N", names.of(code.hold()));
      case CONTINUE -> {
        if (last.index() == 0) {
          method.addStatement("return phase0($L)", at);
        } else {
          method.addStatement("return phase$L($L - $N)", last.index(), at, names.of(code.phases().get(last.index() - 1).field("boundary")));
        }
      }
      case FAIL -> method.addStatement("throw new $T($T.stepBeyondEnd($S, step, $N))",
          InvalidScheduleException.class, RuleCode.class, "step", names.of(code.end()));
    }
    return method.build();
  }

  private void delegations(TypeSpec.Builder type, ClassName self) {
    type.addMethod(delegate("explain", ClassName.get(Explanation.class), "step"));
    type.addMethod(delegate("declaredEnd", ClassName.get(OptionalLong.class), null));
    type.addMethod(MethodSpec.methodBuilder("afterEnd").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(AFTER_END).addStatement("return $T.$L", AFTER_END, code.afterEnd()).build());
    type.addMethod(delegate("phases", ParameterizedTypeName.get(List.class, Phase.class), null));
    type.addMethod(delegate("range", ClassName.get(Range.class), null));
    type.addMethod(delegate("warnings", VIOLATIONS, null));
    if (code.reactive()) {
      ClassName state = ClassName.get(ScheduleState.class);
      type.addMethod(MethodSpec.methodBuilder("valueAt").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(double.class)
          .addParameter(long.class, "step").addParameter(state, "state")
          .addStatement("return $N.valueAt(step, state)", interpreted).build());
      type.addMethod(MethodSpec.methodBuilder("initialState").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(state)
          .addStatement("return $N.initialState()", interpreted).build());
      type.addMethod(MethodSpec.methodBuilder("observe").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(state)
          .addParameter(state, "state").addParameter(long.class, "step").addParameter(double.class, "metric")
          .addStatement("return $N.observe(state, step, metric)", interpreted).build());
      type.addMethod(MethodSpec.methodBuilder("isReactive").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(boolean.class)
          .addStatement("return true").build());
    }
    type.addMethod(MethodSpec.methodBuilder("interpreted")
        .addJavadoc("The same schedule as the model interprets it: {@code valueAt} agrees with it at every step.\n")
        .addModifiers(Modifier.PUBLIC).returns(interpretedType()).addStatement("return $N", interpreted).build());
    type.addMethod(MethodSpec.methodBuilder("toString").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(String.class)
        .addStatement("return $S + $N", self.simpleName() + " ", interpreted).build());
  }

  private MethodSpec delegate(String name, TypeName returns, String parameter) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(returns);
    if (parameter != null) {
      method.addParameter(long.class, parameter).addStatement("return $N.$L($N)", interpreted, name, parameter);
    } else {
      method.addStatement("return $N.$L()", interpreted, name);
    }
    return method.build();
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  static String joined(List<String> parts) {
    return parts.stream().collect(Collectors.joining(", "));
  }
}
