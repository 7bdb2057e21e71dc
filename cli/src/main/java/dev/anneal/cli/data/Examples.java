package dev.anneal.cli.data;

/**
 * Examples ready for a model: {@code rows × columns} features, row-major, and a class index per
 * row (as a float, the form DJL's softmax cross-entropy takes). Immutable: accessors return copies.
 */
public final class Examples {
  private final int rows;
  private final int columns;
  private final float[] features;
  private final float[] labels;

  Examples(int rows, int columns, float[] features, float[] labels) {
    if (features.length != rows * columns || labels.length != rows) {
      throw new IllegalArgumentException(rows + "×" + columns + " examples need " + rows * columns + " features and " + rows + " labels");
    }
    this.rows = rows;
    this.columns = columns;
    this.features = features.clone();
    this.labels = labels.clone();
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  /** The features, row-major. */
  public float[] features() {
    return features.clone();
  }

  /** The class index of every row. */
  public float[] labels() {
    return labels.clone();
  }
}
