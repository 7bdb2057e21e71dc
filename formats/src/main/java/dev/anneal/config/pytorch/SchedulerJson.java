package dev.anneal.config.pytorch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.Plateau;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a {@link PyTorchScheduler} as the {@code {"type", "kwargs"}} object the {@code pytorch} format reads. */
final class SchedulerJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SchedulerJson() {}

  static ObjectNode of(PyTorchScheduler scheduler) {
    ObjectNode node = NODES.objectNode();
    node.put("type", scheduler.type());
    ObjectNode kwargs = node.putObject("kwargs");
    if (scheduler instanceof StepLR s) {
      kwargs.put("step_size", s.stepSize()).put("gamma", s.gamma());
    } else if (scheduler instanceof MultiStepLR s) {
      ArrayNode milestones = kwargs.putArray("milestones");
      s.milestones().forEach(milestones::add);
      kwargs.put("gamma", s.gamma());
    } else if (scheduler instanceof ConstantLR s) {
      kwargs.put("factor", s.factor()).put("total_iters", s.totalIters());
    } else if (scheduler instanceof LinearLR s) {
      kwargs.put("start_factor", s.startFactor()).put("end_factor", s.endFactor()).put("total_iters", s.totalIters());
    } else if (scheduler instanceof ExponentialLR s) {
      kwargs.put("gamma", s.gamma());
    } else if (scheduler instanceof PolynomialLR s) {
      kwargs.put("total_iters", s.totalIters()).put("power", s.power());
    } else if (scheduler instanceof CosineAnnealingLR s) {
      kwargs.put("T_max", s.tMax()).put("eta_min", s.etaMin());
    } else if (scheduler instanceof CosineAnnealingWarmRestarts s) {
      kwargs.put("T_0", s.t0()).put("T_mult", s.tMult()).put("eta_min", s.etaMin());
    } else if (scheduler instanceof CyclicLR s) {
      cyclic(kwargs, s);
    } else if (scheduler instanceof OneCycleLR s) {
      oneCycle(kwargs, s);
    } else if (scheduler instanceof ReduceLROnPlateau s) {
      kwargs.put("mode", s.mode() == Plateau.Mode.MIN ? "min" : "max")
          .put("factor", s.factor())
          .put("patience", s.patience())
          .put("threshold", s.threshold())
          .put("threshold_mode", s.thresholdMode() == Plateau.ThresholdMode.REL ? "rel" : "abs")
          .put("cooldown", s.cooldown())
          .put("min_lr", s.minLr())
          .put("eps", s.eps());
    } else if (scheduler instanceof SequentialLR s) {
      ArrayNode members = kwargs.putArray("schedulers");
      s.schedulers().forEach(member -> members.add(of(member)));
      ArrayNode milestones = kwargs.putArray("milestones");
      s.milestones().forEach(milestones::add);
    } else if (scheduler instanceof ChainedScheduler s) {
      ArrayNode members = kwargs.putArray("schedulers");
      s.schedulers().forEach(member -> members.add(of(member)));
    }
    return node;
  }

  private static void cyclic(ObjectNode kwargs, CyclicLR s) {
    kwargs.put("base_lr", s.baseLr()).put("max_lr", s.maxLr()).put("step_size_up", s.stepSizeUp());
    if (s.stepSizeDown() != null) {
      kwargs.put("step_size_down", s.stepSizeDown());
    }
    kwargs.put("mode", CyclicLR.torchName(s.mode()));
    if (s.mode() == Cyclic.Mode.EXP_RANGE) {
      kwargs.put("gamma", s.gamma());
    }
    kwargs.put("cycle_momentum", s.cycleMomentum());
    if (s.cycleMomentum()) {
      kwargs.put("base_momentum", s.baseMomentum()).put("max_momentum", s.maxMomentum());
    }
  }

  private static void oneCycle(ObjectNode kwargs, OneCycleLR s) {
    kwargs.put("max_lr", s.maxLr()).put("total_steps", s.totalSteps()).put("pct_start", s.pctStart())
        .put("anneal_strategy", OneCycleLR.torchName(s.annealStrategy())).put("cycle_momentum", s.cycleMomentum());
    if (s.cycleMomentum()) {
      kwargs.put("base_momentum", s.baseMomentum()).put("max_momentum", s.maxMomentum());
    }
    kwargs.put("div_factor", s.divFactor()).put("final_div_factor", s.finalDivFactor()).put("three_phase", s.threePhase());
  }
}
