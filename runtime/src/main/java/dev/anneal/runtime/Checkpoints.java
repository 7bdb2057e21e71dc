package dev.anneal.runtime;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.training.Trainer;
import ai.djl.util.Utils;
import dev.anneal.checkpoint.Difference;
import dev.anneal.checkpoint.Fingerprint;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.Code;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Saves and restores a training run with its Anneal state: the model's parameters (DJL's {@code
 * Model.save}, file {@code <name>-<epoch>.params}) and, next to them, a sidecar {@code
 * <name>-<epoch>.params.anneal} holding the schedule's step, each group's fingerprint and reactive
 * state, and the state of Anneal's optimizer (momentum buffers, Adam moments), written atomically
 * and sealed with a checksum.
 *
 * <p>A run saved after {@code k} updates and restored into a fresh model and trainer continues with
 * exactly the values, and with Anneal's optimizers exactly the parameters, of the run that never
 * stopped (given the same batches). The schedule is checked on restore: by default any difference
 * from the saved fingerprints refuses the resume ({@link ResumePolicy#FAIL_ON_DIFFERENCE}).
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
   * @param policy what to do if the schedule differs from the checkpoint's
   * @throws InvalidScheduleException ({@code CheckpointUnreadable}, {@code CheckpointMismatch}) for a
   *     missing, torn, foreign or mismatched sidecar; ({@code ScheduleChanged}) listing every
   *     difference under {@link ResumePolicy#FAIL_ON_DIFFERENCE}; ({@code
   *     CheckpointWithoutDefinition}) under {@link ResumePolicy#USE_CHECKPOINT} (the sidecar stores
   *     fingerprints, not definitions)
   */
  public static void restore(TrainingSchedule schedule, Path paramsFile, ResumePolicy policy) throws IOException {
    Objects.requireNonNull(policy, "policy");
    Sidecar.Content content = Sidecar.read(paramsFile);
    List<ParameterGroup> current = schedule.groups();
    List<String> channels = schedule.channels();
    Map<String, Sidecar.GroupState> saved = new LinkedHashMap<>();
    for (Sidecar.GroupState group : content.groups()) {
      saved.put(group.name(), group);
    }
    List<Difference> differences = differences(content, current);
    if (!differences.isEmpty()) {
      switch (policy) {
        case FAIL_ON_DIFFERENCE -> {
          List<Violation> found = new ArrayList<>();
          for (Difference difference : differences) {
            found.add(Code.SCHEDULE_CHANGED.at(difference.path(), difference.current(), difference));
          }
          throw new InvalidScheduleException(found);
        }
        case USE_CHECKPOINT -> throw new InvalidScheduleException(Code.CHECKPOINT_WITHOUT_DEFINITION.at("policy", policy, policy));
        case USE_NEW, CONTINUE_FROM_CURRENT_VALUE -> { }
      }
    }
    List<ParameterGroup> resolved = new ArrayList<>();
    ScheduleState[][] states = TrainingSchedule.initialStates(current, channels);
    List<Violation> found = new ArrayList<>();
    for (int g = 0; g < current.size(); g++) {
      ParameterGroup group = current.get(g);
      Sidecar.GroupState before = saved.get(group.name());
      Map<String, Schedule> planChannels = new LinkedHashMap<>(group.plan().channels());
      for (int c = 0; c < channels.size(); c++) {
        Schedule schedule1 = planChannels.get(channels.get(c));
        Sidecar.ChannelState was = before == null ? null : channel(before, channels.get(c));
        if (schedule1 == null || was == null) {
          continue;
        }
        if (was.fingerprint().equals(Fingerprint.of(schedule1))) {
          states[g][c] = new ScheduleState(was.plateaus());
        } else if (policy == ResumePolicy.CONTINUE_FROM_CURRENT_VALUE) {
          double planned = schedule1.valueAt(content.step());
          if (planned == 0 && was.nextValue() != 0) {
            found.add(Code.CANNOT_CONTINUE_FROM_ZERO.at(
                "groups." + group.name() + "." + channels.get(c), was.nextValue(), channels.get(c), was.nextValue(), content.step()));
          } else if (planned != was.nextValue()) {
            planChannels.put(channels.get(c), schedule1.scaledBy(was.nextValue() / planned));
          }
        }
      }
      resolved.add(new ParameterGroup(group.name(), group.selector(), new Plan(planChannels)));
    }
    InvalidScheduleException.throwIfErrors(found);
    schedule.restore(content, resolved, states);
  }

  /** Every difference between the saved fingerprints and the current groups, sorted by path. */
  static List<Difference> differences(Sidecar.Content content, List<ParameterGroup> current) {
    Map<String, String> before = new java.util.TreeMap<>();
    for (Sidecar.GroupState group : content.groups()) {
      before.put("groups." + group.name() + ".selector", group.selector());
      for (Sidecar.ChannelState channel : group.channels()) {
        before.put("groups." + group.name() + "." + channel.name(), channel.fingerprint());
      }
    }
    Map<String, String> now = new java.util.TreeMap<>();
    for (ParameterGroup group : current) {
      now.put("groups." + group.name() + ".selector", group.selector().text());
      group.plan().channels().forEach((channel, schedule) -> now.put("groups." + group.name() + "." + channel, Fingerprint.of(schedule)));
    }
    java.util.TreeSet<String> paths = new java.util.TreeSet<>(before.keySet());
    paths.addAll(now.keySet());
    List<Difference> out = new ArrayList<>();
    for (String path : paths) {
      String was = before.get(path);
      String is = now.get(path);
      if (!Objects.equals(was, is)) {
        out.add(new Difference(path, shortFingerprint(path, was), shortFingerprint(path, is)));
      }
    }
    return out;
  }

  private static String shortFingerprint(String path, String value) {
    if (value == null || path.endsWith(".selector")) {
      return value;
    }
    return "schedule " + value.substring(0, 12) + "…";
  }

  private static Sidecar.ChannelState channel(Sidecar.GroupState group, String name) {
    for (Sidecar.ChannelState channel : group.channels()) {
      if (channel.name().equals(name)) {
        return channel;
      }
    }
    return null;
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
          savedChannels.add(new Sidecar.ChannelState(
              channels.get(c), Fingerprint.of(channel), channel.valueAt(step, states[g][c]), states[g][c].plateaus()));
        }
      }
      savedGroups.add(new Sidecar.GroupState(group.name(), group.selector().text(), Fingerprint.of(group.plan()), savedChannels));
    }
    ScheduledOptimizer optimizer = schedule.optimizer();
    return new Sidecar.Content(
        paramsFile.getFileName().toString(), Sidecar.sha256(paramsFile), step, savedGroups,
        optimizer == null ? "" : optimizer.kind(), optimizer == null ? Map.of() : optimizer.exportState());
  }
}
