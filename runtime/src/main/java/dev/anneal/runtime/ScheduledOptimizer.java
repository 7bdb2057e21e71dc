package dev.anneal.runtime;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.schedule.Plan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The common part of Anneal's optimizers: the values of each update come from a {@link
 * ScheduledTraining} (once per step, for every parameter and device), and the per-parameter state
 * (momentum buffer, Adam moments) can be exported and restored by parameter name for an exact
 * resume. The optimizer's step for Adam's bias correction is the schedule's step, not DJL's
 * per-parameter update count (which advances once per device).
 *
 * <p>Every update takes its group's learning rate and weight decay from the schedule here and hands
 * them to {@code apply}; each optimizer adds its own rule and its own settings.
 */
public abstract class ScheduledOptimizer extends Optimizer {
  /** The channels Anneal's optimizers apply; a plan scheduling any other is refused when one is built. */
  private static final Set<String> APPLIED_CHANNELS = Set.of(Plan.LR, Plan.MOMENTUM, Plan.WEIGHT_DECAY);

  /** The schedule whose values every update uses. */
  protected final ScheduledTraining schedule;
  /** state name → parameter id → device → array, as DJL's optimizers keep theirs. */
  private final Map<String, Map<String, Map<Device, NDArray>>> states = new ConcurrentHashMap<>();
  /** Restored state waiting for its parameter's first update: parameter name → state name → bytes. */
  private final Map<String, Map<String, byte[]>> restored = new ConcurrentHashMap<>();

  protected ScheduledOptimizer(OptimizerBuilder<?> builder, ScheduledTraining schedule) {
    super(builder);
    this.schedule = schedule;
  }

  ScheduledOptimizer(Builder<?> builder) {
    this(builder, builder.schedule);
  }

  /** The kind written to checkpoints, e.g. {@code sgd}; a checkpoint's state restores only into the same kind. */
  protected abstract String kind();

  /**
   * Applies one update of a parameter with the values of its group's step.
   *
   * @param values the values of the update in progress, the same for every parameter and device
   * @param group the parameter's group, an index into {@code values}
   * @param learningRate the group's {@code lr}
   * @param weightDecay the group's {@code weight_decay}, else the builder's constant
   */
  abstract void apply(String parameterId, NDArray weight, NDArray grad, StepValues values, int group, float learningRate, float weightDecay);

  /** Takes the update's values from the schedule (computed once per step) and applies them. */
  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    GroupBinding.Slot slot = schedule.slotOf(parameterId);
    StepValues values = schedule.beginUpdate(slot, weight.getDevice());
    int group = slot.group();
    apply(parameterId, weight, grad, values, group, values.applied(group, Plan.LR), valueOr(values, group, Plan.WEIGHT_DECAY, getWeightDecay()));
  }

  /**
   * Makes this optimizer the one that applies the schedule's values; called by each optimizer's
   * constructor once its settings are in place.
   *
   * @throws InvalidScheduleException if a plan has a channel the optimizer does not apply, lacks
   *     {@code lr}, or a constant weight decay and a {@code weight_decay} channel are both set
   */
  final void attachToSchedule(String optimizerName) {
    float constant = getWeightDecay();
    if (constant != 0f && schedule.channels().contains(Plan.WEIGHT_DECAY)) {
      throw new InvalidScheduleException(RuntimeCode.weightDecayTwice(optimizerName, constant));
    }
    schedule.attach(this, APPLIED_CHANNELS, optimizerName);
  }

  /** The value of {@code channel} for {@code group}, or {@code fallback} where its plan lacks the channel. */
  static float valueOr(StepValues values, int group, String channel, float fallback) {
    double value = values.value(group, channel);
    return Double.isNaN(value) ? fallback : (float) value;
  }

  /**
   * The state array {@code name} of a parameter on the weight's device: the restored value if a
   * checkpoint holds one, else zeros like the weight.
   */
  protected NDArray state(String name, String parameterId, NDArray weight) {
    Map<String, Map<Device, NDArray>> byParameter = states.computeIfAbsent(name, k -> new ConcurrentHashMap<>());
    return withDefaultState(byParameter, parameterId, weight.getDevice(), id -> initialState(name, id, weight));
  }

  private NDArray initialState(String name, String parameterId, NDArray weight) {
    String parameter = schedule.nameOf(parameterId);
    Map<String, byte[]> saved = restored.get(parameter);
    byte[] bytes = saved == null ? null : saved.get(name);
    if (bytes == null) {
      return weight.zerosLike();
    }
    try (NDArray decoded = weight.getManager().decode(bytes)) {
      // PyTorch's decode wraps a direct buffer that only `decoded` keeps alive, and toDevice(device,
      // true) on the same device returns an alias of it, not a copy: the state would read freed
      // memory (NaN parameters, or a crash) once `decoded` is closed and the buffer collected.
      // duplicate() clones the tensor, so the state owns its memory.
      NDArray onDevice = decoded.toDevice(weight.getDevice(), false);
      NDArray state = onDevice.duplicate();
      if (onDevice != decoded) {
        onDevice.close();
      }
      if (!state.getShape().equals(weight.getShape()) || state.getDataType() != weight.getDataType()) {
        throw new InvalidScheduleException(RuntimeCode.optimizerStateShape(
            name, parameter, state.getShape(), state.getDataType(), weight.getShape(), weight.getDataType()));
      }
      return state;
    }
  }

  /** Every state array by parameter name and state name (one device's copy: all devices hold the same values). */
  Map<String, Map<String, byte[]>> exportState() {
    Map<String, Map<String, byte[]>> out = new LinkedHashMap<>();
    for (String parameter : schedule.binding().names()) {
      out.put(parameter, new LinkedHashMap<>());
    }
    states.forEach((name, byParameter) -> byParameter.forEach((parameterId, byDevice) -> {
      NDArray any = byDevice.values().iterator().next();
      out.get(schedule.nameOf(parameterId)).put(name, any.encode());
    }));
    // Parameters never updated hold no state: restored as zeros, exactly what they would start from.
    return out;
  }

  /** Restores state exported by {@link #exportState()}; applied as each parameter is first updated. */
  void restoreState(String savedKind, Map<String, Map<String, byte[]>> saved) {
    if (!saved.isEmpty() && !savedKind.equals(kind())) {
      throw new InvalidScheduleException(RuntimeCode.optimizerChanged(savedKind, kind()));
    }
    if (!states.isEmpty()) {
      throw new InvalidScheduleException(RuntimeCode.optimizerAlreadyUpdated(kind()));
    }
    restored.clear();
    restored.putAll(saved);
  }

  /**
   * What every scheduled optimizer's builder holds: the schedule it is built from, and DJL's
   * rescaling, clipping and constant weight decay.
   *
   * @param <T> the concrete builder, returned by every setter
   */
  public abstract static class Builder<T extends Builder<T>> extends OptimizerBuilder<T> {
    final ScheduledTraining schedule;

    Builder(ScheduledTraining schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /**
     * {@code value} if it is a momentum coefficient (β1, β2): in [0, 1).
     *
     * @throws InvalidScheduleException ({@code MomentumOutOfRange}) otherwise, naming {@code name}
     */
    static float momentumCoefficient(String name, float value) {
      if (!(value >= 0 && value < 1)) {
        throw new InvalidScheduleException(RuleCode.momentumOutOfRange(name, name, value));
      }
      return value;
    }
  }
}
