package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.runtime.Checkpoints;
import dev.anneal.runtime.RuntimeCode;
import dev.anneal.runtime.ScheduledTraining;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint torn on purpose is refused with a message that says so, never used: the sidecar cut
 * at every length short of whole, every byte of it flipped, and the {@code .params} file cut short
 * or changed after the sidecar was written.
 */
class TornCheckpointTest {
  static final int UPDATES = 12;
  /** A narrow model keeps the sidecar small enough to cut and flip at every byte. */
  static final int WIDTH = 8;

  @TempDir static Path dir;
  static Path params;
  static byte[] sidecar;
  static byte[] paramsBytes;

  @BeforeAll
  static void saveACheckpoint() throws Exception {
    TrainingProcess.main(new String[] {dir.resolve("run").toString(), Integer.toString(UPDATES), Integer.toString(UPDATES), Integer.toString(WIDTH)});
    params = dir.resolve("run").resolve(TrainingProcess.NAME + "-0000.params");
    sidecar = Files.readAllBytes(sidecarOf(params));
    paramsBytes = Files.readAllBytes(params);
    restore(params); // whole, it is accepted
  }

  @Test
  void aSidecarCutAtAnyLengthIsRefused() throws Exception {
    Path copy = copyOfParams("cut");
    for (int length = 0; length < sidecar.length; length++) {
      Files.write(sidecarOf(copy), Arrays.copyOf(sidecar, length));
      int cut = length;
      InvalidScheduleException refused = assertThrows(InvalidScheduleException.class, () -> restore(copy), () -> "cut at " + cut + " bytes");
      assertEquals(RuntimeCode.CHECKPOINT_UNREADABLE, refused.violations().get(0).code(), refused::getMessage);
      String message = refused.getMessage();
      assertTrue(message.contains("not an Anneal sidecar") || message.contains("truncated") || message.contains("torn or corrupted"),
          () -> "cut at " + cut + " bytes: " + message);
    }
  }

  @Test
  void aSidecarCutShortOfItsChecksumNamesTheProblem() throws Exception {
    Path copy = copyOfParams("short");
    Files.write(sidecarOf(copy), Arrays.copyOf(sidecar, sidecar.length - 1));
    InvalidScheduleException refused = assertThrows(InvalidScheduleException.class, () -> restore(copy));
    assertTrue(refused.getMessage().startsWith("[CheckpointUnreadable] sidecar: " + sidecarOf(copy) + " is torn or corrupted (its SHA-256 does not match its content: stored "),
        refused::getMessage);
    assertTrue(refused.getMessage().endsWith("…); refusing to resume from it"), refused::getMessage);
  }

  @Test
  void aSidecarWithAnyByteFlippedIsRefused() throws Exception {
    Path copy = copyOfParams("flip");
    for (int i = 0; i < sidecar.length; i++) {
      byte[] flipped = sidecar.clone();
      flipped[i] ^= (byte) (1 << (i % 8));
      Files.write(sidecarOf(copy), flipped);
      int at = i;
      InvalidScheduleException refused = assertThrows(InvalidScheduleException.class, () -> restore(copy), () -> "byte " + at + " flipped");
      assertEquals(RuntimeCode.CHECKPOINT_UNREADABLE, refused.violations().get(0).code(), refused::getMessage);
    }
  }

  @Test
  void aParamsFileCutShortOrChangedIsRefused() throws Exception {
    Path copy = copyOfParams("params");
    for (int length : new int[] {0, 1, paramsBytes.length / 2, paramsBytes.length - 1}) {
      Files.write(copy, Arrays.copyOf(paramsBytes, length));
      InvalidScheduleException refused = assertThrows(InvalidScheduleException.class, () -> restore(copy));
      assertEquals(RuntimeCode.PARAMS_CHANGED_SINCE_SAVE, refused.violations().get(0).code(), refused::getMessage);
      assertTrue(refused.getMessage().contains(copy + " changed after its Anneal state was saved"), refused::getMessage);
    }
  }

  private static Path copyOfParams(String folder) throws Exception {
    Path copy = dir.resolve(folder).resolve(params.getFileName());
    Files.createDirectories(copy.getParent());
    Files.write(copy, paramsBytes);
    Files.write(sidecarOf(copy), sidecar);
    restore(copy); // the copies are whole before each test breaks them
    return copy;
  }

  private static Path sidecarOf(Path paramsFile) {
    return paramsFile.resolveSibling(paramsFile.getFileName() + ".anneal");
  }

  private static void restore(Path paramsFile) throws Exception {
    try (Model model = TrainingProcess.model(WIDTH)) {
      Checkpoints.restore(model, ScheduledTraining.of(TrainingProcess.plan(UPDATES)), paramsFile, ResumePolicy.FAIL_ON_DIFFERENCE);
    }
  }
}
