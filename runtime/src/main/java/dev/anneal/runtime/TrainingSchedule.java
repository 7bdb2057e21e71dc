package dev.anneal.runtime;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.anneal.config.ConfigCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An Anneal plan bound to one training run: the parameter groups and their plans, the run's own
 * step counter, the reactive state, and the values every optimizer update uses.
 *
 * <p><b>Step mapping.</b> {@link #step()} is the number of optimizer updates already applied, the
 * step of {@link Schedule#valueAt(long)}: the first update uses {@code valueAt(0)}, update {@code
 * k + 1} uses {@code valueAt(k)}. DJL's {@code numUpdate} is not used as the step: it starts at 1
 * and advances once per parameter per device. Instead the first optimizer (or tracker) call of a
 * step computes every group's values once, every other parameter and device of that step is served
 * from that cache, and the step advances once when the update is over: at the next listener
 * callback ({@link #listener()}: {@code EasyTrain} notifies it before each {@code trainer.step()},
 * after validation and at the end of an epoch) or when a hand-written loop calls {@link #endStep()}.
 * A parameter updated twice within one step means the step was never advanced, and fails loudly
 * ({@code StepNotAdvanced}) rather than silently freezing the schedule.
 *
 * <p>Use it with Anneal's optimizers ({@link ScheduledSgd}, {@link ScheduledAdam}), which apply the
 * {@code lr}, {@code momentum} (β1) and {@code weight_decay} channels, or with DJL's own optimizers
 * through {@link #tracker()} (learning rate only).
 *
 * <p>Thread-safe. The per-parameter path takes no lock, so that serving a parameter costs a lookup
 * of its slot and a read of the step's values however many parameters a model has: only the first
 * update of a step and the end of a step synchronize. The guard against a step never advanced
 * counts each parameter's updates without atomics; updates of the same parameter from several
 * threads at once (DJL's parameter server never does that: it updates a parameter's replicas in
 * turn) could let it miss a repeated update, never report one that did not happen.
 */
public final class TrainingSchedule {
  /** Receives the values of each update once it is over (the listener logs and feeds metrics). */
  interface StepObserver {
    void stepEnded(StepValues values);
  }

  private final Feedback feedback;
  private final Path csvLog;
  private final ScheduleListener listener;

  private List<ParameterGroup> groups;
  private List<String> channels;
  private ScheduleState[][] states;
  private long applied;
  private boolean open;
  /** The values of the update in progress; null between updates. Written under the lock. */
  private volatile StepValues current;
  /**
   * Per bound parameter (by {@link GroupBinding.Slot#index()}): how often it was updated within
   * the step in {@code updateStep}; arrays rather than a map so that an update allocates nothing.
   * Written with {@code deviceCount} before {@code binding}, read after it.
   */
  private int[] updatesThisStep = new int[0];
  private long[] updateStep = new long[0];
  private int deviceCount;
  /** Volatile: the per-parameter path reads it without taking the lock. */
  private volatile GroupBinding binding;
  private ScheduledOptimizer optimizer;
  /** What applies the values (an optimizer, a tracker) → the channels it applies; checked again on restore. */
  private final Map<String, Set<String>> appliers = new LinkedHashMap<>();
  /** Replaced, never modified, when an observer is added: ending a step copies nothing. */
  private StepObserver[] observers = new StepObserver[0];
  /** The group names, for every step's values. */
  private List<String> groupNames;
  private Sidecar.Content pendingRestore;

  private TrainingSchedule(Builder builder) {
    this.groups = List.copyOf(builder.groups);
    this.groupNames = namesOf(groups);
    this.channels = channelsOf(groups);
    this.feedback = builder.feedback;
    this.csvLog = builder.csvLog;
    this.states = initialStates(groups, channels);
    this.listener = new ScheduleListener(this, feedback, csvLog);
  }

  /** A schedule with one group holding every parameter. */
  public static TrainingSchedule of(Plan plan) {
    return builder().setPlan(plan).build();
  }

  /** A schedule of the learning rate alone, for every parameter. */
  public static TrainingSchedule of(Schedule lr) {
    return of(Plan.of(lr));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The listener to add to the training config: it binds, advances the step, logs and feeds metrics. */
  public TrainingListener listener() {
    return listener;
  }

  /**
   * The learning rate as a DJL tracker, for DJL's own optimizers ({@code
   * Optimizer.adam().optLearningRateTracker(schedule.tracker())}). Each parameter gets its group's
   * learning rate; {@code numUpdate} is ignored (see the step mapping above).
   *
   * @throws InvalidScheduleException ({@code ChannelNotApplied}) if a plan schedules momentum or
   *     weight decay, which DJL's optimizers fix at build time: use {@link ScheduledSgd} or {@link
   *     ScheduledAdam} for those
   */
  public synchronized Tracker tracker() {
    Set<String> applied = Set.of(Plan.LR);
    requireChannels(groups, "a DJL tracker", applied);
    appliers.put("a DJL tracker", applied);
    return new ScheduleTracker(this);
  }

  /**
   * The groups, in declaration order, with the plans in force: those the schedule was built with,
   * or after {@link Checkpoints#restore} the ones its policy chose (the checkpoint's under {@code
   * USE_CHECKPOINT}, rescaled ones under {@code CONTINUE_FROM_CURRENT_VALUE}).
   */
  public synchronized List<ParameterGroup> groups() {
    return groups;
  }

  /** The channel names, the union over the groups' plans. */
  public synchronized List<String> channels() {
    return channels;
  }

  /** The feedback to reactive phases, or {@code null} if none is fed automatically. */
  public Feedback feedback() {
    return feedback;
  }

  /**
   * The number of optimizer updates applied so far: the step whose values the next update uses.
   * An update in progress (or finished but not yet ended by the listener) counts as applied.
   */
  public synchronized long step() {
    return open ? applied + 1 : applied;
  }

  /** The values the next update will use (a preview: reactive state as it stands now). */
  public synchronized StepValues nextValues() {
    return compute(step());
  }

  /**
   * Ends the update in progress, if any: the step advances by one and the listener logs the values
   * it used and feeds metrics at their cadence. The listener calls it; a hand-written loop that
   * does not notify listeners calls it after each {@code trainer.step()}. Idempotent.
   */
  public void endStep() {
    StepValues ended;
    StepObserver[] notify;
    synchronized (this) {
      if (!open) {
        return;
      }
      ended = current;
      applied++;
      open = false;
      current = null;
      notify = observers;
    }
    for (StepObserver observer : notify) {
      observer.stepEnded(ended);
    }
  }

  /**
   * Feeds {@code metric} to every reactive phase, as observed after the last update: it can first
   * change the value of the next update. The listener calls it at the cadence of {@link
   * #feedback()}; a hand-written loop may call it directly.
   *
   * @throws InvalidScheduleException ({@code NonFiniteMetric}) if {@code metric} is NaN or infinite
   */
  public void observe(double metric) {
    endStep();
    synchronized (this) {
      long last = Math.max(applied - 1, 0);
      if (!Double.isFinite(metric)) {
        throw new InvalidScheduleException(RuntimeCode.NON_FINITE_METRIC.at("metric", metric, last, metric));
      }
      for (int g = 0; g < groups.size(); g++) {
        for (int c = 0; c < channels.size(); c++) {
          Schedule schedule = groups.get(g).plan().findChannel(channels.get(c)).orElse(null);
          if (schedule != null && schedule.isReactive()) {
            states[g][c] = schedule.observe(states[g][c], last, metric);
          }
        }
      }
    }
  }

  // ---- used by the optimizers, the tracker, the listener and checkpoints ----------------------

  /**
   * Where a parameter stands (its index and group): the one lookup of an update. Takes no lock.
   *
   * @throws InvalidScheduleException ({@code NotBound}) before the listener saw training begin,
   *     ({@code UnknownParameter}) for a parameter not bound then
   */
  GroupBinding.Slot slotOf(String parameterId) {
    GroupBinding bound = binding;
    if (bound == null) {
      requireBound(parameterId);
    }
    return bound.slotOf(parameterId);
  }

  /**
   * The values of the update in progress for one parameter ({@link #slotOf}) on one device ({@code
   * device} null for a tracker, which does not see it): the first call of a step computes them for
   * every group. DJL updates each parameter once per device per step.
   */
  StepValues beginUpdate(GroupBinding.Slot slot, Device device) {
    int parameter = slot.index();
    StepValues values = current;
    if (values == null) {
      values = openStep();
    }
    // Each parameter is updated once per device (replica) per step; once more means the step was
    // never advanced.
    long step = values.step();
    if (updateStep[parameter] != step) {
      updateStep[parameter] = step;
      updatesThisStep[parameter] = 0;
    }
    if (++updatesThisStep[parameter] > deviceCount) {
      throw new InvalidScheduleException(RuntimeCode.STEP_NOT_ADVANCED.at(
          "step", step, "parameter " + slot.name(), deviceCount, step));
    }
    return values;
  }

  /** The values of the update in progress, computed by the first update of a step. */
  private synchronized StepValues openStep() {
    if (!open) {
      open = true;
      current = compute(applied);
    }
    return current;
  }

  synchronized String nameOf(String parameterId) {
    requireBound(parameterId);
    return binding.nameOf(parameterId);
  }

  /** Binds the trainable parameters of {@code trainer}'s model to the groups; called when training begins. */
  void bind(Trainer trainer) {
    Map<String, String> idByName = new LinkedHashMap<>();
    for (Pair<String, Parameter> pair : trainer.getModel().getBlock().getParameters()) {
      if (pair.getValue().requiresGradient()) {
        idByName.put(pair.getKey(), pair.getValue().getId());
      }
    }
    bind(idByName, trainer.getDevices().length);
  }

  synchronized void bind(Map<String, String> idByName, int devices) {
    GroupBinding bound = GroupBinding.bind(groups, idByName);
    this.deviceCount = devices;
    this.updatesThisStep = new int[bound.size()];
    this.updateStep = new long[bound.size()];
    this.binding = bound;
    if (pendingRestore != null) {
      Sidecar.Content restore = pendingRestore;
      pendingRestore = null;
      applyOptimizerState(restore);
    }
  }

  synchronized void attach(ScheduledOptimizer optimizer, Set<String> appliedChannels, String optimizerName) {
    requireChannels(groups, optimizerName, appliedChannels);
    if (this.optimizer != null && this.optimizer != optimizer) {
      throw new InvalidScheduleException(RuntimeCode.CONFLICTING_SETTING.at(
          "optimizer", optimizerName, "this training schedule already drives an optimizer; build one TrainingSchedule per optimizer"));
    }
    this.optimizer = optimizer;
    appliers.put(optimizerName, Set.copyOf(appliedChannels));
  }

  synchronized ScheduledOptimizer optimizer() {
    return optimizer;
  }

  synchronized GroupBinding binding() {
    return binding;
  }

  synchronized void addObserver(StepObserver observer) {
    StepObserver[] more = Arrays.copyOf(observers, observers.length + 1);
    more[observers.length] = observer;
    observers = more;
  }

  synchronized ScheduleState[][] statesCopy() {
    ScheduleState[][] copy = new ScheduleState[states.length][];
    for (int g = 0; g < states.length; g++) {
      copy[g] = states[g].clone();
    }
    return copy;
  }

  /**
   * Restores a checkpoint's run state: the groups and reactive states the resume policy chose
   * ({@link Resume}), the step, and the optimizer's state. An optimizer or tracker already built
   * from this schedule applies a fixed set of channels, so the chosen plans must schedule the same
   * ones; parameters already bound are bound again to the chosen groups.
   */
  synchronized void restore(Sidecar.Content content, List<ParameterGroup> resolvedGroups, List<Map<String, ScheduleState>> resolvedStates) {
    if (open || applied != 0) {
      throw new InvalidScheduleException(RuntimeCode.CONFLICTING_SETTING.at(
          "step", step(), "restore a checkpoint before the first update; this schedule has already applied " + step() + " updates"));
    }
    List<String> resolvedChannels = channelsOf(resolvedGroups);
    if (!appliers.isEmpty() && !new HashSet<>(resolvedChannels).equals(new HashSet<>(channels))) {
      throw new InvalidScheduleException(RuntimeCode.CONFLICTING_SETTING.at("channels", resolvedChannels,
          "the resumed plans schedule " + resolvedChannels + " but " + String.join(" and ", appliers.keySet()) + " was built for "
              + channels + "; restore the checkpoint before building the optimizer or tracker"));
    }
    appliers.forEach((user, appliedChannels) -> requireChannels(resolvedGroups, user, appliedChannels));
    GroupBinding rebound = binding == null ? null : binding.rebind(resolvedGroups);
    ScheduleState[][] resolved = new ScheduleState[resolvedGroups.size()][resolvedChannels.size()];
    for (int g = 0; g < resolvedGroups.size(); g++) {
      for (int c = 0; c < resolvedChannels.size(); c++) {
        Schedule schedule = resolvedGroups.get(g).plan().findChannel(resolvedChannels.get(c)).orElse(null);
        ScheduleState state = resolvedStates.get(g).get(resolvedChannels.get(c));
        resolved[g][c] = schedule == null ? ScheduleState.EMPTY : state == null ? schedule.initialState() : state;
      }
    }
    this.groups = List.copyOf(resolvedGroups);
    this.groupNames = namesOf(groups);
    this.channels = resolvedChannels;
    this.states = resolved;
    if (rebound != null) {
      this.updatesThisStep = new int[rebound.size()];
      this.updateStep = new long[rebound.size()];
    }
    this.binding = rebound;
    this.applied = content.step();
    if (binding != null) {
      applyOptimizerState(content);
    } else {
      pendingRestore = content;
    }
  }

  private void applyOptimizerState(Sidecar.Content content) {
    List<String> saved = new ArrayList<>(content.optimizerState().keySet());
    if (!content.optimizerState().isEmpty()) {
      List<String> now = binding.names();
      if (!new HashSet<>(saved).equals(new HashSet<>(now))) {
        throw new InvalidScheduleException(RuntimeCode.CHECKPOINT_MISMATCH.at("parameters", saved,
            "the checkpoint's optimizer state holds parameters " + saved + " but the model's trainable parameters are " + now));
      }
    }
    if (optimizer == null) {
      if (!content.optimizerKind().isEmpty()) {
        throw new InvalidScheduleException(RuntimeCode.CHECKPOINT_MISMATCH.at("optimizer", content.optimizerKind(),
            "the checkpoint holds the state of an Anneal " + content.optimizerKind() + " optimizer, but this run has none; build ScheduledSgd or ScheduledAdam from this schedule"));
      }
      return;
    }
    optimizer.restoreState(content.optimizerKind(), content.optimizerState());
  }

  private void requireBound(String parameterId) {
    if (binding == null) {
      throw new InvalidScheduleException(RuntimeCode.NOT_BOUND.at("listener", parameterId,
          "parameter " + parameterId + " is being updated, but the schedule's listener never saw training begin; add TrainingSchedule.listener() to the DefaultTrainingConfig before creating the trainer"));
    }
  }

  private static void requireChannels(List<ParameterGroup> groups, String user, Set<String> appliedChannels) {
    List<Violation> found = new ArrayList<>();
    for (ParameterGroup group : groups) {
      for (String channel : group.plan().channels().keySet()) {
        if (!appliedChannels.contains(channel)) {
          found.add(RuntimeCode.CHANNEL_NOT_APPLIED.at("groups." + group.name() + "." + channel, channel, user, "'" + channel + "'", appliedChannels.stream().sorted().toList()));
        }
      }
      if (group.plan().lr() == null) {
        found.add(ConfigCode.missingKey("groups." + group.name() + ".lr", "lr"));
      }
    }
    InvalidScheduleException.throwIfErrors(found);
  }

  private StepValues compute(long step) {
    double[][] values = new double[groups.size()][channels.size()];
    for (int g = 0; g < groups.size(); g++) {
      Plan plan = groups.get(g).plan();
      for (int c = 0; c < channels.size(); c++) {
        Schedule schedule = plan.findChannel(channels.get(c)).orElse(null);
        values[g][c] = schedule == null ? Double.NaN : schedule.valueAt(step, states[g][c]);
      }
    }
    return new StepValues(step, groupNames, channels, values);
  }

  /** The names as a list that {@link StepValues}' {@code List.copyOf} keeps rather than copies. */
  private static List<String> namesOf(List<ParameterGroup> groups) {
    return List.copyOf(groups.stream().map(ParameterGroup::name).toList());
  }

  private static List<String> channelsOf(List<ParameterGroup> groups) {
    Set<String> names = new LinkedHashSet<>();
    for (ParameterGroup group : groups) {
      names.addAll(group.plan().channels().keySet());
    }
    return List.copyOf(names);
  }

  private static ScheduleState[][] initialStates(List<ParameterGroup> groups, List<String> channels) {
    ScheduleState[][] states = new ScheduleState[groups.size()][channels.size()];
    for (int g = 0; g < groups.size(); g++) {
      for (int c = 0; c < channels.size(); c++) {
        Schedule schedule = groups.get(g).plan().findChannel(channels.get(c)).orElse(null);
        states[g][c] = schedule == null ? ScheduleState.EMPTY : schedule.initialState();
      }
    }
    return states;
  }

  /** Builds a {@link TrainingSchedule}; DJL's builder conventions ({@code setX} required, {@code optX} optional). */
  public static final class Builder {
    private final List<ParameterGroup> groups = new ArrayList<>();
    private Feedback feedback;
    private Path csvLog;

    private Builder() {}

    /** One group, {@code all}, holding every parameter. */
    public Builder setPlan(Plan plan) {
      return addGroup(ParameterGroup.of("all", "*", plan));
    }

    /** Adds a parameter group; every trainable parameter must fall in exactly one group. */
    public Builder addGroup(ParameterGroup group) {
      Objects.requireNonNull(group, "group");
      for (ParameterGroup existing : groups) {
        if (existing.name().equals(group.name())) {
          throw new InvalidScheduleException(RuntimeCode.CONFLICTING_SETTING.at(
              "groups." + group.name(), group.name(), "two groups are named " + group.name() + "; group names must be unique"));
        }
      }
      groups.add(group);
      return this;
    }

    /** What to feed the reactive phases, and when. Default: nothing (call {@link #observe} yourself). */
    public Builder optFeedback(Feedback feedback) {
      this.feedback = Objects.requireNonNull(feedback, "feedback");
      return this;
    }

    /** Also log every applied value to a CSV file ({@code step,group,channel,value}). Default: no CSV. */
    public Builder optCsvLog(Path csvLog) {
      this.csvLog = Objects.requireNonNull(csvLog, "csvLog");
      return this;
    }

    /**
     * @throws InvalidScheduleException ({@code EmptySchedule}) if no group or plan was given
     */
    public TrainingSchedule build() {
      if (groups.isEmpty()) {
        throw new InvalidScheduleException(RuleCode.emptySchedule("groups"));
      }
      return new TrainingSchedule(this);
    }
  }
}
