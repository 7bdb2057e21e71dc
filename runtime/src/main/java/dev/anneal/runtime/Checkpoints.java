package dev.anneal.runtime;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.training.Trainer;
import ai.djl.util.Utils;
import dev.anneal.checkpoint.Fingerprint;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.Code;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Saves and restores a training run with its Anneal state: the model's parameters (DJL's {@code
 * Model.save}, file {@code <name>-<epoch>.params}) and, next to them, a sidecar {@code
 * <name>-<epoch>.params.anneal} holding the schedule's step, each group's selector, each channel's
 * definition (Anneal JSON), fingerprint and reactive state, and the state of Anneal's optimizer
 * (momentum buffers, Adam moments), written atomically and sealed with a checksum.
 *
 * <p>A run saved after {@code k} updates and restored into a fresh model and trainer continues with
 * exactly the values, and with Anneal's optimizers exactly the parameters, of the run that never
 * stopped (given the same batches). The schedule is checked on restore: by default any difference
 * from the saved definitions refuses the resume ({@link ResumePolicy#FAIL_ON_DIFFERENCE}).
 */
public final class Checkpoints {
  private Checkpoints() {}

  /**
   * Saves the model's parameters and the Anneal state; ends the update in progress first.
   *
   * @return the {@code .params} file written (its sidecar is next to it)
   * @throws InvalidScheduleException ({@code NotBound}) before training began, or ({@code
   *     ConflictingSetting}) if the model lives on a device the trainer does not train on (its
   *     parameters would be stale until the trainer closes)
   */
  public static Path save(Trainer trainer, TrainingSchedule schedule, Path directory, String name) throws IOException {
    Objects.requireNonNull(trainer, "trainer");
    schedule.endStep();
    GroupBinding binding = schedule.binding();
    if (binding == null) {
      throw new InvalidScheduleException(Code.NOT_BOUND.at("listener", null,
          "save needs the parameters bound when training began; add TrainingSchedule.listener() to the training config"));
    }
    Model model = trainer.getModel();
    Device modelDevice = model.getNDManager().getDevice();
    if (!Arrays.asList(trainer.getDevices()).contains(modelDevice)) {
      throw new InvalidScheduleException(Code.CONFLICTING_SETTING.at("device", modelDevice,
          "the model lives on " + modelDevice + " but the trainer trains on " + Arrays.toString(trainer.getDevices())
              + ", so the model's parameters are stale until the trainer closes; create the model on the first training device"));
    }
    Files.createDirectories(directory);
    String epochProperty = model.getProperty("Epoch");
    int epoch = epochProperty == null ? Utils.getCurrentEpoch(directory, name) + 1 : Integer.parseInt(epochProperty);
    model.save(directory, name);
    Path paramsFile = directory.resolve(String.format(Locale.ROOT, "%s-%04d.params", name, epoch));
    if (Files.notExists(paramsFile)) {
      throw new IOException("DJL's Model.save did not write " + paramsFile);
    }
    Sidecar.write(paramsFile, content(schedule, paramsFile));
    return paramsFile;
  }

  /** The newest {@code <name>-NNNN.params} in {@code directory}, the one DJL's {@code Model.load(directory, name)} loads. */
  public static Path latest(Path directory, String name) throws IOException {
    int epoch = Utils.getCurrentEpoch(directory, name);
    if (epoch < 0) {
      throw new InvalidScheduleException(Code.CHECKPOINT_UNREADABLE.at("paramsFile", directory.toString(),
          directory + "/" + name + "-NNNN.params", "missing (no checkpoint of " + name + " in " + directory + ")"));
    }
    return directory.resolve(String.format(Locale.ROOT, "%s-%04d.params", name, epoch));
  }

  /**
   * Restores the Anneal state saved with {@code paramsFile} into {@code schedule} (load the
   * parameters themselves with DJL's {@code Model.load}). Call it before the first update, before
   * or after creating the trainer; the optimizer's state is applied when training begins.
   *
   * <p>The checkpoint's groups and plans (their Anneal JSON definitions) are compared with the
   * schedule's; where they differ, {@code policy} decides: {@link ResumePolicy#FAIL_ON_DIFFERENCE}
   * refuses and lists every difference, {@link ResumePolicy#USE_CHECKPOINT} replaces the schedule's
   * groups and plans by the checkpoint's (the schedule applies those from then on: see {@link
   * TrainingSchedule#groups()}), {@link ResumePolicy#USE_NEW} keeps the schedule's, and {@link
   * ResumePolicy#CONTINUE_FROM_CURRENT_VALUE} keeps them with each changed channel scaled to start
   * from the value the run had reached. Reactive (plateau) state is kept for every channel whose
   * definition did not change.
   *
   * @param policy what to do if the schedule differs from the checkpoint's
   * @throws InvalidScheduleException ({@code CheckpointUnreadable}, {@code CheckpointMismatch}) for a
   *     missing, torn, foreign or mismatched sidecar; ({@code ScheduleChanged}) listing every
   *     difference under {@link ResumePolicy#FAIL_ON_DIFFERENCE}; ({@code
   *     CheckpointWithoutDefinition}) under {@link ResumePolicy#USE_CHECKPOINT} for a changed
   *     schedule Anneal JSON could not write when it was saved (a {@code Schedule} class of the
   *     user's); ({@code CannotContinueFromZero}, {@code NoValueToContinue}) under {@link
   *     ResumePolicy#CONTINUE_FROM_CURRENT_VALUE}; ({@code ConflictingSetting}) after the first
   *     update, or if the checkpoint's plans schedule other channels than the optimizer or tracker
   *     already built from {@code schedule}
   */
  public static void restore(TrainingSchedule schedule, Path paramsFile, ResumePolicy policy) throws IOException {
    Objects.requireNonNull(policy, "policy");
    Sidecar.Content content = Sidecar.read(paramsFile);
    Resume.Outcome outcome = Resume.resolve(content, Sidecar.pathFor(paramsFile), schedule.groups(), policy);
    schedule.restore(content, outcome.groups(), outcome.states());
  }

  private static Sidecar.Content content(TrainingSchedule schedule, Path paramsFile) throws IOException {
    long step = schedule.step();
    List<ParameterGroup> groups = schedule.groups();
    List<String> channels = schedule.channels();
    ScheduleState[][] states = schedule.statesCopy();
    List<Sidecar.GroupState> savedGroups = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      ParameterGroup group = groups.get(g);
      List<Sidecar.ChannelState> savedChannels = new ArrayList<>();
      for (int c = 0; c < channels.size(); c++) {
        Schedule channel = group.plan().channel(channels.get(c));
        if (channel != null) {
          Definitions.Written definition = Definitions.write(channel);
          savedChannels.add(new Sidecar.ChannelState(channels.get(c), Fingerprint.of(channel), definition.text(), definition.unwritable(),
              nextValue(channel, step, states[g][c]), states[g][c].plateaus()));
        }
      }
      savedGroups.add(new Sidecar.GroupState(group.name(), group.selector().text(), savedChannels));
    }
    ScheduledOptimizer optimizer = schedule.optimizer();
    return new Sidecar.Content(
        paramsFile.getFileName().toString(), Sidecar.sha256(paramsFile), step, savedGroups,
        optimizer == null ? "" : optimizer.kind(), optimizer == null ? Map.of() : optimizer.exportState());
  }

  /** The value the next update would use, or NaN past the end of a schedule declared with after-end FAIL. */
  private static double nextValue(Schedule schedule, long step, ScheduleState state) {
    try {
      return schedule.valueAt(step, state);
    } catch (InvalidScheduleException e) {
      return Double.NaN; // a run may stop, and save, exactly where its schedule ends
    }
  }
}
