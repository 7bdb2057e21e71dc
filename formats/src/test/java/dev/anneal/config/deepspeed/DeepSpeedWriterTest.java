package dev.anneal.config.deepspeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.builder.Schedules;
import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.CosineRestarts;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.StepDecay;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Writing plans as ds_configs: the exact text where DeepSpeed can express the plan, and what it lacks where it cannot. */
class DeepSpeedWriterTest {
  private static final ConfigFormat DEEPSPEED = Formats.byName("deepspeed");

  @Test
  void oneCycleWithMomentumIsWrittenWithEveryArgumentAndAnOptimizerWithBetas() {
    String config = "{\"optimizer\": {\"type\": \"Lamb\", \"params\": {\"lr\": 0.01, \"betas\": [0.9, 0.99]}},"
        + " \"scheduler\": {\"type\": \"OneCycle\", \"params\": {\"cycle_min_lr\": 1e-7, \"cycle_max_lr\": 0.01,"
        + " \"cycle_first_step_size\": 300, \"cycle_first_stair_count\": 3, \"decay_step_size\": 50, \"decay_lr_rate\": 0.5}}}";

    assertEquals("""
        {
          "optimizer": {
            "type": "AdamW",
            "params": {
              "lr": 1E-7,
              "betas": [ 0.8, 0.99 ]
            }
          },
          "scheduler": {
            "type": "OneCycle",
            "params": {
              "cycle_min_lr": 1E-7,
              "cycle_max_lr": 0.01,
              "decay_lr_rate": 0.5,
              "cycle_first_step_size": 300,
              "cycle_second_step_size": 300,
              "cycle_first_stair_count": 3,
              "cycle_second_stair_count": 3,
              "decay_step_size": 50,
              "cycle_momentum": true,
              "cycle_min_mom": 0.8,
              "cycle_max_mom": 0.9,
              "decay_mom_rate": 0.0
            }
          }
        }
        """, DEEPSPEED.write(DEEPSPEED.read(config).plan()));
  }

  @Test
  void aBuilderPlanOfTheSameStructureIsWrittenAsWarmupLr() {
    Sequence lr = Schedules.constant(1e-5).over(1).then().linearTo(3e-4).over(100).then().constant().forever().build();

    String written = DEEPSPEED.write(Plan.of(lr));

    assertEquals("""
        {
          "scheduler": {
            "type": "WarmupLR",
            "params": {
              "warmup_min_lr": 0.00001,
              "warmup_max_lr": 0.0003,
              "warmup_num_steps": 100,
              "warmup_type": "linear"
            }
          }
        }
        """, written);
    GoldenAssert.assertCurve("written WarmupLR", lr.values(0, 300), DEEPSPEED.read(written).plan().lr().values(0, 300));
  }

  @Test
  void aConstantLearningRateNeedsNoScheduler() {
    String written = DEEPSPEED.write(Plan.of(Schedules.constant(3e-4).forever().build()));

    assertEquals("""
        {
          "optimizer": {
            "type": "AdamW",
            "params": {
              "lr": 0.0003
            }
          }
        }
        """, written);
    assertEquals(3e-4, DEEPSPEED.read(written).plan().lr().valueAt(12345));
  }

  private static String unsupported(Plan plan) {
    return assertThrows(InvalidScheduleException.class, () -> DEEPSPEED.write(plan)).getMessage();
  }

  @Test
  void whatDeepSpeedLacksIsNamed() {
    assertEquals("[Unsupported] channels.lr: cannot be written as DeepSpeed: DeepSpeed has no step-decay schedule",
        unsupported(Plan.of(Sequence.of(new StepDecay(0.1, 30, 0.1), Phase.OPEN, AfterEnd.HOLD))));
    assertEquals("[Unsupported] channels.lr: cannot be written as DeepSpeed: DeepSpeed has no triangular2 cyclic schedule (its OneCycle runs one triangular cycle, then"
            + " decays)",
        unsupported(Plan.of(Sequence.of(new Cyclic(1e-4, 1e-3, 100, 100, Cyclic.Mode.TRIANGULAR2, 1.0, false), Phase.OPEN, AfterEnd.HOLD))));
    assertEquals("[Unsupported] channels.lr: cannot be written as DeepSpeed: DeepSpeed has no cosine schedule with restarts",
        unsupported(Plan.of(Sequence.of(new CosineRestarts(0.1, 1e-5, 50, 2), Phase.OPEN, AfterEnd.HOLD))));
    assertEquals("[Unsupported] channels.lr: cannot be written as DeepSpeed: DeepSpeed cannot multiply (chain) schedules",
        unsupported(Plan.of(new Product(List.of(Schedules.constant(0.1).forever().build(), Schedules.constant(0.5).forever().build())))));
    assertEquals("[Unsupported] channels.lr: cannot be written as DeepSpeed: DeepSpeed has no counterpart of PyTorch's OneCycleLR (DeepSpeed's OneCycle is triangular, then"
            + " decays)",
        unsupported(Plan.of(Schedules.oneCycle(4e-4, 0.01, 4e-8, 0.3).over(1000).build())));
  }

  @Test
  void aWarmUpThatRisesFromTheSecondUpdateHasNoDeepSpeedScheduler() {
    Sequence lr = Schedules.linear(0, 3e-4).over(1000).then().cosineTo(0).over(9000).build();

    assertEquals("[Unsupported] channels.lr: cannot be written as DeepSpeed: DeepSpeed has no scheduler for this schedule (linear for 1000 steps, cosine for 9000 steps):"
        + " it offers LRRangeTest, OneCycle, WarmupLR, WarmupDecayLR and WarmupCosineLR, whose warm-ups use their first value for two"
        + " updates", unsupported(Plan.of(lr)));
  }

  @Test
  void momentumAndWeightDecayChannelsOutsideOneCycleAreRefused() {
    Sequence lr = Schedules.constant(0).over(1).then().linearTo(1e-3).over(10).then().constant().forever().build();
    Schedule momentum = Schedules.constant(0.9).forever().build();

    assertEquals("[Unsupported] channels.momentum: cannot be written as DeepSpeed: DeepSpeed schedules momentum only in OneCycle (cycle_momentum), against a one-cycle"
        + " learning rate; this plan's learning rate is not one", unsupported(new Plan(Map.of(Plan.LR, lr, Plan.MOMENTUM, momentum))));
    assertEquals("[Unsupported] channels.weight_decay: cannot be written as DeepSpeed: DeepSpeed's schedulers set no weight_decay: only the learning rate, and β1 in"
        + " OneCycle", unsupported(new Plan(Map.of(Plan.LR, lr, Plan.WEIGHT_DECAY, Schedules.constant(0.1).forever().build()))));
  }

  @Test
  void aMomentumChannelThatIsNotOneCyclesMirrorImageIsRefused() {
    String config = "{\"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": 0.01}}, \"scheduler\": {\"type\": \"OneCycle\","
        + " \"params\": {\"cycle_min_lr\": 0.001, \"cycle_max_lr\": 0.01, \"cycle_first_step_size\": 10}}}";
    Plan plan = DEEPSPEED.read(config).plan().with(Plan.MOMENTUM, Schedules.linear(0.95, 0.85).over(20).then().constant().forever().build());

    assertEquals("[Unsupported] channels.momentum: cannot be written as DeepSpeed: DeepSpeed's OneCycle cycles β1 as the mirror image of the learning rate's cycle (first update"
        + " at cycle_min_mom, then cycle_max_mom down to cycle_min_mom and back, then held or grown with decay_mom_rate), or leaves the"
        + " momentum of an optimizer without betas constant; this momentum channel is neither", unsupported(plan));
  }

  @Test
  void aConstantMomentumBesideOneCycleIsWrittenAsTheMomentumOfSgd() {
    String config = "{\"scheduler\": {\"type\": \"OneCycle\", \"params\": {\"cycle_min_lr\": 0.001, \"cycle_max_lr\": 0.01,"
        + " \"cycle_first_step_size\": 10, \"cycle_momentum\": false}}}";
    Plan plan = DEEPSPEED.read(config).plan().with(Plan.MOMENTUM, Schedules.constant(0.9).forever().build());

    String written = DEEPSPEED.write(plan);

    assertEquals("""
        {
          "optimizer": {
            "type": "SGD",
            "params": {
              "lr": 0.001,
              "momentum": 0.9
            }
          },
          "scheduler": {
            "type": "OneCycle",
            "params": {
              "cycle_min_lr": 0.001,
              "cycle_max_lr": 0.01,
              "decay_lr_rate": 0.0,
              "cycle_first_step_size": 10,
              "cycle_second_step_size": 10,
              "cycle_first_stair_count": 0,
              "cycle_second_stair_count": 0,
              "decay_step_size": 0,
              "cycle_momentum": true
            }
          }
        }
        """, written);
    Imported read = DEEPSPEED.read(written);
    assertEquals(plan, read.plan());
    assertEquals(List.of("[MomentumCyclingIgnored] scheduler.params.cycle_momentum: momentum cycling is ignored on SGD: DeepSpeed cycles only"
        + " the β1 of optimizers with betas (Adam-style), so the momentum stays the optimizer's own value (0.9); set cycle_momentum to false"
        + " to say so"), read.warnings().stream().map(Violation::toString).toList());
  }
}
