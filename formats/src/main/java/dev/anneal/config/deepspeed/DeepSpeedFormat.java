package dev.anneal.config.deepspeed;

import dev.anneal.config.Imported;
import dev.anneal.config.JsonConfigFormat;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import dev.anneal.schedule.Plan;

/**
 * DeepSpeed's ds_config.json, read and written exactly as DeepSpeed's {@code
 * deepspeed/runtime/lr_schedules.py} runs it: all five scheduler types ({@code LRRangeTest},
 * {@code OneCycle}, {@code WarmupLR}, {@code WarmupDecayLR}, {@code WarmupCosineLR}) with their
 * parameter names and constructor defaults, and their quirks reproduced update for update and
 * reported as warnings. The plan has an {@code lr} channel, and a {@code momentum} channel (Adam's
 * β1) where DeepSpeed cycles it. Every other key of the ds_config is accounted for as {@link
 * DeepSpeedKeys} lists it: a section that does not change the schedule ({@code zero_optimization},
 * {@code fp16}, …) is named in an {@code IgnoredSetting} note with the reason.
 */
public final class DeepSpeedFormat extends JsonConfigFormat {
  /** The name on the command line. */
  public static final String NAME = "deepspeed";

  public DeepSpeedFormat() {
    super(NAME);
  }

  @Override
  protected Imported read(JsonFields root, Problems problems) {
    return DeepSpeedReader.read(root);
  }

  @Override
  public String write(Plan plan) {
    return DeepSpeedWriter.write(plan);
  }
}
