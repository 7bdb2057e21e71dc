package dev.anneal.cli.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomSampler;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.Batchifier;
import dev.anneal.cli.data.Examples;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The training examples served as shuffled batches, one epoch at a time: the batches, in the order,
 * that iterating a shuffled DJL {@code ArrayDataset} serves, at a lower cost per update.
 *
 * <p>The dataset gathers every batch with advanced indexing (an index array sent to the engine,
 * converted to 64-bit integers, one gather for the features and one for the labels, each built
 * with several native calls). Here each epoch's rows are gathered once, in the sampler's order, and
 * split into its batches at once: every batch is a view of the epoch's rows, and serving one costs
 * no native call. The labels are 64-bit integers, the type the loss picks with, so that the loss
 * no longer converts them at every update (picking by a float label or by its integer is the same
 * pick).
 *
 * <p>The order comes from DJL's own samplers ({@code BatchSampler} over {@code RandomSampler}, the
 * last batch smaller, as {@code setSampling(batchSize, true)} builds them), drawn once per epoch
 * from DJL's random generator, so the batches, and therefore every loss of a run, are those of the
 * dataset ({@code EpochBatchesTest}). A resumed run draws the order of every epoch its checkpoint
 * completed ({@link #skip}) before it gathers the current one, so that it goes on with the batches
 * of the run that never stopped.
 */
final class EpochBatches {
  private final NDArray features;
  private final NDArray labels;
  /** Only the sampler's view of the data: how many rows there are. */
  private final ArrayDataset rows;
  private final Sampler sampler;

  /**
   * @param manager where the examples' arrays live (the CPU: batches move to their devices when they are split)
   * @param batchSize examples per batch
   */
  EpochBatches(NDManager manager, Examples examples, int batchSize) {
    features = manager.create(examples.features(), new Shape(examples.rows(), examples.columns()));
    float[] classes = examples.labels();
    long[] indices = new long[classes.length];
    for (int i = 0; i < classes.length; i++) {
      indices[i] = (long) classes[i];
    }
    labels = manager.create(indices, new Shape(examples.rows()));
    sampler = new BatchSampler(new RandomSampler(), batchSize, false);
    rows = new ArrayDataset.Builder().setData(features).optLabels(labels).setSampling(sampler).build();
  }

  /**
   * Draws the next epoch's order, as {@link #next} does, without gathering its rows: an epoch a
   * resumed run trained before its checkpoint.
   */
  void skip() {
    sampler.sample(rows).forEachRemaining(batch -> {});
  }

  /**
   * Shuffles the rows for the next epoch and gathers them in that order.
   *
   * @param parent the manager the epoch's arrays and its batches' arrays belong to (the trainer's)
   */
  Epoch next(NDManager parent) {
    List<List<Long>> batches = new ArrayList<>();
    sampler.sample(rows).forEachRemaining(batches::add);
    long[] order = batches.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
    long[] ends = new long[batches.size() - 1];
    for (int i = 0; i < ends.length; i++) {
      ends[i] = (i == 0 ? 0 : ends[i - 1]) + batches.get(i).size();
    }
    NDManager manager = parent.newSubManager();
    try (NDArray index = manager.create(order)) {
      NDIndex gather = new NDIndex("{}", index);
      return new Epoch(manager, split(features.get(manager, gather), ends), split(labels.get(manager, gather), ends), batches);
    }
  }

  /** The batches of an epoch's rows: views of them, which keep their memory alive once the whole is closed. */
  private static NDList split(NDArray rows, long[] ends) {
    if (ends.length == 0) {
      return new NDList(rows); // one batch: the whole epoch
    }
    try (rows) {
      return rows.split(ends);
    }
  }

  /**
   * One epoch's batches, served in order. Each batch owns a manager of its own, as the dataset's
   * do, so that what an update computes from it is freed when it is closed; closing the epoch frees
   * the batches not served (a run that stops part-way through its last epoch).
   */
  static final class Epoch implements Iterable<Batch>, AutoCloseable {
    private final NDManager manager;
    private final NDList features;
    private final NDList labels;
    private final List<List<Long>> batches;
    private final long total;

    private Epoch(NDManager manager, NDList features, NDList labels, List<List<Long>> batches) {
      this.manager = manager;
      this.features = features;
      this.labels = labels;
      this.batches = batches;
      this.total = batches.stream().mapToLong(List::size).sum();
    }

    /** The batches in order; each moves to a manager of its own when it is reached. */
    @Override
    public Iterator<Batch> iterator() {
      return new Iterator<>() {
        private int next;
        private long served;

        @Override
        public boolean hasNext() {
          return next < batches.size();
        }

        @Override
        public Batch next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          int i = next++;
          List<Long> indices = batches.get(i);
          long from = served;
          served += indices.size();
          NDManager batchManager = manager.newSubManager();
          NDArray data = features.get(i);
          NDArray label = labels.get(i);
          data.attach(batchManager);
          label.attach(batchManager);
          return new Batch(batchManager, new NDList(data), new NDList(label), indices.size(), Batchifier.STACK, Batchifier.STACK,
              from, total, indices);
        }
      };
    }

    @Override
    public void close() {
      manager.close();
    }
  }
}
