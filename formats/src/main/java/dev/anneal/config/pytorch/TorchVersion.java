package dev.anneal.config.pytorch;

import java.util.List;
import java.util.Optional;

/**
 * Which {@code torch/optim/lr_scheduler.py} a {@code pytorch} config is read as, chosen by its
 * top-level {@code "torch_version"} field. The two agree on every scheduler on its own and on flat
 * compositions; they differ where a composition nests, and in what they refuse:
 *
 * <ul>
 *   <li>A {@code SequentialLR} or {@code ChainedScheduler} as the first member of a {@code
 *       SequentialLR}: 2.x rewinds the inner schedulers ({@code SequentialLR.recursive_undo}) and
 *       steps them once outside their initial mode; 1.13 rewinds the inner {@code SequentialLR}'s
 *       own counter, and raises AttributeError for a {@code ChainedScheduler} (it has no {@code
 *       last_epoch}).
 *   <li>{@code ChainedScheduler(..., optimizer=...)}: a keyword 2.x added; 1.13 raises TypeError.
 *   <li>{@code CyclicLR(cycle_momentum=True)} on Adam or AdamW: 2.x cycles {@code betas[0]}; 1.13
 *       raises ValueError.
 * </ul>
 */
public enum TorchVersion {
  /** torch 1.13 ({@code "torch_version": "1.13"}), the version of the {@code golden} and {@code golden-edge} curves. */
  TORCH_1_13("1.13"),
  /**
   * The newest PyTorch 2.x Anneal follows: {@code lr_scheduler.py} at
   * pytorch/pytorch@5f65158aefc31977355102011b310a7d020e5604 (the {@code golden-pytorch2} curves).
   */
  TORCH_2("2");

  /** The version a config without {@code torch_version} is read as. */
  public static final TorchVersion DEFAULT = TORCH_2;

  /** The values {@code torch_version} accepts, for messages. */
  static final List<String> ACCEPTED = List.of("1.13", "2", "2.<minor>");

  private final String label;

  TorchVersion(String label) {
    this.label = label;
  }

  /** The version as a config writes it: {@code 1.13} or {@code 2}. */
  public String label() {
    return label;
  }

  /** Whether this is torch 1.13. */
  boolean is113() {
    return this == TORCH_1_13;
  }

  /**
   * The version a {@code torch_version} value selects: {@code 1.13} (or a 1.13 patch release such
   * as {@code 1.13.1}), or {@code 2} or any {@code 2.<minor>[.<patch>]}, all read as the newest 2.x.
   * Releases before 2.6 predate {@code recursive_undo} and may rewind a nested {@code SequentialLR}
   * as 1.13 does; Anneal has no reference curves of them, so it follows the newest.
   */
  static Optional<TorchVersion> parse(String value) {
    if (value.equals("1.13") || value.matches("1\\.13\\.\\d+")) {
      return Optional.of(TORCH_1_13);
    }
    if (value.equals("2") || value.matches("2\\.\\d+(\\.\\d+)?")) {
      return Optional.of(TORCH_2);
    }
    return Optional.empty();
  }
}
