package dev.anneal.config.transformers;

import dev.anneal.rules.Code;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;

/** Writes plans as transformers configs (see {@link TransformersFormat#write}). */
final class TransformersWriter {
  private TransformersWriter() {}

  static String write(Plan plan) {
    throw new InvalidScheduleException(Code.UNSUPPORTED.at("", null, "writing transformers configs comes next"));
  }
}
