package dev.anneal.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import dev.anneal.rules.Code;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;
import java.util.Objects;
import java.util.Set;

/**
 * Stochastic gradient descent with scheduled learning rate, momentum and weight decay: DJL's {@code
 * Sgd} update with the three values taken from the plan at every step. With {@code lr}, {@code m}
 * and {@code wd} the values of the update, {@code g} the gradient (rescaled and clipped as DJL
 * does) and {@code v} the momentum buffer:
 *
 * <pre>
 *   v ← m·v + lr·(g + wd·w)        (without momentum: v = lr·(g + wd·w))
 *   w ← w − v
 * </pre>
 *
 * <p>This is DJL's (MXNet's) form, computed by the engine's fused {@code sgdUpdate}: the learning
 * rate is folded into the buffer. PyTorch's {@code torch.optim.SGD} (and DeepSpeed and Megatron-LM
 * runs that use it) keeps the learning rate out of the buffer:
 *
 * <pre>
 *   v ← m·v + (g + wd·w)            (without momentum: v = g + wd·w)
 *   w ← w − lr·v
 * </pre>
 *
 * <p>The two agree while the learning rate is constant and differ as soon as a schedule changes it
 * with momentum on: after a warm-up, DJL's buffer still carries the small early rates that
 * PyTorch's does not. {@link Builder#optMomentumForm} with {@link MomentumForm#PYTORCH} applies
 * PyTorch's form (dampening 0, not Nesterov), for a run moved from PyTorch that must follow the
 * same trajectory; it is computed with the engine's element-wise operations rather than one fused
 * kernel.
 *
 * <p>Channels applied: {@code lr} (required), {@code momentum} (else the constant of {@link
 * Builder#optMomentum}, default 0) and {@code weight_decay} (else DJL's {@code optWeightDecays},
 * default 0).
 */
public final class ScheduledSgd extends ScheduledOptimizer {
  private static final String MOMENTUM_BUFFER = "momentum";
  /** Every element of an array, for {@link NDArray#set(NDIndex, Number)}. */
  private static final NDIndex ALL = new NDIndex("...");

  /** Where the learning rate enters a momentum update. */
  public enum MomentumForm {
    /** DJL's and MXNet's: {@code v ← m·v + lr·(g + wd·w); w ← w − v} (the default). */
    DJL,
    /** PyTorch's {@code torch.optim.SGD}: {@code v ← m·v + (g + wd·w); w ← w − lr·v}. */
    PYTORCH
  }

  private final float constantMomentum;
  private final boolean keepsMomentum;
  private final MomentumForm form;

  private ScheduledSgd(Builder builder) {
    super(builder, builder.schedule);
    this.constantMomentum = builder.momentum;
    this.form = builder.form;
    this.keepsMomentum = builder.momentum != 0f || schedule.channels().contains(Plan.MOMENTUM);
    requireOneWeightDecay(schedule, getWeightDecay(), "ScheduledSgd");
    schedule.attach(this, Set.of(Plan.LR, Plan.MOMENTUM, Plan.WEIGHT_DECAY), "ScheduledSgd");
  }

  public static Builder builder(TrainingSchedule schedule) {
    return new Builder(schedule);
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    GroupBinding.Slot slot = schedule.slotOf(parameterId);
    StepValues values = schedule.beginUpdate(slot, weight.getDevice());
    int group = slot.group();
    float learningRate = values.applied(group, Plan.LR);
    float weightDecay = valueOr(values, group, Plan.WEIGHT_DECAY, getWeightDecay());
    float momentum = valueOr(values, group, Plan.MOMENTUM, constantMomentum);
    if (form == MomentumForm.PYTORCH) {
      updateAsPyTorch(parameterId, weight, grad, learningRate, weightDecay, momentum);
      return;
    }
    NDList inputs;
    if (keepsMomentum) {
      NDArray buffer = state(MOMENTUM_BUFFER, parameterId, weight);
      if (momentum == 0f) {
        // The engine skips the buffer when momentum is exactly 0, but the buffer must become this
        // step's lr·(g + wd·w): zero it and pass the smallest non-zero momentum, so that
        // v = 0·tiny + lr·(g + wd·w) exactly and w moves exactly as without momentum.
        buffer.muli(0);
        momentum = Float.MIN_VALUE;
      }
      inputs = new NDList(weight, grad, buffer);
    } else {
      inputs = new NDList(weight, grad);
    }
    weight.getNDArrayInternal()
        .sgdUpdate(inputs, new NDList(weight), learningRate, weightDecay, rescaleGrad, clipGrad, momentum, true);
  }

  /**
   * PyTorch's rule, with the gradient first rescaled by {@code rescaleGrad} and clipped to {@code
   * [-clipGrad, clipGrad]} when {@code clipGrad > 0}. Every intermediate array is closed here: none
   * outlives the update.
   */
  private void updateAsPyTorch(String parameterId, NDArray weight, NDArray grad, float learningRate, float weightDecay, float momentum) {
    NDArray direction = grad.mul(rescaleGrad);
    if (clipGrad > 0) {
      NDArray clipped = direction.clip(-clipGrad, clipGrad);
      direction.close();
      direction = clipped;
    }
    if (weightDecay != 0f) {
      try (NDArray decay = weight.mul(weightDecay)) {
        direction.addi(decay);
      }
    }
    if (keepsMomentum) {
      NDArray buffer = state(MOMENTUM_BUFFER, parameterId, weight);
      buffer.muli(momentum).addi(direction); // PyTorch starts the buffer at d: the same as 0·m + d
      try (NDArray step = buffer.mul(learningRate)) {
        weight.subi(step);
      }
    } else {
      try (NDArray step = direction.mul(learningRate)) {
        weight.subi(step);
      }
    }
    direction.close();
    // DJL's fused updates zero the weight's gradient once applied, and DJL's training loop relies on
    // it (its gradient collector does not; the optimizer receives a copy of the gradient): without
    // this the next backward pass would add to this one.
    try (NDArray accumulated = weight.getGradient()) {
      accumulated.set(ALL, 0f);
    }
  }

  @Override
  protected String kind() {
    // The buffers of the two forms mean different things (lr folded in or not): a checkpoint's
    // state restores only into the same form.
    return form == MomentumForm.PYTORCH ? "sgd-pytorch" : "sgd";
  }

  static float valueOr(StepValues values, int group, String channel, float fallback) {
    double value = values.value(group, channel);
    return Double.isNaN(value) ? fallback : (float) value;
  }

  static void requireOneWeightDecay(TrainingSchedule schedule, float constant, String optimizer) {
    if (constant != 0f && schedule.channels().contains(Plan.WEIGHT_DECAY)) {
      throw new InvalidScheduleException(Code.CONFLICTING_SETTING.at("weight_decay", constant,
          optimizer + " has a constant weight decay (optWeightDecays " + constant + ") and a weight_decay channel; keep one"));
    }
  }

  /** Builds a {@link ScheduledSgd}; rescaling, clipping and a constant weight decay as DJL's builders offer. */
  public static final class Builder extends OptimizerBuilder<Builder> {
    private final TrainingSchedule schedule;
    private float momentum;
    private MomentumForm form = MomentumForm.DJL;

    private Builder(TrainingSchedule schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * A constant momentum for groups whose plan has no {@code momentum} channel. Default 0.
     *
     * @throws InvalidScheduleException ({@code MomentumOutOfRange}) outside [0, 1)
     */
    public Builder optMomentum(float momentum) {
      if (!(momentum >= 0 && momentum < 1)) {
        throw new InvalidScheduleException(Code.MOMENTUM_OUT_OF_RANGE.at("momentum", momentum, "momentum", momentum));
      }
      this.momentum = momentum;
      return this;
    }

    /** Where the learning rate enters the momentum update; default {@link MomentumForm#DJL}. */
    public Builder optMomentumForm(MomentumForm form) {
      this.form = Objects.requireNonNull(form, "form");
      return this;
    }

    /**
     * @throws InvalidScheduleException if a plan has a channel SGD does not apply, lacks {@code lr},
     *     or sets weight decay twice
     */
    public ScheduledSgd build() {
      return new ScheduledSgd(this);
    }
  }
}
