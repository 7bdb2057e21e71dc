package dev.anneal.runtime;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The name and shape of every parameter of a model, and the check that a checkpoint's fit the
 * model they are restored into. DJL's {@code loadParameters} replaces each parameter's array with
 * the saved one, and with it the layer's width: a checkpoint of width 64 loaded into a model built
 * with width 32 would silently become a model of width 64.
 */
final class ModelShapes {
  private ModelShapes() {}

  /** Every parameter of an initialized model, in the model's order, with the shape of its array. */
  static Map<String, Shape> of(Model model) {
    Map<String, Shape> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
      out.put(pair.getKey(), pair.getValue().getArray().getShape());
    }
    return out;
  }

  /**
   * The shapes of {@code model} as it was built: initialized first, if it is not yet, for the
   * input shapes the checkpoint was saved with (what its layers' widths are declared for).
   *
   * @throws InvalidScheduleException ({@code ModelNotInitialized}) if it is not initialized and its
   *     block cannot be initialized by itself (a parameter without an initializer)
   */
  static Map<String, Shape> declared(Model model, ParamsFile checkpoint, String paramsFile) {
    Block block = model.getBlock();
    if (!block.isInitialized()) {
      try {
        block.initialize(model.getNDManager(), checkpoint.dataType(), checkpoint.inputShapes());
      } catch (RuntimeException e) {
        throw new InvalidScheduleException(RuntimeCode.modelNotInitialized(List.of(checkpoint.inputShapes()), paramsFile, e.getMessage()));
      }
    }
    return of(model);
  }

  /**
   * Refuses a checkpoint whose parameters are not, name for name and shape for shape, those of the
   * model, listing every difference.
   *
   * @throws InvalidScheduleException ({@code ParameterShapeChanged}, {@code
   *     ParameterNotInModel}, {@code ParameterNotInCheckpoint}) per parameter that differs
   */
  static void requireSame(Map<String, Shape> saved, Map<String, Shape> model) {
    List<Violation> found = new ArrayList<>();
    saved.forEach((name, shape) -> {
      Shape declared = model.get(name);
      if (declared == null) {
        found.add(RuntimeCode.parameterNotInModel(name, shape));
      } else if (!declared.equals(shape)) {
        found.add(RuntimeCode.parameterShapeChanged(name, shape, declared));
      }
    });
    model.forEach((name, shape) -> {
      if (!saved.containsKey(name)) {
        found.add(RuntimeCode.parameterNotInCheckpoint(name, shape));
      }
    });
    InvalidScheduleException.throwIfErrors(found);
  }
}
