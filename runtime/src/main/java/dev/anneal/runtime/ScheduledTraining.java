package dev.anneal.runtime;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An Anneal plan bound to one training run: the parameter groups and their plans, the run's own
 * step counter, the reactive state, and the values every optimizer update uses.
 *
 * <p><b>Step mapping.</b> {@link #step()} is the number of optimizer updates already applied, the
 * step of {@link Schedule#valueAt(long)}: the first update uses {@code valueAt(0)}, update {@code
 * k + 1} uses {@code valueAt(k)} (a run begun later, {@link Builder#optStartStep}, counts on from
 * its start step). DJL's {@code numUpdate} is not used as the step: it starts at 1
 * and advances once per parameter per device. Instead the first optimizer (or tracker) call of a
 * step computes every group's values once, every other parameter and device of that step is served
 * from that cache, and the step advances once when the update is over: at the next listener
 * callback ({@link #listener()}: {@code EasyTrain} notifies it before each {@code trainer.step()},
 * after validation and at the end of an epoch) or when a hand-written loop calls {@link #endStep()}.
 * A parameter updated twice within one step means the step was never advanced, and fails loudly
 * ({@code StepNotAdvanced}) rather than silently freezing the schedule.
 *
 * <p><b>Epochs.</b> The clock counts optimizer updates only: not {@code trainBatch} calls (with
 * gradient accumulation several batches make one update, and the step advances once, at the first
 * listener callback after {@code trainer.step()}), not parameters, not devices. A plan stepped per
 * epoch ({@link dev.anneal.schedule.Stepped}) is already per-epoch in its values; what the run adds
 * is the check that its epochs are the plan's: at every end of an epoch ({@link #endEpoch()}, which
 * the listener calls from DJL's {@code onEpoch}) the updates applied must be a whole number of the
 * plan's epochs ({@link #updatesPerEpoch()}: from the geometry given to {@link
 * Builder#optGeometry} and every per-epoch cadence, which must agree), else {@code EpochOffPlan}:
 * the values held through an epoch, and the metric a per-epoch plateau observes at its end, would
 * otherwise fall mid-epoch without a word.
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
 *
 * <p>This class is the façade; the parts live apart: the run's state as one immutable value that
 * a restore replaces whole ({@link RunState}: groups, plans, reactive states, step, binding), the
 * update in progress and its guard ({@link StepClock}), which group serves each parameter id
 * ({@link GroupBinding}), and what applies the values ({@link Appliers}).
 */
public final class ScheduledTraining {
  /** Receives the values of each update once it is over (the listener logs and feeds metrics). */
  interface StepObserver {
    void stepEnded(StepValues values);
  }

  private final Feedback feedback;
  private final ScheduleListener listener;
  /** The run's geometry as given to the builder, or null. */
  private final RunGeometry geometry;
  /** The updates in one of the plan's epochs, and where that figure comes from. */
  private final EpochLength epochLength;
  /** Epochs the loop has ended ({@link #endEpoch()}), and the updates applied at the last end. */
  private long epochsEnded;
  private long lastEpochEnd;

  /**
   * Groups, plans, reactive states, step and binding, replaced whole under the lock. Volatile: the
   * per-parameter path reads it without taking the lock.
   */
  private volatile RunState state;
  /** The step the run began at ({@link Builder#optStartStep}); a restore is allowed until an update moves it. */
  private final long startStep;
  private final StepClock clock = new StepClock();
  private final Appliers appliers = new Appliers();
  /** Replaced, never modified, when an observer is added: ending a step copies nothing. */
  private StepObserver[] observers = new StepObserver[0];
  /** A checkpoint restored before the parameters were bound: its optimizer state waits for them. */
  private Sidecar.Content pendingRestore;

  private ScheduledTraining(Builder builder) {
    this.startStep = builder.startStep;
    this.state = builder.startStates.isEmpty()
        ? RunState.initial(builder.groups, builder.startStep)
        : RunState.restored(builder.groups, Collections.nCopies(builder.groups.size(), builder.startStates), builder.startStep, null);
    this.geometry = builder.geometry;
    this.epochLength = EpochLength.of(builder.groups, builder.geometry);
    this.lastEpochEnd = builder.startStep;
    this.feedback = builder.feedback;
    this.listener = new ScheduleListener(this, feedback, builder.csvLog);
  }

  /** A schedule with one group holding every parameter. */
  public static ScheduledTraining of(Plan plan) {
    return builder().setPlan(plan).build();
  }

  /** A schedule of the learning rate alone, for every parameter. */
  public static ScheduledTraining of(Schedule lr) {
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
    appliers.addTracker(state.groups());
    return new ScheduleTracker(this);
  }

  /**
   * The groups, in declaration order, with the plans in force: those the schedule was built with,
   * or after {@link Checkpoints#restore} the ones its policy chose (the checkpoint's under {@code
   * USE_CHECKPOINT}, rescaled ones under {@code CONTINUE_FROM_CURRENT_VALUE}).
   */
  public List<ParameterGroup> groups() {
    return state.groups();
  }

  /** The channel names, the union over the groups' plans. */
  public List<String> channels() {
    return state.channels();
  }

  /** The run's geometry, as given to {@link Builder#optGeometry}; empty if none was. */
  public Optional<RunGeometry> geometry() {
    return Optional.ofNullable(geometry);
  }

  /**
   * The updates in one epoch of the plan: the geometry's ({@link Builder#optGeometry}), else that
   * of the plan's channels stepped per epoch; empty when neither states one (the loop's epochs are
   * then not checked).
   */
  public OptionalLong updatesPerEpoch() {
    return epochLength.known();
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
    return clock.isOpen() ? state.step() + 1 : state.step();
  }

  /** The values the next update will use (a preview: reactive state as it stands now). */
  public synchronized StepValues nextValues() {
    return state.valuesAt(step());
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
      ended = clock.close();
      if (ended == null) {
        return;
      }
      state = state.advanced();
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
      long last = Math.max(state.step() - 1, 0);
      if (!Double.isFinite(metric)) {
        throw new InvalidScheduleException(RuntimeCode.nonFiniteMetric(last, metric));
      }
      state = state.observed(metric, last);
    }
  }

  /**
   * Ends an epoch of the loop: ends the update in progress ({@link #endStep()}) and checks that the
   * updates applied so far are a whole number of the plan's epochs ({@link #updatesPerEpoch()}; no
   * check when the plan knows no epoch) and the epoch held no more than one of them (it may hold
   * fewer after a run resumed mid-epoch). The listener calls it from DJL's {@code onEpoch}; a
   * hand-written loop calls it after its epoch's last {@code trainer.step()}, or {@link
   * #endEpoch(double)} to feed the epoch's metric too.
   *
   * @throws InvalidScheduleException ({@code EpochOffPlan}) if the epoch ended off the plan's epoch boundaries
   */
  public void endEpoch() {
    endStep();
    synchronized (this) {
      long applied = state.step();
      long perEpoch = epochLength.updates();
      epochsEnded++;
      long inEpoch = applied - lastEpochEnd;
      lastEpochEnd = applied;
      // Off a boundary, or past one: an epoch of a resumed run may be shorter, never longer.
      if (perEpoch > 0 && (applied % perEpoch != 0 || inEpoch > perEpoch)) {
        throw new InvalidScheduleException(RuntimeCode.epochOffPlan(epochsEnded, applied, inEpoch, perEpoch, epochLength.source()));
      }
    }
  }

  /**
   * Ends an epoch ({@link #endEpoch()}) and feeds {@code metric}, the epoch's validation loss say,
   * to every reactive phase ({@link #observe}): a plateau stepped per epoch sees it as {@code
   * scheduler.step(val_loss)} after the epoch does, and it first changes the next epoch's value.
   *
   * @throws InvalidScheduleException ({@code EpochOffPlan}) if the epoch ended off the plan's epoch
   *     boundaries, ({@code NonFiniteMetric}) if {@code metric} is NaN or infinite
   */
  public void endEpoch(double metric) {
    endEpoch();
    observe(metric);
  }

  // ---- used by the optimizers, the tracker, the listener and checkpoints ----------------------

  /**
   * Where a parameter stands (its index and group): the one lookup of an update. Takes no lock.
   *
   * @throws InvalidScheduleException ({@code NotBoundAtUpdate}) before the listener saw training begin,
   *     ({@code UnknownParameter}) for a parameter not bound then
   */
  GroupBinding.Slot slotOf(String parameterId) {
    return requireBound(state.binding(), parameterId).slotOf(parameterId);
  }

  /**
   * The values of the update in progress for one parameter ({@link #slotOf}) on one device ({@code
   * device} null for a tracker, which does not see it): the first call of a step computes them for
   * every group. DJL updates each parameter once per device per step.
   */
  StepValues beginUpdate(GroupBinding.Slot slot, Device device) {
    StepValues values = clock.current();
    if (values == null) {
      values = openStep();
    }
    clock.count(slot, values.step());
    return values;
  }

  /** The values of the update in progress, computed by the first update of a step. */
  private synchronized StepValues openStep() {
    RunState now = state;
    return clock.open(() -> now.valuesAt(now.step()));
  }

  String nameOf(String parameterId) {
    return requireBound(state.binding(), parameterId).nameOf(parameterId);
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
    GroupBinding bound = GroupBinding.bind(state.groups(), idByName);
    clock.track(bound.size(), devices);
    state = state.boundTo(bound);
    if (pendingRestore != null) {
      Sidecar.Content restore = pendingRestore;
      pendingRestore = null;
      appliers.restoreOptimizerState(restore, bound);
    }
  }

  synchronized void attach(ScheduledOptimizer optimizer, Set<String> appliedChannels, String optimizerName) {
    appliers.attach(state.groups(), optimizer, appliedChannels, optimizerName);
  }

  synchronized ScheduledOptimizer optimizer() {
    return appliers.optimizer();
  }

  GroupBinding binding() {
    return state.binding();
  }

  synchronized void addObserver(StepObserver observer) {
    StepObserver[] more = Arrays.copyOf(observers, observers.length + 1);
    more[observers.length] = observer;
    observers = more;
  }

  ScheduleState[][] statesCopy() {
    return state.statesCopy();
  }

  /**
   * Restores a checkpoint's run state: the groups and reactive states the resume policy chose
   * ({@link Resume}), the step, and the optimizer's state. An optimizer or tracker already built
   * from this schedule applies a fixed set of channels, so the chosen plans must schedule the same
   * ones; parameters already bound are bound again to the chosen groups.
   */
  synchronized void restore(Sidecar.Content content, List<ParameterGroup> resolvedGroups, List<Map<String, ScheduleState>> resolvedStates) {
    if (clock.isOpen() || state.step() != startStep) {
      throw new InvalidScheduleException(RuntimeCode.restoreAfterUpdate(step() - startStep));
    }
    appliers.requireApplies(resolvedGroups, state.channels());
    GroupBinding bound = state.binding();
    GroupBinding rebound = bound == null ? null : bound.rebind(resolvedGroups);
    if (rebound != null) {
      clock.track(rebound.size());
    }
    state = RunState.restored(resolvedGroups, resolvedStates, content.step(), rebound);
    lastEpochEnd = content.step();
    if (rebound != null) {
      appliers.restoreOptimizerState(content, rebound);
    } else {
      pendingRestore = content;
    }
  }

  private static GroupBinding requireBound(GroupBinding bound, String parameterId) {
    if (bound == null) {
      throw new InvalidScheduleException(RuntimeCode.notBoundAtUpdate(parameterId));
    }
    return bound;
  }

  /** Builds a {@link ScheduledTraining}; DJL's builder conventions ({@code setX} required, {@code optX} optional). */
  public static final class Builder {
    private final List<ParameterGroup> groups = new ArrayList<>();
    private Feedback feedback;
    private Path csvLog;
    private long startStep;
    private final Map<String, ScheduleState> startStates = new LinkedHashMap<>();
    private RunGeometry geometry;

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
          throw new InvalidScheduleException(RuntimeCode.duplicateGroup(group.name()));
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
     * Begins the run at update {@code step} rather than 0, without a checkpoint: the schedule's
     * clock starts there, so the first update uses {@code valueAt(step)}, the next {@code
     * valueAt(step + 1)}, and {@link ScheduledTraining#step()} counts on from {@code step}. Anneal's
     * Adam counts its bias correction from there too ({@code t = step + 1}). Use it to take over a
     * run whose first {@code step} updates were applied elsewhere (another framework, or a run
     * whose checkpoint held the parameters but not the schedule's state): the values per update
     * equal those of the run that had begun at 0. Reactive (plateau) phases start with no metric
     * observed, as the clock does not carry what was observed before {@code step}; a {@link
     * Checkpoints#restore} replaces the start step with the checkpoint's.
     *
     * <p>Default: 0.
     *
     * @throws InvalidScheduleException ({@code NegativeStep}) if {@code step} is negative
     */
    public Builder optStartStep(long step) {
      if (step < 0) {
        throw new InvalidScheduleException(RuleCode.negativeStep("startStep", step));
      }
      this.startStep = step;
      return this;
    }

    /**
     * The reactive state channel {@code channel} starts from, in every group whose plan has it: a
     * plateau taken over from another framework with the value, best metric, bad epochs and
     * cooldown it had reached (what {@code anneal resume-check} reads from a saved {@code
     * ReduceLROnPlateau}), so a run begun with {@link #optStartStep} does not start its plateau
     * again unobserved. A checkpoint restored later replaces it. Default: each channel's initial
     * state.
     */
    public Builder optStartState(String channel, ScheduleState state) {
      startStates.put(Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(state, "state"));
      return this;
    }

    /**
     * The run's geometry: its updates per epoch are the epochs {@link ScheduledTraining#endEpoch()}
     * checks the loop against (with gradient accumulation, an epoch's updates, not its batches).
     * Default: none; a plan stepped per epoch still gives its epoch's length through its cadence.
     */
    public Builder optGeometry(RunGeometry geometry) {
      this.geometry = Objects.requireNonNull(geometry, "geometry");
      return this;
    }

    /**
     * @throws InvalidScheduleException ({@code EmptySchedule}) if no group or plan was given, ({@code
     *     EpochLengthsDisagree}) if the geometry and the plan's per-epoch cadences give different epoch lengths
     */
    public ScheduledTraining build() {
      if (groups.isEmpty()) {
        throw new InvalidScheduleException(RuleCode.emptySchedule("groups"));
      }
      return new ScheduledTraining(this);
    }
  }
}
