package dev.anneal.config.transformers;

import dev.anneal.rules.Violation;

/**
 * Where the value of one upstream argument came from in the user's config: the JSON path, and the
 * name the user wrote there when it is the same value under another name ({@code warmup_steps} for
 * {@code num_warmup_steps}), so that messages speak the user's language.
 *
 * @param path the JSON path, e.g. {@code lr_scheduler_kwargs.num_cycles}
 * @param userKey the key written at {@code path} if messages may call the argument by it, else {@code null}
 */
record Origin(String path, String userKey) {
  /** {@code violation} (whose path names {@code argument}) moved here, the argument renamed to the user's key. */
  Violation place(Violation violation, String argument) {
    return userKey == null || userKey.equals(argument)
        ? violation.relocated(path, null, null)
        : violation.relocated(path, argument, userKey);
  }
}
