package dev.anneal.runtime;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import dev.anneal.rules.InvalidScheduleException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The common part of Anneal's optimizers: the values of each update come from a {@link
 * TrainingSchedule} (once per step, for every parameter and device), and the per-parameter state
 * (momentum buffer, Adam moments) can be exported and restored by parameter name for an exact
 * resume. The optimizer's step for Adam's bias correction is the schedule's step, not DJL's
 * per-parameter update count (which advances once per device).
 */
public abstract class ScheduledOptimizer extends Optimizer {
  /** The schedule whose values every update uses. */
  protected final TrainingSchedule schedule;
  /** state name → parameter id → device → array, as DJL's optimizers keep theirs. */
  private final Map<String, Map<String, Map<Device, NDArray>>> states = new ConcurrentHashMap<>();
  /** Restored state waiting for its parameter's first update: parameter name → state name → bytes. */
  private final Map<String, Map<String, byte[]>> restored = new ConcurrentHashMap<>();

  protected ScheduledOptimizer(OptimizerBuilder<?> builder, TrainingSchedule schedule) {
    super(builder);
    this.schedule = schedule;
  }

  /** The kind written to checkpoints, e.g. {@code sgd}; a checkpoint's state restores only into the same kind. */
  protected abstract String kind();

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
        throw new InvalidScheduleException(RuntimeCode.CHECKPOINT_MISMATCH.at("optimizer." + parameter + "." + name, state.getShape(),
            "the checkpoint's " + name + " of " + parameter + " has shape " + state.getShape() + " " + state.getDataType()
                + " but the parameter has " + weight.getShape() + " " + weight.getDataType()));
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
      throw new InvalidScheduleException(RuntimeCode.CHECKPOINT_MISMATCH.at("optimizer", savedKind,
          "the checkpoint holds the state of an Anneal " + savedKind + " optimizer, but this run uses " + kind()));
    }
    if (!states.isEmpty()) {
      throw new InvalidScheduleException(RuntimeCode.CONFLICTING_SETTING.at("optimizer", kind(), "restore a checkpoint before the first update"));
    }
    restored.clear();
    restored.putAll(saved);
  }
}
