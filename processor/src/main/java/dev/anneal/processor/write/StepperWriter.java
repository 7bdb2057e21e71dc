package dev.anneal.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.anneal.annotation.Curve;
import dev.anneal.processor.describe.PhaseCode;
import dev.anneal.processor.describe.ScheduleCode;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import javax.lang.model.element.Modifier;

/**
 * Writes the stepper: an object for a training loop that knows the current phase and local step,
 * so {@code next()} computes one value and advances without searching for the phase. {@code
 * stepper(startStep)} places it at any step, so a resumed run continues where it stopped.
 *
 * <p>A reactive schedule's stepper carries the {@link ScheduleState} of its plateau phases and
 * takes each metric through {@code observe(metric)}: a loop that walks a plateau schedule with it
 * has the metrics in hand where it steps, and resuming needs the saved state ({@code
 * stepper(startStep, state)}), so no metric is silently dropped.
 */
final class StepperWriter {
  private static final ClassName STATE = ClassName.get(ScheduleState.class);

  private final ScheduleCode code;
  private final Names names;
  private final String interpreted;

  StepperWriter(ScheduleCode code, Names names, String interpreted) {
    this.code = code;
    this.names = names;
    this.interpreted = interpreted;
  }

  void write(TypeSpec.Builder type, ClassName self) {
    if (code.clock().isPresent()) {
      writeClocked(type, self.nestedClass("Stepper"));
      return;
    }
    ClassName stepper = self.nestedClass("Stepper");
    boolean reactive = code.reactive();
    if (reactive) {
      type.addMethod(MethodSpec.methodBuilder("stepper")
          .addJavadoc("A stepper at step 0 with no metric observed, for a training loop: call {@link Stepper#next()} once per update and\n"
              + "{@link Stepper#observe(double)} with each metric the plateau phases watch.\n")
          .addModifiers(Modifier.PUBLIC).returns(stepper)
          .addStatement("return new $T(0, 0, 0, initialState())", stepper).build());
      type.addMethod(position(stepper, true));
    } else {
      type.addMethod(MethodSpec.methodBuilder("stepper")
          .addJavadoc("A stepper at step 0, for a training loop: call {@link Stepper#next()} once per update.\n")
          .addModifiers(Modifier.PUBLIC).returns(stepper)
          .addStatement("return new $T(0, 0, 0)", stepper).build());
      type.addMethod(position(stepper, false));
    }
    TypeSpec.Builder nested = TypeSpec.classBuilder(stepper)
        .addJavadoc(reactive
            ? "Walks the schedule one update at a time, carrying the state of its plateau phases; not thread-safe (one per training loop).\n"
            : "Walks the schedule one update at a time; not thread-safe (one per training loop).\n")
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addField(int.class, "phase", Modifier.PRIVATE)
        .addField(long.class, "local", Modifier.PRIVATE)
        .addField(long.class, "step", Modifier.PRIVATE);
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
        .addParameter(int.class, "phase").addParameter(long.class, "local").addParameter(long.class, "step")
        .addStatement("this.phase = phase").addStatement("this.local = local").addStatement("this.step = step");
    if (reactive) {
      addState(nested, constructor);
    }
    nested.addMethod(constructor.build()).addMethod(stepAccessor()).addMethod(next(reactive).addCode(nextBody(reactive)).build());
    if (reactive) {
      addPlateauMethods(nested,
          "Reports {@code metric} (a validation loss, say) measured after the update that used the value {@link #next()} last\n"
              + "returned; a plateau phase active at that step reacts to it, as {@link $T#observe} does.\n\n",
          "The state of the plateau phases after every metric observed so far: save it with the step to resume with\n"
              + "{@code stepper(step, state)}.\n");
    }
    type.addType(nested.build());
  }

  /**
   * A clocked schedule's stepper: each update's value is {@code valueAt(step)}, whose position is
   * one binary search over the consumption's few stretches, so a stepper that tracked phases would
   * save little and could drift from the consumed samples; {@code stepper(startStep)} is exact
   * because it is {@code valueAt} from there on.
   */
  private void writeClocked(TypeSpec.Builder type, ClassName stepper) {
    boolean reactive = code.reactive();
    String state = reactive ? ", state" : "";
    type.addMethod(MethodSpec.methodBuilder("stepper")
        .addJavadoc("A stepper at step 0$L, for a training loop: call {@link Stepper#next()} once per update$L.\n",
            reactive ? " with no metric observed" : "", reactive ? " and {@link Stepper#observe(double)} with each metric" : "")
        .addModifiers(Modifier.PUBLIC).returns(stepper)
        .addStatement("return new $T(0$L)", stepper, reactive ? ", initialState()" : "").build());
    MethodSpec.Builder resumed = MethodSpec.methodBuilder("stepper")
        .addJavadoc("A stepper at {@code startStep}, for a resumed run: its values are those a stepper from step 0 gives from\n"
            + "{@code startStep} on$L.\n\n@throws $T ({@code NegativeStep}) if {@code startStep < 0}\n",
            reactive ? " having observed the metrics that gave {@code state}" : "", ClassName.get("dev.anneal.rules", "InvalidScheduleException"))
        .addModifiers(Modifier.PUBLIC).returns(stepper).addParameter(long.class, "startStep");
    if (reactive) {
      resumed.addParameter(STATE, "state");
    }
    type.addMethod(resumed.addStatement("$T.requireStep(startStep)", Schedule.class).addStatement("return new $T(startStep$L)", stepper, state).build());
    TypeSpec.Builder nested = TypeSpec.classBuilder(stepper)
        .addJavadoc("Walks the schedule one update at a time, each value at the $L consumed before the update; not thread-safe (one per\n"
            + "training loop).\n", code.clock().get().jsonName())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addField(long.class, "step", Modifier.PRIVATE);
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
        .addParameter(long.class, "step").addStatement("this.step = step");
    if (reactive) {
      addState(nested, constructor);
    }
    nested.addMethod(constructor.build()).addMethod(stepAccessor())
        .addMethod(next(reactive)
            .addStatement("double value = valueAt(step$L)", state)
            .addStatement("step = $T.incrementExact(step)", Math.class)
            .addStatement("return value").build());
    if (reactive) {
      addPlateauMethods(nested,
          "Reports {@code metric} measured after the update that used the value {@link #next()} last returned, as {@link $T#observe}\n"
              + "does.\n\n",
          "The state of the plateau phases after every metric observed so far: save it with the step to resume.\n");
    }
    type.addType(nested.build());
  }

  /** A reactive stepper's plateau state: a field, and the constructor's last parameter. */
  private static void addState(TypeSpec.Builder nested, MethodSpec.Builder constructor) {
    nested.addField(STATE, "state", Modifier.PRIVATE);
    constructor.addParameter(STATE, "state").addStatement("this.state = state");
  }

  private static MethodSpec stepAccessor() {
    return MethodSpec.methodBuilder("step")
        .addJavadoc("The step whose value the next call of {@link #next()} returns.\n")
        .addModifiers(Modifier.PUBLIC).returns(long.class).addStatement("return step").build();
  }

  /** {@code next()}'s signature and Javadoc; each kind of stepper writes its body. */
  private static MethodSpec.Builder next(boolean reactive) {
    return MethodSpec.methodBuilder("next")
        .addJavadoc("The value at {@link #step()}, that is {@code valueAt(step()$L)}; then moves to the next step.\n\n"
            + "@throws ArithmeticException at step {@code Long.MAX_VALUE}, rather than wrap to a negative step\n", reactive ? ", state()" : "")
        .addModifiers(Modifier.PUBLIC).returns(double.class);
  }

  /**
   * A reactive stepper's {@code observe(metric)} and {@code state()}.
   *
   * @param observeDoc the first paragraph of {@code observe}'s Javadoc, with a {@code $T} for {@code Schedule}
   */
  private void addPlateauMethods(TypeSpec.Builder nested, String observeDoc, String stateDoc) {
    nested.addMethod(MethodSpec.methodBuilder("observe")
        .addJavadoc(observeDoc + "@throws IllegalStateException before the first call of {@link #next()}: no update has used a value yet\n",
            Schedule.class)
        .addModifiers(Modifier.PUBLIC).addParameter(double.class, "metric")
        .beginControlFlow("if (step == 0)")
        .addStatement("throw new $T($S)", IllegalStateException.class, "observe(metric) follows next(): no update has used a value yet")
        .endControlFlow()
        .addStatement("state = $N.observe(state, step - 1, metric)", interpreted).build());
    nested.addMethod(MethodSpec.methodBuilder("state")
        .addJavadoc(stateDoc)
        .addModifiers(Modifier.PUBLIC).returns(STATE).addStatement("return state").build());
  }

  /** {@code stepper(startStep)}: the phase and local step of {@code startStep}, found once by the boundaries. */
  private MethodSpec position(ClassName stepper, boolean reactive) {
    String state = reactive ? ", state" : "";
    MethodSpec.Builder method = MethodSpec.methodBuilder("stepper")
        .addModifiers(Modifier.PUBLIC).returns(stepper).addParameter(long.class, "startStep");
    if (reactive) {
      method.addJavadoc("A stepper at {@code startStep} with the plateau phases in {@code state} (what {@link Stepper#state()} returned\n"
              + "when the run stopped there), for a resumed run: its values are those a stepper from step 0 that observed the same\n"
              + "metrics gives from {@code startStep} on.\n\n"
              + "@throws $T ({@code NegativeStep}) if {@code startStep < 0}\n", ClassName.get("dev.anneal.rules", "InvalidScheduleException"))
          .addParameter(STATE, "state");
    } else {
      method.addJavadoc("A stepper at {@code startStep}, for a resumed run: its values are those a stepper from step 0 gives from\n"
          + "{@code startStep} on, found without stepping through the earlier ones.\n\n"
          + "@throws $T ({@code NegativeStep}) if {@code startStep < 0}\n", ClassName.get("dev.anneal.rules", "InvalidScheduleException"));
    }
    method.addStatement("$T.requireStep(startStep)", Schedule.class);
    String previous = null;
    for (PhaseCode phase : code.phases()) {
      if (phase.open()) {
        method.addStatement("return new $T($L, startStep$L, startStep$L)", stepper, phase.index(),
            previous == null ? "" : " - " + previous, state);
        return method.build();
      }
      String boundary = names.of(phase.field("boundary"));
      method.beginControlFlow("if (startStep < $N)", boundary)
          .addStatement("return new $T($L, startStep$L, startStep$L)", stepper, phase.index(), previous == null ? "" : " - " + previous, state)
          .endControlFlow();
      previous = boundary;
    }
    // Past the declared end: next() answers as the schedule does there (hold, continue or fail).
    method.addStatement("return new $T($L, 0, startStep$L)", stepper, code.phases().size(), state);
    return method.build();
  }

  private CodeBlock nextBody(boolean reactive) {
    CodeBlock.Builder next = CodeBlock.builder().addStatement("double value").beginControlFlow("switch (phase)");
    for (PhaseCode phase : code.phases()) {
      next.add("case $L:\n", phase.index()).indent();
      if (phase.curve() == Curve.PLATEAU) {
        next.addStatement("value = $N.valueAt(step, state)", interpreted);
      } else {
        next.addStatement("value = phase$L(local)", phase.index());
      }
      if (!phase.open()) {
        next.beginControlFlow("if (++local == $N)", names.of(phase.field("steps")));
        next.addStatement("phase = $L", phase.index() + 1).addStatement("local = 0").endControlFlow();
      } else {
        next.addStatement("local++");
      }
      next.addStatement("break").unindent();
    }
    next.add("default:\n").indent();
    if (reactive) {
      next.addStatement("value = $N.valueAt(step, state)", interpreted);
    } else {
      next.addStatement("value = pastEnd(step)");
    }
    next.unindent();
    // Past Long.MAX_VALUE the step would wrap to a negative one: an error, never a wrap-around.
    return next.endControlFlow().addStatement("step = $T.incrementExact(step)", Math.class).addStatement("return value").build();
  }
}
