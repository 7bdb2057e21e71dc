package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.Json;
import dev.anneal.config.SettledEnd;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.OneCycle;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Writes a plan as a ds_config where one of DeepSpeed's schedulers reproduces it exactly: the
 * plans {@link DeepSpeedReader} builds, and builder plans of the same structure. The {@code
 * scheduler} block lists every constructor argument (no hidden defaults); an {@code optimizer}
 * block is written only where the curve depends on it ({@code WarmupCosineLR} scales the
 * optimizer's lr; {@code OneCycle} cycles β1 only for an optimizer with betas, for which it names
 * {@code AdamW}: any optimizer with betas gives the same curve; a constant momentum beside a
 * OneCycle learning rate is the momentum of an optimizer without betas, for which it names {@code
 * SGD}, with {@code cycle_momentum} true, as DeepSpeed reads it) or where there is no scheduler.
 */
final class DeepSpeedWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** How a ds_config is printed: two spaces of indent, {@code "key": value}. */
  static final DefaultPrettyPrinter PRINTER =
      new DefaultPrettyPrinter(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"));

  /** What DeepSpeed lacks for the shapes it has nothing like, by class so that no name can drift from the model's. */
  private DeepSpeedWriter() {}

  static String write(Plan plan) {
    for (String channel : plan.channels().keySet()) {
      if (!channel.equals(Plan.LR) && !channel.equals(Plan.MOMENTUM)) {
        throw unsupported("channels." + channel, "DeepSpeed's schedulers set no " + channel + ": only the learning rate, and β1 in OneCycle");
      }
    }
    Schedule lr = plan.lr();
    if (lr == null) {
      throw unsupported("channels", "a DeepSpeed config needs an lr channel");
    }
    Schedule momentum = plan.findChannel(Plan.MOMENTUM).orElse(null);
    ObjectNode root = NODES.objectNode();
    OptionalDouble constant = momentum == null ? constantValue(lr) : OptionalDouble.empty();
    if (constant.isPresent()) {
      root.set(Optimizer.PATH, optimizer(constant.getAsDouble(), OptionalDouble.empty(), OptionalDouble.empty()));
      return print(root);
    }
    DeepSpeedScheduler scheduler = recognise(lr, momentum);
    if (scheduler == null) {
      // Where the learning rate alone is expressible, the momentum channel is what DeepSpeed lacks.
      throw unsupported(momentum != null && recognise(lr, null) != null ? "channels.momentum" : "channels.lr", lacks(lr, momentum));
    }
    if (scheduler.optimizerLr().isPresent() || scheduler.firstBeta1().isPresent() || scheduler.optimizerMomentum().isPresent()) {
      double optimizerLr = scheduler.optimizerLr().orElse(lr.valueAt(0));
      root.set(Optimizer.PATH, optimizer(optimizerLr, scheduler.firstBeta1(), scheduler.optimizerMomentum()));
    }
    ObjectNode block = root.putObject("scheduler");
    block.put("type", scheduler.type().upstreamName());
    scheduler.writeParams(block.putObject("params"));
    return print(root);
  }

  /**
   * The scheduler that reproduces {@code lr} (and {@code momentum}), as given or with the value it
   * holds past its declared end written as an open constant, the form the schedulers build first.
   */
  private static DeepSpeedScheduler recognise(Schedule lr, Schedule momentum) {
    DeepSpeedScheduler asGiven = recogniseOpen(lr, momentum);
    return asGiven != null ? asGiven : recogniseOpen(SettledEnd.reopened(lr), momentum == null ? null : SettledEnd.reopened(momentum));
  }

  private static DeepSpeedScheduler recogniseOpen(Schedule lr, Schedule momentum) {
    if (momentum != null) {
      return OneCycleScheduler.recognise(lr, momentum);
    }
    List<DeepSpeedScheduler> found = new ArrayList<>();
    found.add(RangeTestScheduler.recognise(lr));
    found.add(OneCycleScheduler.recognise(lr, null));
    found.add(WarmupLrScheduler.recognise(lr));
    found.add(WarmupDecayLrScheduler.recognise(lr));
    found.add(WarmupCosineLrScheduler.recognise(lr));
    return found.stream().filter(s -> s != null).findFirst().orElse(null);
  }

  /** The value of a schedule that is one constant for ever. */
  static OptionalDouble constantValue(Schedule schedule) {
    if (schedule instanceof Sequence sequence && sequence.phases().size() == 1 && sequence.phases().get(0).shape() instanceof Constant constant
        && (sequence.phases().get(0).isOpen() || sequence.afterEnd() == AfterEnd.HOLD)) {
      return OptionalDouble.of(constant.value());
    }
    return OptionalDouble.empty();
  }

  /**
   * The optimizer block the curve depends on: an optimizer with betas where β1 is cycled (DeepSpeed
   * installs (β1, 0.99)), one without betas where its momentum is a channel of the plan.
   */
  private static ObjectNode optimizer(double lr, OptionalDouble firstBeta1, OptionalDouble momentum) {
    ObjectNode block = NODES.objectNode();
    block.put("type", momentum.isPresent() ? Optimizer.WRITTEN_TYPE_WITH_MOMENTUM : Optimizer.WRITTEN_TYPE);
    ObjectNode params = block.putObject("params");
    params.set("lr", Decimals.of(lr));
    if (firstBeta1.isPresent()) {
      ArrayNode betas = params.putArray("betas");
      betas.add(Decimals.of(firstBeta1.getAsDouble()));
      betas.add(Decimals.of(OneCycleScheduler.FORCED_BETA2));
    }
    if (momentum.isPresent()) {
      params.set("momentum", Decimals.of(momentum.getAsDouble()));
    }
    return block;
  }

  /** What DeepSpeed lacks to express {@code lr} (with {@code momentum}), in words. */
  private static String lacks(Schedule lr, Schedule momentum) {
    if (momentum != null && !(recognise(lr, null) instanceof OneCycleScheduler)) {
      return "DeepSpeed schedules momentum only in OneCycle (cycle_momentum), against a one-cycle learning rate; this plan's learning rate is"
          + " not one";
    }
    if (momentum != null) {
      return "DeepSpeed's OneCycle cycles β1 as the mirror image of the learning rate's cycle (first update at cycle_min_mom, then"
          + " cycle_max_mom down to cycle_min_mom and back, then held or grown with decay_mom_rate), or leaves the momentum of an optimizer"
          + " without betas constant; this momentum channel is neither";
    }
    if (lr instanceof Product) {
      return "DeepSpeed cannot multiply (chain) schedules";
    }
    Schedule inner = lr instanceof Scaled scaled ? scaled.schedule() : lr;
    for (Phase phase : inner.phases()) {
      String missing = DeepSpeedShapes.lacking(phase.shape());
      if (missing != null) {
        return missing;
      }
    }
    List<String> parts = new ArrayList<>();
    for (Phase phase : inner.phases()) {
      parts.add(phase.shape().kind() + (phase.isOpen() ? " for ever" : " for " + phase.steps() + " steps"));
    }
    return "DeepSpeed has no scheduler for this schedule (" + String.join(", ", parts) + "): it offers LRRangeTest, OneCycle, WarmupLR,"
        + " WarmupDecayLR and WarmupCosineLR, whose warm-ups use their first value for two updates";
  }

  private static InvalidScheduleException unsupported(String path, String what) {
    return new InvalidScheduleException(ConfigCode.unsupported(path, null, "DeepSpeed", what));
  }

  private static String print(ObjectNode root) {
    try {
      return Json.MAPPER.writer(PRINTER).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
