package dev.anneal.golden;

/**
 * The reference sets beside the checkout, each copied into test resources under its folder name:
 * the basics, the unusual inputs upstream accepts, PyTorch 2.x's curves, and the run-geometry cases (each folder's
 * README.md gives its format and what it covers).
 */
public enum GoldenSet {
  /** {@code ../shared/golden}: one or more cases per upstream scheduler, torch 1.13. */
  BASICS("golden"),
  /** {@code ../shared/golden-edge}: inputs upstream accepts and runs that are unusual, torch 1.13. */
  EDGE("golden-edge"),
  /** {@code ../shared/golden-pytorch2}: PyTorch 2.x's {@code lr_scheduler.py}. */
  PYTORCH2("golden-pytorch2"),
  /**
   * {@code ../shared/golden-geometry}: curves whose length or units come from the run's geometry
   * (PyTorch stepped per epoch, Megatron batch-size schedules, Trainer runs in epochs).
   */
  GEOMETRY("golden-geometry");

  private final String folder;

  GoldenSet(String folder) {
    this.folder = folder;
  }

  /** The folder name, both beside the checkout and in test resources. */
  public String folder() {
    return folder;
  }

  /** Whether the set's PyTorch curves are torch 1.13's (the pytorch format then says {@code "torch_version": "1.13"}). */
  public boolean torch113() {
    return this != PYTORCH2;
  }

}
