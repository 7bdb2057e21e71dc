package dev.anneal.cli.train;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The model {@code anneal train} fits: a multilayer perceptron, fully connected layers of the
 * given widths with ReLU between them, then one output per class (the logits of a softmax).
 *
 * @param inputs the number of features
 * @param hidden the widths of the hidden layers, in order (may be empty: a linear classifier)
 * @param classes the number of classes
 */
public record Mlp(int inputs, List<Integer> hidden, int classes) {
  public Mlp {
    hidden = List.copyOf(hidden);
  }

  /** A fresh, uninitialised block. */
  public SequentialBlock block() {
    SequentialBlock block = new SequentialBlock();
    for (int units : hidden) {
      block.add(Linear.builder().setUnits(units).build()).add(Activation.reluBlock());
    }
    return block.add(Linear.builder().setUnits(classes).build());
  }

  /** The number of weights and biases. */
  public long parameters() {
    long total = 0;
    int in = inputs;
    for (int units : hidden) {
      total += (long) in * units + units;
      in = units;
    }
    return total + (long) in * classes + classes;
  }

  /** The layer widths, input to output, e.g. {@code 64-64-10}. */
  @Override
  public String toString() {
    return Stream.concat(Stream.concat(Stream.of(inputs), hidden.stream()), Stream.of(classes))
        .map(String::valueOf).collect(Collectors.joining("-"));
  }
}
