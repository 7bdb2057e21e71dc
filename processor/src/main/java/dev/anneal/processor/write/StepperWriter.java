package dev.anneal.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.anneal.processor.describe.PhaseCode;
import dev.anneal.processor.describe.ScheduleCode;
import javax.lang.model.element.Modifier;

/**
 * Writes the stepper: an object for a training loop that knows the current phase and local step,
 * so {@code next()} computes one value and advances without searching for the phase.
 */
final class StepperWriter {
  private final ScheduleCode code;
  private final Names names;

  StepperWriter(ScheduleCode code, Names names) {
    this.code = code;
    this.names = names;
  }

  void write(TypeSpec.Builder type, ClassName self) {
    ClassName stepper = self.nestedClass("Stepper");
    type.addMethod(MethodSpec.methodBuilder("stepper")
        .addJavadoc("A stepper at step 0, for a training loop: call {@link Stepper#next()} once per update.\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(stepper)
        .addStatement("return new $T()", stepper)
        .build());
    CodeBlock.Builder next = CodeBlock.builder().addStatement("double value").beginControlFlow("switch (phase)");
    for (PhaseCode phase : code.phases()) {
      next.add("case $L:\n", phase.index()).indent();
      next.addStatement("value = phase$L(local)", phase.index());
      if (!phase.open()) {
        next.beginControlFlow("if (++local == $N)", names.of(phase.field("steps")));
        next.addStatement("phase = $L", phase.index() + 1).addStatement("local = 0").endControlFlow();
      } else {
        next.addStatement("local++");
      }
      next.addStatement("break").unindent();
    }
    next.add("default:\n").indent().addStatement("value = pastEnd(step)").unindent();
    // Past Long.MAX_VALUE the step would wrap to a negative one: an error, never a wrap-around.
    next.endControlFlow().addStatement("step = $T.incrementExact(step)", Math.class).addStatement("return value");
    TypeSpec.Builder nested = TypeSpec.classBuilder(stepper)
        .addJavadoc("Walks the schedule one update at a time, from step 0; not thread-safe (one per training loop).\n")
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addField(int.class, "phase", Modifier.PRIVATE)
        .addField(long.class, "local", Modifier.PRIVATE)
        .addField(long.class, "step", Modifier.PRIVATE)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("step")
            .addJavadoc("The step whose value the next call of {@link #next()} returns.\n")
            .addModifiers(Modifier.PUBLIC).returns(long.class).addStatement("return step").build())
        .addMethod(MethodSpec.methodBuilder("next")
            .addJavadoc("The value at {@link #step()}, that is {@code valueAt(step())}; then moves to the next step.\n\n"
                + "@throws ArithmeticException at step {@code Long.MAX_VALUE}, rather than wrap to a negative step\n")
            .addModifiers(Modifier.PUBLIC).returns(double.class).addCode(next.build()).build());
    type.addType(nested.build());
  }
}
