package dev.anneal.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;
import java.util.Objects;

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
 * same trajectory; it takes two or three calls of the engine's fused kernel per parameter instead
 * of one (see bench/README.md for what that costs).
 *
 * <p>Channels applied: {@code lr} (required), {@code momentum} (else the constant of {@link
 * Builder#optMomentum}, default 0) and {@code weight_decay} (else DJL's {@code optWeightDecays},
 * default 0).
 */
public final class ScheduledSgd extends ScheduledOptimizer {
  private static final String MOMENTUM_BUFFER = "momentum";
  /** The kernel's clip argument that turns clipping off (DJL's convention: negative). */
  private static final float NO_CLIPPING = -1f;

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
    super(builder);
    this.constantMomentum = builder.momentum;
    this.form = builder.form;
    this.keepsMomentum = builder.momentum != 0f || schedule.channels().contains(Plan.MOMENTUM);
    attachToSchedule("ScheduledSgd");
  }

  public static Builder builder(ScheduledTraining schedule) {
    return new Builder(schedule);
  }

  @Override
  void apply(String parameterId, NDArray weight, NDArray grad, StepValues values, int group, float learningRate, float weightDecay) {
    float momentum = valueOr(values, group, Plan.MOMENTUM, constantMomentum);
    if (form == MomentumForm.PYTORCH && keepsMomentum) {
      // Without momentum the two forms are the same update, DJL's below.
      updateWithPyTorchMomentum(parameterId, weight, grad, learningRate, weightDecay, momentum);
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
   * PyTorch's rule with momentum, in the engine's fused SGD kernel: two or three native calls, where
   * element-wise operations would take five or more, each with microseconds of overhead on small
   * tensors. Without momentum the kernel computes {@code x ← x − a·(clip(r·y) + b·x)} for arrays x,
   * y (and zeroes x's gradient, if it has one). So, with d = clip(r·g) + wd·w:
   *
   * <ul>
   *   <li>x = v, y = g, a = −1, b = m − 1: {@code v ← v + clip(r·g) + (m − 1)·v = m·v + clip(r·g)};
   *   <li>x = v, y = w, a = −wd, b = 0 (with weight decay): {@code v ← v + wd·w}, so v = m·v + d;
   *   <li>x = w, y = v, a = lr, b = 0: {@code w ← w − lr·v}, and w's gradient is zeroed, as DJL's
   *       training loop expects of an optimizer.
   * </ul>
   *
   * <p>Rescaling and clipping are the kernel's, as in DJL's form. Rounding differs from PyTorch's
   * {@code m·v + d} by a few units in the last place of v, as any two kernels' would.
   */
  private void updateWithPyTorchMomentum(String parameterId, NDArray weight, NDArray grad, float learningRate, float weightDecay, float momentum) {
    NDArray buffer = state(MOMENTUM_BUFFER, parameterId, weight);
    fusedStep(buffer, grad, -1f, momentum - 1f, rescaleGrad, clipGrad);
    if (weightDecay != 0f) {
      fusedStep(buffer, weight, -weightDecay, 0f, 1f, NO_CLIPPING);
    }
    fusedStep(weight, buffer, learningRate, 0f, 1f, NO_CLIPPING);
  }

  /** {@code x ← x − rate·(clip(rescale·y) + decay·x)}, in the engine's fused SGD kernel. */
  private static void fusedStep(NDArray x, NDArray y, float rate, float decay, float rescale, float clip) {
    x.getNDArrayInternal().sgdUpdate(new NDList(x, y), new NDList(x), rate, decay, rescale, clip, 0f, true);
  }

  @Override
  protected String kind() {
    // The buffers of the two forms mean different things (lr folded in or not): a checkpoint's
    // state restores only into the same form.
    return form == MomentumForm.PYTORCH ? "sgd-pytorch" : "sgd";
  }

  /** Builds a {@link ScheduledSgd}; rescaling, clipping and a constant weight decay as DJL's builders offer. */
  public static final class Builder extends ScheduledOptimizer.Builder<Builder> {
    private float momentum;
    private MomentumForm form = MomentumForm.DJL;

    private Builder(ScheduledTraining schedule) {
      super(schedule);
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
      this.momentum = momentumCoefficient("momentum", momentum);
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
