package dev.anneal.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each fault, injected at seeded random places into torch's own warm-up + cosine curve (the clean
 * log of src/test/resources/audit, 300 updates), is found and named with its numbers; the injected
 * logs are built here by hand from that curve, so the expected fault is known.
 */
class FaultClassifierPropertyTest {
  private static final int TRIALS = 150;
  private static final Tolerance GOLDEN = new Tolerance(Tolerance.GOLDEN_RELATIVE);

  private static double[] torch;
  private static ExactCurve curve;

  @BeforeAll
  static void readTorchCurve() throws IOException {
    torch = Files.readAllLines(Path.of("src/test/resources/audit/clean.csv")).stream().skip(1)
        .mapToDouble(line -> Double.parseDouble(line.split(",")[1])).toArray();
    curve = ExactCurve.of(torch);
  }

  /** A log of {@code logged.applyAsDouble(s)} at steps {@code from … to} (both included) every {@code every} steps. */
  private static LearningRateLog log(long from, long to, long every, LongToDoubleFunction logged) {
    List<LoggedPoint> points = new ArrayList<>();
    for (long step = from; step <= to; step += every) {
      points.add(new LoggedPoint(step, logged.applyAsDouble(step), "line " + (step + 2)));
    }
    return new LearningRateLog(LogFormat.CSV, "step", "lr", points);
  }

  private static Finding classify(LearningRateLog log) {
    return FaultClassifier.classify(log, 0, curve, GOLDEN);
  }

  @Test
  void theCleanCurveIsIdentical() {
    Finding finding = classify(log(0, 299, 1, step -> torch[(int) step]));

    assertEquals(Fault.IDENTICAL, finding.fault());
    assertNull(finding.firstParting());
  }

  @Test
  void aConstantShiftIsFoundWithItsSize() {
    Random random = new Random(19);
    for (int trial = 0; trial < TRIALS; trial++) {
      int shift = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(5));
      long from = Math.max(0, -shift) + random.nextInt(20);
      long to = 299 - Math.max(0, shift) - random.nextInt(20);
      Finding finding = classify(log(from, to, 1, step -> torch[(int) (step + shift)]));

      assertEquals(Fault.INDEX_SHIFT, finding.fault(), "shift " + shift);
      assertEquals(Map.of("shift", (long) shift), finding.parameters(), "shift " + shift);
      assertEquals(from, finding.firstParting().step());
    }
  }

  @Test
  void aStretchIsFoundWithItsFactorAndOffset() {
    Random random = new Random(1919);
    for (int trial = 0; trial < TRIALS; trial++) {
      int factor = 2 + random.nextInt(7);
      int offset = random.nextInt(factor + 1);
      long last = (299 - offset) / factor;
      Finding finding = classify(log(0, last, 1, step -> torch[(int) (factor * step + offset)]));

      assertEquals(Fault.STRETCH, finding.fault(), "×" + factor + " +" + offset);
      assertEquals(List.of((long) factor, (long) offset, 1L), List.copyOf(finding.parameters().values()), "×" + factor + " +" + offset);
    }
  }

  @Test
  void aRestartAtAResumeIsFoundWhereItHappens() {
    Random random = new Random(191919);
    for (int trial = 0; trial < TRIALS; trial++) {
      long resume = 20 + random.nextInt(260);
      Finding finding = classify(log(0, 299, 1, step -> torch[(int) (step < resume ? step : step - resume)]));

      assertEquals(Fault.RESUME_RESTART, finding.fault(), "restart at " + resume);
      assertEquals(List.of(new Break(Fault.RESUME_RESTART, resume, 0, resume)), finding.breaks());
      assertEquals(resume, finding.firstParting().step());
    }
  }

  @Test
  void aReplayAtAResumeIsFoundWithItsLength() {
    Random random = new Random(19191919);
    for (int trial = 0; trial < TRIALS; trial++) {
      long resume = 40 + random.nextInt(240);
      long replayed = 2 + random.nextInt((int) resume - 2);
      Finding finding = classify(log(0, 299, 1, step -> torch[(int) (step < resume ? step : step - replayed)]));

      assertEquals(Fault.RESUME_REPLAY, finding.fault(), "replay of " + replayed + " at " + resume);
      assertEquals(List.of(new Break(Fault.RESUME_REPLAY, resume, 0, replayed)), finding.breaks());
    }
  }

  @Test
  void aJumpAheadAtAResumeIsFound() {
    Random random = new Random(7);
    for (int trial = 0; trial < TRIALS; trial++) {
      long resume = 10 + random.nextInt(200);
      long ahead = 2 + random.nextInt(50);
      long last = 299 - ahead;
      Finding finding = classify(log(0, last, 1, step -> torch[(int) (step < resume ? step : step + ahead)]));

      assertEquals(Fault.RESUME_JUMP_AHEAD, finding.fault(), ahead + " ahead at " + resume);
      assertEquals(List.of(new Break(Fault.RESUME_JUMP_AHEAD, resume, 0, -ahead)), finding.breaks());
    }
  }

  @Test
  void skippedUpdatesThenARestartAreSeveralFaultsEachListed() {
    // Update 40 skipped (the value held at step 41, then one behind), then a restart at step 200.
    Finding finding = classify(log(0, 299, 1, step -> torch[(int) (step <= 40 ? step : step < 200 ? step - 1 : step - 200)]));

    assertEquals(Fault.SEVERAL, finding.fault());
    assertEquals(List.of(new Break(Fault.SKIPPED_UPDATES, 41, 0, 1), new Break(Fault.RESUME_RESTART, 200, 1, 200)), finding.breaks());
    assertEquals("several faults: an update skipped before step 41 (it holds the value of step 40); resume restarted the schedule: from "
        + "step 200 the log follows the curve from its start again (step 200 holds the value of step 0), as when a run resumes without "
        + "the scheduler's state", finding.summary());
    assertEquals(41, finding.firstParting().step());
  }

  @Test
  void aJumpAtTheLastLoggedValueAloneIsNotTold() {
    Finding finding = classify(log(0, 150, 1, step -> torch[(int) (step < 150 ? step : 10)]));

    assertEquals(Fault.UNEXPLAINED, finding.fault());
    assertEquals(150, finding.firstParting().step());
  }

  @Test
  void skippedUpdatesAreCountedInLogsOfEveryStepAndOfEvery10() {
    Random random = new Random(1913);
    for (int trial = 0; trial < TRIALS; trial++) {
      int every = random.nextBoolean() ? 1 : 10;
      TreeSet<Long> skipped = new TreeSet<>();
      int count = 1 + random.nextInt(6);
      // From the first logged step on: skips before it shift the whole log, which reads as an index shift.
      while (skipped.size() < count) {
        skipped.add((long) every + random.nextInt(280 - every));
      }
      // Update u uses the curve's value at u less the skips before it: a skipped update does not step the schedule.
      LongToDoubleFunction logged = step -> torch[(int) (step - skipped.headSet(step).size())];
      Finding finding = classify(log(every, 290, every, logged));

      assertEquals(Fault.SKIPPED_UPDATES, finding.fault(), "skipped " + skipped + ", logged every " + every);
      assertEquals(count, finding.breaks().get(finding.breaks().size() - 1).lagAfter(), "skipped " + skipped + ", logged every " + every);
    }
  }
}
