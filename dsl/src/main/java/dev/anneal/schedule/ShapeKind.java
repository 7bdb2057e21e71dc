package dev.anneal.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of shape kinds: each kind's name (as {@link Shape#kind()} returns it), its class
 * and whether a phase of that kind may run forever. Messages that list kinds derive the list from
 * here rather than from hand-written text, so a new shape appears in them once it is catalogued;
 * {@link #of} is a {@link ShapeVisitor}, so the compiler asks for the new entry.
 *
 * <p>The order of the constants is the order in which messages list the kinds.
 */
public enum ShapeKind {
  CONSTANT("constant", Constant.class, OpenLength.ALWAYS),
  LINEAR("linear", Linear.class, OpenLength.NEVER),
  COSINE("cosine", Cosine.class, OpenLength.NEVER),
  EXPONENTIAL("exponential", Exponential.class, OpenLength.ALWAYS),
  EXPONENTIAL_TO("exponential-to", ExponentialTo.class, OpenLength.NEVER),
  POLYNOMIAL("polynomial", Polynomial.class, OpenLength.NEVER),
  ONE_MINUS_SQRT("one-minus-sqrt", OneMinusSqrt.class, OpenLength.NEVER),
  STEP("step", StepDecay.class, OpenLength.ALWAYS),
  MILESTONES("milestones", Milestones.class, OpenLength.ALWAYS),
  INVERSE_SQRT("inverse-sqrt", InverseSqrt.class, OpenLength.ALWAYS),
  CYCLIC("cyclic", Cyclic.class, OpenLength.ALWAYS),
  COSINE_RESTARTS("cosine-restarts", CosineRestarts.class, OpenLength.ALWAYS),
  ONE_CYCLE("one-cycle", OneCycle.class, OpenLength.NEVER),
  PLATEAU("plateau", Plateau.class, OpenLength.ALWAYS),
  LOG_WARMUP("log-warmup", LogWarmup.class, OpenLength.NEVER),
  LINEAR_GROWTH("linear-growth", LinearGrowth.class, OpenLength.ALWAYS),
  STAIR_CYCLE("stair-cycle", StairCycle.class, OpenLength.ALWAYS),
  INVERSE_TIME("inverse-time", InverseTimeDecay.class, OpenLength.ALWAYS),
  POST_CYCLE_MOMENTUM("post-cycle-momentum", PostCycleMomentum.class, OpenLength.ALWAYS),
  SHIFTED("shifted", Shifted.class, OpenLength.AS_INNER),
  REVERSED("reversed", Reversed.class, OpenLength.NEVER),
  COSINE_HARD_RESTARTS("cosine-hard-restarts", CosineHardRestarts.class, OpenLength.NEVER),
  SEGMENT("segment", Segment.class, OpenLength.NEVER);

  /** Whether a phase of a kind may run forever ({@link Phase#OPEN}). */
  public enum OpenLength {
    /** Every shape of the kind has a formula for every step. */
    ALWAYS,
    /** No shape of the kind may run forever. */
    NEVER,
    /** A wrapper: it may run forever when the shape it wraps may. */
    AS_INNER
  }

  private final String kindName;
  private final Class<? extends Shape> type;
  private final OpenLength openLength;

  ShapeKind(String kindName, Class<? extends Shape> type, OpenLength openLength) {
    this.kindName = kindName;
    this.type = type;
    this.openLength = openLength;
  }

  /** The kind's name in Anneal JSON and in messages, e.g. {@code cosine-restarts}. */
  public String kindName() {
    return kindName;
  }

  /** The class of the kind's shapes. */
  public Class<? extends Shape> type() {
    return type;
  }

  /** Whether a phase of this kind may run forever. */
  public OpenLength openLength() {
    return openLength;
  }

  /** The kind of {@code shape}. */
  public static ShapeKind of(Shape shape) {
    return shape.accept(KIND);
  }

  /**
   * The kinds that may run forever, in words, as the NeedsLength message names them: e.g.
   * {@code "constant, exponential and step phases (and these shifted)"}. The kinds that always may
   * are listed, then the wrappers that may when their inner shape may.
   */
  public static String openEndedPhrase() {
    List<String> always = new ArrayList<>();
    List<String> wrappers = new ArrayList<>();
    for (ShapeKind kind : values()) {
      if (kind.openLength == OpenLength.ALWAYS) {
        always.add(kind.kindName);
      } else if (kind.openLength == OpenLength.AS_INNER) {
        wrappers.add(kind.kindName);
      }
    }
    String phrase = inWords(always) + " phases";
    return wrappers.isEmpty() ? phrase : phrase + " (and these " + inWords(wrappers) + ")";
  }

  /** The names of {@code kinds}, in their order, separated by commas: e.g. {@code linear, cosine}. */
  public static String namesOf(List<ShapeKind> kinds) {
    List<String> names = new ArrayList<>();
    for (ShapeKind kind : kinds) {
      names.add(kind.kindName);
    }
    return String.join(", ", names);
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  private static String inWords(List<String> names) {
    if (names.size() <= 1) {
      return String.join("", names);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  private static final ShapeVisitor<ShapeKind> KIND =
      new ShapeVisitor<>() {
          @Override
          public ShapeKind visitConstant(Constant shape) {
            return CONSTANT;
          }

          @Override
          public ShapeKind visitLinear(Linear shape) {
            return LINEAR;
          }

          @Override
          public ShapeKind visitCosine(Cosine shape) {
            return COSINE;
          }

          @Override
          public ShapeKind visitExponential(Exponential shape) {
            return EXPONENTIAL;
          }

          @Override
          public ShapeKind visitExponentialTo(ExponentialTo shape) {
            return EXPONENTIAL_TO;
          }

          @Override
          public ShapeKind visitPolynomial(Polynomial shape) {
            return POLYNOMIAL;
          }

          @Override
          public ShapeKind visitOneMinusSqrt(OneMinusSqrt shape) {
            return ONE_MINUS_SQRT;
          }

          @Override
          public ShapeKind visitStepDecay(StepDecay shape) {
            return STEP;
          }

          @Override
          public ShapeKind visitMilestones(Milestones shape) {
            return MILESTONES;
          }

          @Override
          public ShapeKind visitInverseSqrt(InverseSqrt shape) {
            return INVERSE_SQRT;
          }

          @Override
          public ShapeKind visitCyclic(Cyclic shape) {
            return CYCLIC;
          }

          @Override
          public ShapeKind visitCosineRestarts(CosineRestarts shape) {
            return COSINE_RESTARTS;
          }

          @Override
          public ShapeKind visitOneCycle(OneCycle shape) {
            return ONE_CYCLE;
          }

          @Override
          public ShapeKind visitPlateau(Plateau shape) {
            return PLATEAU;
          }

          @Override
          public ShapeKind visitLogWarmup(LogWarmup shape) {
            return LOG_WARMUP;
          }

          @Override
          public ShapeKind visitLinearGrowth(LinearGrowth shape) {
            return LINEAR_GROWTH;
          }

          @Override
          public ShapeKind visitStairCycle(StairCycle shape) {
            return STAIR_CYCLE;
          }

          @Override
          public ShapeKind visitInverseTimeDecay(InverseTimeDecay shape) {
            return INVERSE_TIME;
          }

          @Override
          public ShapeKind visitPostCycleMomentum(PostCycleMomentum shape) {
            return POST_CYCLE_MOMENTUM;
          }

          @Override
          public ShapeKind visitShifted(Shifted shape) {
            return SHIFTED;
          }

          @Override
          public ShapeKind visitReversed(Reversed shape) {
            return REVERSED;
          }

          @Override
          public ShapeKind visitCosineHardRestarts(CosineHardRestarts shape) {
            return COSINE_HARD_RESTARTS;
          }

          @Override
          public ShapeKind visitSegment(Segment shape) {
            return SEGMENT;
          }
        };
}
