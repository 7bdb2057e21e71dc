package dev.anneal.config.megatron;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Megatron-LM flags that shape the learning-rate and weight-decay schedule, with the type
 * Megatron's argparse gives each ({@code megatron/training/arguments.py}): the flags {@link
 * FlagAudit} marks modelled. Every other flag of a launch script is reported by {@link OtherFlags}.
 */
enum MegatronFlag {
  LR("--lr", Type.FLOAT),
  MIN_LR("--min-lr", Type.FLOAT),
  LR_DECAY_STYLE("--lr-decay-style", Type.CHOICE, "constant", "linear", "cosine", "inverse-square-root", "WSD"),
  LR_WSD_DECAY_STYLE("--lr-wsd-decay-style", Type.CHOICE, "exponential", "linear", "cosine", "minus_sqrt"),
  LR_DECAY_ITERS("--lr-decay-iters", Type.INT),
  LR_DECAY_SAMPLES("--lr-decay-samples", Type.INT),
  LR_WSD_DECAY_ITERS("--lr-wsd-decay-iters", Type.INT),
  LR_WSD_DECAY_SAMPLES("--lr-wsd-decay-samples", Type.INT),
  LR_WARMUP_FRACTION("--lr-warmup-fraction", Type.FLOAT),
  LR_WARMUP_ITERS("--lr-warmup-iters", Type.INT),
  LR_WARMUP_SAMPLES("--lr-warmup-samples", Type.INT),
  LR_WARMUP_INIT("--lr-warmup-init", Type.FLOAT),
  TRAIN_ITERS("--train-iters", Type.INT),
  TRAIN_SAMPLES("--train-samples", Type.INT),
  GLOBAL_BATCH_SIZE("--global-batch-size", Type.INT),
  WEIGHT_DECAY("--weight-decay", Type.FLOAT),
  START_WEIGHT_DECAY("--start-weight-decay", Type.FLOAT),
  END_WEIGHT_DECAY("--end-weight-decay", Type.FLOAT),
  WEIGHT_DECAY_INCR_STYLE("--weight-decay-incr-style", Type.CHOICE, "constant", "linear", "cosine");

  /** How argparse converts the flag's value. */
  enum Type {
    /** {@code type=int}: Python's {@code int()}. */
    INT("a whole number (Megatron reads it with int())"),
    /** {@code type=float}: Python's {@code float()}. */
    FLOAT("a number (Megatron reads it with float())"),
    /** {@code choices=[…]}: one of the names, exactly as written (case matters). */
    CHOICE("one of its choices");

    private final String description;

    Type(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }
  }

  private static final Map<String, MegatronFlag> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(MegatronFlag::flag, Function.identity()));

  private final String flag;
  private final Type type;
  private final List<String> choices;

  MegatronFlag(String flag, Type type, String... choices) {
    this.flag = flag;
    this.type = type;
    this.choices = List.of(choices);
  }

  /** The flag as written, e.g. {@code --lr-decay-iters}. */
  String flag() {
    return flag;
  }

  Type type() {
    return type;
  }

  /** The values a {@link Type#CHOICE} flag accepts, in Megatron's order. */
  List<String> choices() {
    return choices;
  }

  /** The flag named {@code name} (exactly as written), or {@code null}. */
  static MegatronFlag byName(String name) {
    return BY_NAME.get(name);
  }

  /** Every flag name, in catalogue order. */
  static List<String> names() {
    return Arrays.stream(values()).map(MegatronFlag::flag).toList();
  }
}
