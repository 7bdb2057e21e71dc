package dev.anneal.runtime;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.training.Trainer;
import ai.djl.util.Utils;
import dev.anneal.checkpoint.Fingerprint;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Saves and restores a training run with its Anneal state: the model's parameters (in the format
 * of DJL's {@code Model.save}, file {@code <name>-<epoch>.params}) and, next to them, a sidecar {@code
 * <name>-<epoch>.params.anneal} holding the SHA-256 of the parameters, the name and shape of each,
 * the schedule's step, each group's selector, each channel's
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
   * <p>The save holds the lock {@code <name>.lock} in {@code directory} from start to end, so two
   * runs saving the same name into one folder never mix their files: the second is refused at
   * once. The parameters are written in DJL's {@code .params} format (as {@code Model.save}
   * writes them; {@code model.getModelPath()} is left as it was) and sealed: their SHA-256 goes
   * into the sidecar. Both files are written and forced to disk in the private folder {@code
   * .<name>.saving}, which is then renamed {@code .<name>.commit}; from there the parameters, then
   * the sidecar, are renamed into place. A process killed at any moment leaves every complete
   * checkpoint whole, and a re-save of an existing epoch (a model with an {@code Epoch} property)
   * leaves either the old pair or the new one whole, never a mix: see {@link #latest}. The save
   * first finishes or clears what a killed save left (never a complete checkpoint; see {@link
   * #incomplete}). The sidecar gets the permissions of its parameters: those of the file it
   * replaces, or else a new file's.
   *
   * @return the {@code .params} file written (its sidecar is next to it)
   * @throws InvalidScheduleException ({@code NotBoundAtSave}) before training began; ({@code
   *     ModelOffTrainingDevices}) if the model lives on a device the trainer does not train on (its
   *     parameters would be stale until the trainer closes); ({@code CheckpointLocked}) while
   *     another save of {@code name} into {@code directory}, in this process or another, is under way
   * @throws IOException if the folder cannot be written (a full disk, a read-only folder); what was
   *     saved before stays whole, and the next save clears what this one left
   */
  public static Path save(Trainer trainer, ScheduledTraining schedule, Path directory, String name) throws IOException {
    Objects.requireNonNull(trainer, "trainer");
    schedule.endStep();
    GroupBinding binding = schedule.binding();
    if (binding == null) {
      throw new InvalidScheduleException(RuntimeCode.notBoundAtSave());
    }
    Model model = trainer.getModel();
    Device modelDevice = model.getNDManager().getDevice();
    if (!Arrays.asList(trainer.getDevices()).contains(modelDevice)) {
      throw new InvalidScheduleException(RuntimeCode.modelOffTrainingDevices(modelDevice, Arrays.asList(trainer.getDevices())));
    }
    Files.createDirectories(directory);
    try (CheckpointLock lock = CheckpointLock.acquire(directory, name)) {
      CheckpointFolder folder = new CheckpointFolder(directory, name);
      folder.tidy();
      String epochProperty = model.getProperty("Epoch");
      int epoch = epochProperty == null ? Utils.getCurrentEpoch(directory, name) + 1 : Integer.parseInt(epochProperty);
      Path paramsFile = folder.paramsFile(epoch);
      byte[] params = ParamsFile.encode(model);
      folder.save(paramsFile, params, Sidecar.encode(content(schedule, model, paramsFile, params)));
      return paramsFile;
    }
  }

  /**
   * The newest complete checkpoint of {@code name} in {@code directory}: the {@code
   * <name>-NNNN.params} file of the highest epoch that has its sidecar beside it. A {@code .params}
   * file without one (a save of an earlier Anneal killed midway, or a file of another tool) is
   * skipped, so a resume goes back to the newest checkpoint that is whole. If a save was killed
   * after deciding to replace an epoch but before both its files were in place, the path returned
   * is the whole new pair's, in the private folder {@code .<name>.commit}; {@link #restore} reads it
   * from there as from anywhere else, and the next save moves it into place.
   *
   * @throws InvalidScheduleException ({@code CheckpointUnreadable}) if there is no complete
   *     checkpoint of {@code name}, or the folder may not be read
   */
  public static Path latest(Path directory, String name) throws IOException {
    return new CheckpointFolder(directory, name).latest().orElseThrow(() -> new InvalidScheduleException(
        RuntimeCode.checkpointUnreadable("paramsFile", directory.resolve(name + "-NNNN.params"),
            "missing (no checkpoint of " + name + " in " + directory + ")")));
  }

  /**
   * The {@code <name>-NNNN.params} files in {@code directory} that have no sidecar, oldest first:
   * what {@link #latest} skips. Anneal's own saves never leave one (their commit puts the sidecar in
   * place last, and the next save completes a commit a kill cut short); an earlier Anneal killed
   * inside a save, or another tool saving under the same name (DJL's {@code
   * SaveModelTrainingListener}), may have. {@link #save} leaves them, since only the caller knows
   * whether another tool wrote them: delete them once they are known to be leftovers.
   */
  public static List<Path> incomplete(Path directory, String name) throws IOException {
    return new CheckpointFolder(directory, name).incomplete();
  }

  /**
   * Restores a checkpoint: loads the parameters of {@code paramsFile} into {@code model} (in place
   * of DJL's {@code Model.load}) and the Anneal state saved with them into {@code schedule}. Call it
   * before {@code trainer.initialize} (before or after creating the trainer): the trainer takes hold
   * of the parameters' arrays there, and loading replaces them. The optimizer's state is applied
   * when training begins.
   *
   * <p>The parameters are read once into memory; those very bytes are verified against the SHA-256
   * the sidecar sealed and then loaded, so a {@code .params} file replaced on disk at any moment
   * (another run saving into the folder) is refused, never loaded. Every check comes before
   * anything is loaded: the sidecar, the schedule (below), and the name and shape of every
   * parameter against the model as it was built, so a checkpoint of a model of another width is
   * refused rather than adopted. A model not yet initialized is initialized first, for the input
   * shapes the checkpoint was saved with, to know its shapes.
   *
   * <p>The checkpoint's groups and plans (their Anneal JSON definitions) are compared with the
   * schedule's; where they differ, {@code policy} decides: {@link ResumePolicy#FAIL_ON_DIFFERENCE}
   * refuses and lists every difference, {@link ResumePolicy#USE_CHECKPOINT} replaces the schedule's
   * groups and plans by the checkpoint's (the schedule applies those from then on: see {@link
   * ScheduledTraining#groups()}), {@link ResumePolicy#USE_NEW} keeps the schedule's, and {@link
   * ResumePolicy#CONTINUE_FROM_CURRENT_VALUE} keeps them with each changed channel scaled to start
   * from the value the run had reached. Reactive (plateau) state is kept for every channel whose
   * definition did not change.
   *
   * @param model the model to load the parameters into, built as it was when saved
   * @param policy what to do if the schedule differs from the checkpoint's
   * @throws InvalidScheduleException ({@code CheckpointUnreadable}, {@code SidecarOfAnotherFile},
   *     {@code ParamsChangedSinceSave}) for a missing, torn, foreign or mismatched sidecar or a
   *     {@code .params} file that is not the one it sealed; ({@code ParameterShapeChanged}, {@code
   *     ParameterNotInModel}, {@code ParameterNotInCheckpoint}) for parameters whose names or
   *     shapes differ from the model's (one line per parameter); ({@code ScheduleChanged}) listing every difference under {@link
   *     ResumePolicy#FAIL_ON_DIFFERENCE}; ({@code CheckpointWithoutDefinition}) under {@link
   *     ResumePolicy#USE_CHECKPOINT} for a changed schedule Anneal JSON could not write when it
   *     was saved (a {@code Schedule} class of the user's); ({@code CannotContinueFromZero}, {@code
   *     NoValueToContinue}) under {@link ResumePolicy#CONTINUE_FROM_CURRENT_VALUE}; ({@code
   *     RestoreAfterInitialize}, {@code RestoreAfterUpdate}) after trainer.initialize or after the
   *     first update; ({@code ChannelsChangedOnResume}) if the checkpoint's plans schedule other
   *     channels than the optimizer or tracker already built from {@code schedule}; ({@code
   *     OptimizerChanged}, {@code OptimizerMissing}, {@code OptimizerParametersChanged}) if its
   *     optimizer state does not fit this run's optimizer; ({@code ParamsNotLoadable}) if DJL cannot load the parameters into the model's block although
   *     their names and shapes match (a layer's other settings differ), the one refusal that comes
   *     after the schedule was restored: build both anew
   */
  public static void restore(Model model, ScheduledTraining schedule, Path paramsFile, ResumePolicy policy) throws IOException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(policy, "policy");
    if (schedule.binding() != null && model.getBlock().isInitialized()) {
      // trainer.initialize hands the parameters' arrays to the trainer's parameter store; DJL's load
      // replaces them, so the trainer would go on training the arrays it holds, not the checkpoint's.
      throw new InvalidScheduleException(RuntimeCode.restoreAfterInitialize());
    }
    byte[] params = readParams(paramsFile);
    Sidecar.Content content = Sidecar.read(paramsFile, Sidecar.sha256(params));
    ParamsFile checkpoint = ParamsFile.parse(paramsFile, params);
    Resume.Outcome outcome = Resume.resolve(content, Sidecar.pathFor(paramsFile), schedule.groups(), policy);
    ModelShapes.requireSame(content.parameterShapes(), ModelShapes.declared(model, checkpoint, paramsFile.toString()));
    schedule.restore(content, outcome.groups(), outcome.states());
    try {
      checkpoint.loadInto(model);
    } catch (MalformedModelException | IOException e) { // from memory: an IOException means the block read past the sealed bytes
      throw new InvalidScheduleException(RuntimeCode.paramsNotLoadable(paramsFile, e.getMessage()));
    }
  }

  private static byte[] readParams(Path paramsFile) throws IOException {
    try {
      return CheckpointFolder.read(paramsFile, "paramsFile");
    } catch (NoSuchFileException e) {
      throw new InvalidScheduleException(RuntimeCode.checkpointUnreadable("paramsFile", paramsFile, "missing"));
    }
  }

  private static Sidecar.Content content(ScheduledTraining schedule, Model model, Path paramsFile, byte[] params) throws IOException {
    long step = schedule.step();
    List<ParameterGroup> groups = schedule.groups();
    List<String> channels = schedule.channels();
    ScheduleState[][] states = schedule.statesCopy();
    List<Sidecar.GroupState> savedGroups = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      ParameterGroup group = groups.get(g);
      List<Sidecar.ChannelState> savedChannels = new ArrayList<>();
      for (int c = 0; c < channels.size(); c++) {
        Optional<Schedule> scheduled = group.plan().findChannel(channels.get(c));
        if (scheduled.isPresent()) {
          Schedule channel = scheduled.get();
          Definitions.Written definition = Definitions.write(channel);
          savedChannels.add(new Sidecar.ChannelState(channels.get(c), Fingerprint.of(channel), definition.text(), definition.unwritable(),
              nextValue(channel, step, states[g][c]), states[g][c].plateaus()));
        }
      }
      savedGroups.add(new Sidecar.GroupState(group.name(), group.selector().text(), savedChannels));
    }
    ScheduledOptimizer optimizer = schedule.optimizer();
    return new Sidecar.Content(
        paramsFile.getFileName().toString(), Sidecar.sha256(params), step, ModelShapes.of(model), savedGroups,
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
