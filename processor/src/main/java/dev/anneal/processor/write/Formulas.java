package dev.anneal.processor.write;

import com.palantir.javapoet.CodeBlock;
import dev.anneal.processor.describe.PhaseCode;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.OneCycle;

/**
 * The body of each phase's method, {@code double phaseN(long t)}: the model shape's formula with
 * its precomputed constants, written so that Java evaluates the same operations in the same order
 * as the shape's {@code valueAt} (the differential tests hold it to bit equality).
 */
final class Formulas {
  private final Names names;

  Formulas(Names names) {
    this.names = names;
  }

  CodeBlock body(PhaseCode phase) {
    CodeBlock.Builder code = CodeBlock.builder();
    // A switch expression, so that a Curve constant without a formula is a compile error here.
    CodeBlock.Builder written = switch (phase.curve()) {
      case CONSTANT -> code.addStatement("return $N", f(phase, "value"));
      case PLATEAU -> code.addStatement("return $N", f(phase, "initial"));
      case LINEAR -> code.addStatement("return $N + $N * ((double) t / $N)", f(phase, "from"), f(phase, "delta"), f(phase, "steps"));
      case COSINE -> code.addStatement("return $N + $N * (1 + Math.cos($N * ((double) t / $N))) / 2",
          f(phase, "to"), f(phase, "amplitude"), f(phase, "angular"), f(phase, "steps"));
      case EXPONENTIAL -> code.addStatement("return $N * Math.pow($N, t)", f(phase, "from"), f(phase, "rate"));
      case EXPONENTIAL_TO -> code.addStatement("return $N * Math.pow($N, (double) t / $N)", f(phase, "from"), f(phase, "ratio"), f(phase, "steps"));
      case POLYNOMIAL -> code.addStatement("return $N + $N * Math.pow(1 - (double) t / $N, $N)",
          f(phase, "to"), f(phase, "amplitude"), f(phase, "steps"), f(phase, "power"));
      case ONE_MINUS_SQRT -> code.addStatement("return $N + $N * (1 - Math.sqrt((double) t / $N))", f(phase, "to"), f(phase, "amplitude"), f(phase, "steps"));
      case INVERSE_SQRT -> code.addStatement("return Math.max($N, $N / Math.sqrt((t + $N) / $N))",
          f(phase, "floor"), f(phase, "peak"), f(phase, "timescale"), f(phase, "timescale"));
      case STEP -> code.addStatement("return $N * Math.pow($N, t / $N)", f(phase, "from"), f(phase, "factor"), f(phase, "every"));
      case MILESTONES -> {
        for (int k = 0; k < phase.milestones(); k++) {
          code.beginControlFlow("if (t < $N)", f(phase, "milestone" + k)).addStatement("return $N", f(phase, "level" + k)).endControlFlow();
        }
        yield code.addStatement("return $N", f(phase, "level" + phase.milestones()));
      }
      case CYCLIC -> cyclic(phase, code);
      case COSINE_RESTARTS -> {
        code.addStatement("long tCur = t").addStatement("long tI = $N", f(phase, "t0"));
        code.beginControlFlow("if ($N == 1)", f(phase, "tMult")).addStatement("tCur = t % $N", f(phase, "t0"));
        code.nextControlFlow("else").beginControlFlow("while (tCur >= tI)").addStatement("tCur -= tI");
        code.addStatement("tI = tI > Long.MAX_VALUE / $N ? Long.MAX_VALUE : tI * $N", f(phase, "tMult"), f(phase, "tMult"));
        code.endControlFlow().endControlFlow();
        yield code.addStatement("return $N + $N * (1 + Math.cos(Math.PI * tCur / tI)) / 2", f(phase, "floor"), f(phase, "amplitude"));
      }
      case ONE_CYCLE -> oneCycle(phase, code);
    };
    return written.build();
  }

  private CodeBlock.Builder cyclic(PhaseCode phase, CodeBlock.Builder code) {
    code.addStatement("double cycle = Math.floor(1 + t / $N)", f(phase, "totalSize"));
    code.addStatement("double x = 1. + t / $N - cycle", f(phase, "totalSize"));
    code.addStatement("double scaleFactor = x <= $N ? x / $N : (x - 1) / ($N - 1)", f(phase, "stepRatio"), f(phase, "stepRatio"), f(phase, "stepRatio"));
    code.addStatement("double height = $N * scaleFactor", f(phase, "span"));
    String amplitude = switch ((Cyclic.Mode) phase.options().get("mode")) {
      case TRIANGULAR -> "";
      case TRIANGULAR2 -> " * (1 / Math.pow(2., cycle - 1))";
      case EXP_RANGE -> " * Math.pow(" + f(phase, "gamma") + ", t)";
    };
    if (Boolean.TRUE.equals(phase.options().get("mirrored"))) {
      return code.addStatement("return $N - height" + amplitude, f(phase, "max"));
    }
    return code.addStatement("return $N + height" + amplitude, f(phase, "base"));
  }

  private CodeBlock.Builder oneCycle(PhaseCode phase, CodeBlock.Builder code) {
    boolean threePhase = Boolean.TRUE.equals(phase.options().get("threePhase"));
    boolean cos = phase.options().get("anneal") == OneCycle.Anneal.COS;
    code.beginControlFlow("if (t <= $N)", f(phase, "firstEnd"));
    part(phase, code, 1, cos);
    code.endControlFlow();
    if (threePhase) {
      code.beginControlFlow("if (t <= $N)", f(phase, "secondEnd"));
      part(phase, code, 2, cos);
      code.endControlFlow();
    }
    part(phase, code, threePhase ? 3 : 2, cos);
    return code;
  }

  private void part(PhaseCode phase, CodeBlock.Builder code, int part, boolean cos) {
    String label = "part" + part;
    if (part == 1) {
      code.addStatement("double pct = t / $N", f(phase, label + "Span"));
    } else {
      code.addStatement("double pct = (t - $N) / $N", f(phase, label + "Start"), f(phase, label + "Span"));
    }
    if (cos) {
      code.addStatement("return $N + $N * (Math.cos(Math.PI * pct) + 1)", f(phase, label + "To"), f(phase, label + "Half"));
    } else {
      code.addStatement("return $N * pct + $N", f(phase, label + "Delta"), f(phase, label + "From"));
    }
  }

  private String f(PhaseCode phase, String role) {
    return names.of(phase.field(role));
  }
}
