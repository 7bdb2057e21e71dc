package dev.anneal.cli.data;

import java.util.List;
import java.util.Objects;

/**
 * Rows of numeric features, each with a class label: what {@code anneal train} and {@code anneal
 * find-lr} learn from. Immutable: the arrays are copied in and never handed out.
 */
public final class LabeledData {
  private final String name;
  private final List<String> featureNames;
  private final String targetName;
  private final List<String> classes;
  private final float[][] features;
  private final int[] labels;

  /**
   * @param name where the data came from, for summaries ({@code digits}, a file name)
   * @param featureNames the feature columns, in order
   * @param targetName the column that holds the labels
   * @param classes the class labels as written, in class-index order
   * @param features one row per example, {@code featureNames.size()} values each
   * @param labels the class index of each row
   */
  public LabeledData(String name, List<String> featureNames, String targetName, List<String> classes, float[][] features, int[] labels) {
    this.name = Objects.requireNonNull(name, "name");
    this.featureNames = List.copyOf(featureNames);
    this.targetName = Objects.requireNonNull(targetName, "targetName");
    this.classes = List.copyOf(classes);
    if (features.length != labels.length) {
      throw new IllegalArgumentException(features.length + " rows of features but " + labels.length + " labels");
    }
    this.features = new float[features.length][];
    for (int row = 0; row < features.length; row++) {
      if (features[row].length != this.featureNames.size()) {
        throw new IllegalArgumentException("row " + row + " has " + features[row].length + " features, not " + this.featureNames.size());
      }
      this.features[row] = features[row].clone();
    }
    this.labels = labels.clone();
  }

  public String name() {
    return name;
  }

  public List<String> featureNames() {
    return featureNames;
  }

  public String targetName() {
    return targetName;
  }

  public List<String> classes() {
    return classes;
  }

  public int rows() {
    return labels.length;
  }

  public int featureCount() {
    return featureNames.size();
  }

  /** The value of feature {@code column} in {@code row}. */
  public float feature(int row, int column) {
    return features[row][column];
  }

  /** The class index of {@code row}. */
  public int label(int row) {
    return labels[row];
  }
}
