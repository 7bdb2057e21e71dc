package dev.anneal.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.schedule.Plan;
import java.util.Objects;

/**
 * Adam and AdamW with scheduled learning rate, β1 and weight decay: DJL's {@code Adam} / {@code
 * AdamW} update, computed by the engine's fused {@code adamUpdate}, with the values taken from the
 * plan at every step. With {@code t} = the schedule's step + 1 (the same on every device, unlike
 * DJL's per-device update count), {@code β1} the update's value:
 *
 * <pre>
 *   Adam:  g ← g + wd·w                      AdamW:  w ← w − lr·wd·w
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   w ← w − [lr·√(1 − β2^t) / (1 − β1^t)] · m / (√v + ε)
 * </pre>
 *
 * <p>This is DJL's form: ε is added to √v. PyTorch's {@code torch.optim.Adam} and {@code AdamW}
 * (and DeepSpeed's and Megatron-LM's fused Adam) add it to the bias-corrected √v, which is the same
 * update with ε·√(1 − β2^t) in DJL's place; {@link Builder#optEpsilonForm} with {@link
 * EpsilonForm#PYTORCH} passes that to the kernel, for a run that must follow a config from them.
 * The two differ only where √v is not far above ε.
 *
 * <p>Channels applied: {@code lr} (required), {@code momentum} as β1 (else {@link
 * Builder#optBeta1}, default 0.9) and {@code weight_decay} (else DJL's {@code optWeightDecays},
 * default 0). β2 and ε are constants, as in DJL.
 */
public final class ScheduledAdam extends ScheduledOptimizer {
  private static final String MEAN = "mean";
  private static final String VARIANCE = "variance";

  /** Where ε enters the update. */
  public enum EpsilonForm {
    /** DJL's: {@code m / (√v + ε)}, with the bias corrections folded into the learning rate (the default). */
    DJL,
    /** PyTorch's: {@code m̂ / (√v̂ + ε)}, ε added after the bias correction of v. */
    PYTORCH
  }

  private final boolean decoupled;
  private final EpsilonForm epsilonForm;
  private final float beta1;
  private final float beta2;
  private final float epsilon;

  private ScheduledAdam(Builder builder) {
    super(builder);
    this.decoupled = builder.decoupled;
    this.beta1 = builder.beta1;
    this.beta2 = builder.beta2;
    this.epsilon = builder.epsilon;
    this.epsilonForm = builder.epsilonForm;
    attachToSchedule(kindName());
  }

  /** Adam: weight decay added to the gradient (L2), as DJL's {@code Adam}. */
  public static Builder adam(ScheduledTraining schedule) {
    return new Builder(schedule, false);
  }

  /** AdamW: decoupled weight decay, as DJL's {@code AdamW}. */
  public static Builder adamW(ScheduledTraining schedule) {
    return new Builder(schedule, true);
  }

  @Override
  void apply(String parameterId, NDArray weight, NDArray grad, StepValues values, int group, float learningRate, float weightDecay) {
    float b1 = valueOr(values, group, Plan.MOMENTUM, beta1);
    long t = values.step() + 1;
    double coef1 = 1.0 - Math.pow(b1, t);
    double coef2 = 1.0 - Math.pow(beta2, t);
    float biasCorrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
    if (!Float.isFinite(biasCorrected) || !Float.isFinite(weightDecay)) {
      throw new InvalidScheduleException(RuleCode.nonFiniteAtStep("lr", biasCorrected, String.valueOf(values.step()),
          "a bias-corrected learning rate of " + biasCorrected + " (lr " + learningRate + ", beta1 " + b1 + ", weight decay " + weightDecay + ")"));
    }
    // PyTorch's m̂ / (√v̂ + ε) is DJL's m / (√v + ε·√(1 − β2^t)) times the corrections folded into the rate.
    float eps = epsilonForm == EpsilonForm.PYTORCH ? (float) (epsilon * Math.sqrt(coef2)) : epsilon;
    NDList inputs = new NDList(weight, grad, state(MEAN, parameterId, weight), state(VARIANCE, parameterId, weight));
    weight.getNDArrayInternal().adamUpdate(
        inputs, new NDList(weight), learningRate, biasCorrected, weightDecay, rescaleGrad, clipGrad, b1, beta2, eps, true, decoupled);
  }

  @Override
  protected String kind() {
    return decoupled ? "adamw" : "adam";
  }

  private String kindName() {
    return decoupled ? "ScheduledAdam (AdamW)" : "ScheduledAdam";
  }

  /** Builds a {@link ScheduledAdam}; DJL's defaults: β1 0.9, β2 0.999, ε 1e-8. */
  public static final class Builder extends ScheduledOptimizer.Builder<Builder> {
    private final boolean decoupled;
    private float beta1 = 0.9f;
    private float beta2 = 0.999f;
    private float epsilon = 1e-8f;
    private EpsilonForm epsilonForm = EpsilonForm.DJL;

    private Builder(ScheduledTraining schedule, boolean decoupled) {
      super(schedule);
      this.decoupled = decoupled;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** β1 for groups whose plan has no {@code momentum} channel. Default 0.9. */
    public Builder optBeta1(float beta1) {
      this.beta1 = momentumCoefficient("beta1", beta1);
      return this;
    }

    /** β2. Default 0.999. */
    public Builder optBeta2(float beta2) {
      this.beta2 = momentumCoefficient("beta2", beta2);
      return this;
    }

    /**
     * ε. Default 1e-8.
     *
     * @throws InvalidScheduleException ({@code NotPositive}) unless finite and greater than 0
     */
    public Builder optEpsilon(float epsilon) {
      if (!(epsilon > 0 && Float.isFinite(epsilon))) {
        throw new InvalidScheduleException(RuleCode.notPositive("epsilon", "epsilon", epsilon));
      }
      this.epsilon = epsilon;
      return this;
    }

    /** Where ε enters the update; default {@link EpsilonForm#DJL}. */
    public Builder optEpsilonForm(EpsilonForm form) {
      this.epsilonForm = Objects.requireNonNull(form, "form");
      return this;
    }

    /**
     * @throws InvalidScheduleException if a plan has a channel Adam does not apply, lacks {@code lr},
     *     or sets weight decay twice
     */
    public ScheduledAdam build() {
      return new ScheduledAdam(this);
    }
  }
}
