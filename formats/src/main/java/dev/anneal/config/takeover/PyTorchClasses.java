package dev.anneal.config.takeover;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code torch.optim.lr_scheduler} class keeps in its {@code state_dict()} (its
 * {@code __dict__} less the optimizer): which of its fields are its constructor's keyword arguments,
 * and how to tell the class from the fields when an export leaves out the {@code type} (the members
 * of a {@code SequentialLR} never carry it). Fields as torch 1.13 and 2.x name them.
 */
final class PyTorchClasses {
  /** Each class whose state holds every keyword argument, and those arguments' field names. */
  private static final Map<String, List<String>> KWARGS = new LinkedHashMap<>();

  /** Each class whose state lacks what a rebuild needs, and what that is. */
  private static final Map<String, String> NOT_REBUILT = new LinkedHashMap<>();

  static {
    KWARGS.put("StepLR", List.of("step_size", "gamma"));
    KWARGS.put("MultiStepLR", List.of("milestones", "gamma"));
    KWARGS.put("ConstantLR", List.of("factor", "total_iters"));
    KWARGS.put("LinearLR", List.of("start_factor", "end_factor", "total_iters"));
    KWARGS.put("ExponentialLR", List.of("gamma"));
    KWARGS.put("PolynomialLR", List.of("total_iters", "power"));
    KWARGS.put("CosineAnnealingLR", List.of("T_max", "eta_min"));
    KWARGS.put("CosineAnnealingWarmRestarts", List.of("T_0", "T_mult", "eta_min"));
    KWARGS.put("ReduceLROnPlateau", List.of("mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lrs", "eps"));
    NOT_REBUILT.put("LambdaLR", "its lr_lambdas (state_dict keeps a lambda as null: only a callable object's __dict__ is saved)");
    NOT_REBUILT.put("MultiplicativeLR", "its lr_lambdas (state_dict keeps a lambda as null: only a callable object's __dict__ is saved)");
    NOT_REBUILT.put("OneCycleLR", "max_lr, div_factor and final_div_factor (torch keeps them in the optimizer's param groups, not in the scheduler)");
    NOT_REBUILT.put("CyclicLR", "a form this version rebuilds (CyclicLR keeps its step sizes only as total_size and step_ratio, "
        + "a custom scale function as a weak reference)");
    NOT_REBUILT.put("ChainedScheduler", "its members' classes");
  }

  private PyTorchClasses() {}

  /** The constructor's keyword arguments as fields of the state, or empty when a rebuild is impossible. */
  static Optional<List<String>> kwargs(String kind) {
    return Optional.ofNullable(KWARGS.get(kind));
  }

  /** What the state of {@code kind} lacks for a rebuild: a known reason, or that the class is unknown. */
  static String missing(String kind) {
    return NOT_REBUILT.getOrDefault(kind, "a class Anneal knows (it reads " + String.join(", ", KWARGS.keySet()) + " and SequentialLR)");
  }

  /** The class whose state {@code state} is, told by the fields only that class keeps. */
  static String infer(JsonNode state) {
    if (state.has("type") && state.get("type").isTextual()) {
      return state.get("type").asText();
    }
    if (state.has("_schedulers")) {
      return state.has("_milestones") ? "SequentialLR" : "ChainedScheduler";
    }
    if (state.has("num_bad_epochs")) {
      return "ReduceLROnPlateau";
    }
    if (state.has("T_0")) {
      return "CosineAnnealingWarmRestarts";
    }
    if (state.has("T_max")) {
      return "CosineAnnealingLR";
    }
    if (state.has("start_factor")) {
      return "LinearLR";
    }
    if (state.has("power")) {
      return "PolynomialLR";
    }
    if (state.has("factor") && state.has("total_iters")) {
      return "ConstantLR";
    }
    if (state.has("step_size")) {
      return "StepLR";
    }
    if (state.has("milestones")) {
      return "MultiStepLR";
    }
    if (state.has("_schedule_phases")) {
      return "OneCycleLR";
    }
    if (state.has("max_lrs") && state.has("total_size")) {
      return "CyclicLR";
    }
    if (state.has("lr_lambdas")) {
      return "LambdaLR";
    }
    if (state.has("gamma")) {
      return "ExponentialLR";
    }
    return "an unknown class";
  }
}
