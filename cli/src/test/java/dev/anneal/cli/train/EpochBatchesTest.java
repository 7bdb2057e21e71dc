package dev.anneal.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.Batch;
import dev.anneal.cli.data.Digits;
import dev.anneal.cli.data.Examples;
import dev.anneal.cli.data.Split;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link EpochBatches} must serve, epoch after epoch, exactly the batches a shuffled DJL {@code
 * ArrayDataset} serves from the same seed: the losses of {@code anneal train} depend on it.
 */
class EpochBatchesTest {
  private static final int SEED = 7;
  private static final int EPOCHS = 3;

  /** The digits' 1,438 training rows: 44 batches of 32, then one of 30. */
  private static final Examples DIGITS = Split.of(Digits.load(), 0).train();

  @Test
  void servesTheBatchesOfAShuffledDatasetInTheSameOrder() throws Exception {
    List<Served> expected = fromDataset(32);
    List<Served> actual = fromEpochBatches(32);

    assertEquals(EPOCHS * 45, expected.size());
    assertEquals(30 * DIGITS.columns(), expected.get(44).features().length, "the last batch of an epoch is smaller");
    assertBatchesEqual(expected, actual);
  }

  @Test
  void aBatchOfEveryRowIsTheWholeShuffledEpoch() throws Exception {
    List<Served> expected = fromDataset(DIGITS.rows());
    List<Served> actual = fromEpochBatches(DIGITS.rows());

    assertEquals(EPOCHS, expected.size());
    assertBatchesEqual(expected, actual);
  }

  private record Served(float[] features, long[] labels) {}

  private static void assertBatchesEqual(List<Served> expected, List<Served> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i).features(), actual.get(i).features(), "features of batch " + i);
      assertArrayEquals(expected.get(i).labels(), actual.get(i).labels(), "labels of batch " + i);
    }
  }

  private static List<Served> fromDataset(int batchSize) throws Exception {
    List<Served> served = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Engine.getInstance().setRandomSeed(SEED);
      var dataset = TrainingRun.dataset(manager, DIGITS, batchSize, true);
      for (int epoch = 0; epoch < EPOCHS; epoch++) {
        for (Batch batch : dataset.getData(manager)) {
          try (batch) {
            served.add(read(batch));
          }
        }
      }
    }
    return served;
  }

  private static List<Served> fromEpochBatches(int batchSize) {
    List<Served> served = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Engine.getInstance().setRandomSeed(SEED);
      EpochBatches batches = new EpochBatches(manager, DIGITS, batchSize);
      for (int epoch = 0; epoch < EPOCHS; epoch++) {
        try (EpochBatches.Epoch each = batches.next(manager)) {
          for (Batch batch : each) {
            try (batch) {
              served.add(read(batch));
            }
          }
        }
      }
    }
    return served;
  }

  private static Served read(Batch batch) {
    return new Served(batch.getData().singletonOrThrow().toFloatArray(),
        batch.getLabels().singletonOrThrow().toType(DataType.INT64, false).toLongArray());
  }
}
