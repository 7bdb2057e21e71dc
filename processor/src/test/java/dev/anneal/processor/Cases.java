package dev.anneal.processor;

import static dev.anneal.processor.Compile.source;
import static dev.anneal.processor.Compile.type;

import com.google.testing.compile.JavaFileObjects;
import dev.anneal.config.ConfigCode;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.RuleCode;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/**
 * For each code the processor can report, a source that triggers it and every diagnostic the
 * compilation prints, with file and line. The annotation starts on line 8 of each file.
 */
final class Cases {
  /** One source (or several), the code it is about, and the complete diagnostics. */
  record Case(DiagnosticCode code, String name, List<JavaFileObject> sources, List<String> expected, List<Processor> alongside) {
    Case(DiagnosticCode code, String name, List<JavaFileObject> sources, List<String> expected) {
      this(code, name, sources, expected, List.of());
    }

    @Override
    public String toString() {
      return code.id() + " (" + name + ")";
    }
  }

  private Cases() {}

  static Case of(DiagnosticCode code, String name, JavaFileObject source, String... expected) {
    return new Case(code, name, List.of(source), List.of(expected));
  }

  static Case of(DiagnosticCode code, String name, List<JavaFileObject> sources, String... expected) {
    return new Case(code, name, sources, List.of(expected));
  }

  /** {@code sources} compiled with other processors run before this one, as {@code partial} lists them. */
  static Case of(DiagnosticCode code, String name, Case partial, String... expected) {
    return new Case(code, name, partial.sources(), List.of(expected), partial.alongside());
  }

  /** A fixed schedule on interface {@code Bad} with these phases (one per line from line 9) and options. */
  static JavaFileObject phases(String options, String... phases) {
    return type("Bad", "@TrainingSchedule(" + options + (options.isEmpty() ? "" : ",\n    ") + "phases = {\n    "
        + String.join(",\n    ", phases) + "})");
  }

  /** A parameterized schedule on record {@code Run(components)} with these phases (one per line from line 9). */
  static JavaFileObject record(String components, String... phases) {
    return source("Run", "@TrainingSchedule(phases = {\n    " + String.join(",\n    ", phases) + "})", "record Run(" + components + ") {}");
  }

  static final String WARMUP = "@PhaseSpec(shape = LINEAR, steps = \"100\", from = \"1e-5\", to = \"1e-3\")";

  static List<Case> all() {
    return List.of(
        // ---- processor: expressions -----------------------------------------------------------
        of(ProcessorCode.EXPRESSION_SYNTAX, "unfinished expression",
            record("double peak, long warmup, long total", WARMUP.replace("\"100\"", "\"warmup\""),
                "@PhaseSpec(shape = COSINE, steps = \"total -\", to = \"0\")"),
            "Run.java:10: ERROR [ExpressionSyntax] phases[1].steps: cannot read `total -`: expected a number, a name or '(' after the end at column 8"),
        of(ProcessorCode.UNKNOWN_NAME, "misspelled component",
            record("double peak, long warmup, long total", WARMUP.replace("\"100\"", "\"warmup\""),
                "@PhaseSpec(shape = COSINE, steps = \"totl - warmup\", to = \"0\")"),
            "Run.java:10: ERROR [UnknownName] phases[1].steps: unknown name `totl` in `totl - warmup`; did you mean `total`?"),
        of(ProcessorCode.UNKNOWN_NAME, "a name in a fixed schedule", phases("", "@PhaseSpec(shape = LINEAR, steps = \"warmup\", from = \"0\", to = \"1e-3\")"),
            "Bad.java:9: ERROR [UnknownName] phases[0].steps: unknown name `warmup` in `warmup`; a schedule on a class has no parameters: declare it on a record to name its components"),
        of(ProcessorCode.NOT_NUMERIC_PARAMETER, "string component",
            record("double peak, String name, long total", "@PhaseSpec(shape = COSINE, steps = \"total\", from = \"peak\", to = \"name\")"),
            "Run.java:9: ERROR [NotNumericParameter] phases[0].to: `name` has type java.lang.String; expressions use int, long, float and double components"),
        of(ProcessorCode.FRACTIONAL_LENGTH, "double length",
            record("double peak, long total, double warmupRatio", "@PhaseSpec(shape = LINEAR, steps = \"total * warmupRatio\", from = \"0\", to = \"peak\")"),
            "Run.java:9: ERROR [FractionalLength] phases[0].steps: steps (`total * warmupRatio`) must be a whole number of steps, but it is a double expression; wrap it in round(…) for the nearest whole number, or use integer parameters and literals"),
        of(ProcessorCode.DIVISION_BY_ZERO, "constant zero divisor",
            record("double peak, long total", "@PhaseSpec(shape = COSINE, steps = \"total / (2 - 2)\", from = \"peak\", to = \"0\")"),
            "Run.java:9: ERROR [DivisionByZero] phases[0].steps: `total / (2 - 2)` divides by zero"),
        of(ProcessorCode.EXPRESSION_SYNTAX, "a comma grouping digits", phases("", "@PhaseSpec(shape = CONSTANT, steps = \"1,000\", value = \"0.1\")"),
            "Bad.java:9: ERROR [ExpressionSyntax] phases[0].steps: cannot read `1,000`: unexpected ',' at column 2; group digits with '_' as Java does (1_000), not with ','"),
        of(ProcessorCode.EXPRESSION_SYNTAX, "Math.sqrt as in Java",
            record("double peak, long total", "@PhaseSpec(shape = COSINE, steps = \"total\", from = \"peak * Math.sqrt(2)\", to = \"0\")"),
            "Run.java:9: ERROR [ExpressionSyntax] phases[0].from: cannot read `peak * Math.sqrt(2)`: `Math.sqrt` at column 8; write `sqrt(…)` without `Math.`: expressions call min, max, round, floor, ceil, sqrt and pow, as Java's Math does"),
        of(ProcessorCode.EXPRESSION_SYNTAX, "a function there is not", phases("", "@PhaseSpec(shape = CONSTANT, steps = \"100\", value = \"exp(-2)\")"),
            "Bad.java:9: ERROR [ExpressionSyntax] phases[0].value: cannot read `exp(-2)`: unknown function `exp` at column 1; expressions call min, max, round, floor, ceil, sqrt and pow, as Java's Math does"),
        of(ProcessorCode.EXPRESSION_SYNTAX, "min with one argument", phases("", "@PhaseSpec(shape = CONSTANT, steps = \"min(100)\", value = \"0.1\")"),
            "Bad.java:9: ERROR [ExpressionSyntax] phases[0].steps: cannot read `min(100)`: `min` takes 2 arguments at column 1; it is given 1"),
        of(ProcessorCode.NON_FINITE_NUMBER, "NaN in a fixed schedule", phases("", "@PhaseSpec(shape = CONSTANT, steps = \"100\", value = \"NaN\")"),
            "Bad.java:9: ERROR [NonFiniteNumber] phases[0].value: `NaN` in `NaN`: non-finite numbers are not allowed, every value and length of a schedule is finite; write a finite number"),
        of(ProcessorCode.NON_FINITE_NUMBER, "Infinity on a record",
            record("double peak, long total", "@PhaseSpec(shape = COSINE, steps = \"total\", from = \"peak\", to = \"-Infinity\")"),
            "Run.java:9: ERROR [NonFiniteNumber] phases[0].to: `Infinity` in `-Infinity`: non-finite numbers are not allowed, every value and length of a schedule is finite; write a finite number"),
        of(ProcessorCode.DOUBLE_FUNCTION_LENGTH, "floor as a length",
            record("double peak, long total", "@PhaseSpec(shape = COSINE, steps = \"floor(total * 0.9)\", from = \"peak\", to = \"0\")"),
            "Run.java:9: ERROR [DoubleFunctionLength] phases[0].steps: steps (`floor(total * 0.9)`) must be a whole number of steps, but floor(…) returns a double, as Java's Math.floor does; wrap it in round(…) for the nearest whole number"),
        of(RuleCode.UNIT_NEEDS_GEOMETRY, "epochs on a record whose geometry has no epoch",
            source("Run", """
                @TrainingSchedule(geometry = @Geometry(batchSize = 32), phases = {
                    @PhaseSpec(shape = COSINE, steps = "epochs", unit = dev.anneal.geometry.Unit.EPOCHS, from = "peak", to = "0")})""",
                "record Run(double peak, double epochs) {}"),
            "Run.java:9: ERROR [UnitNeedsGeometry] phases[0].steps: steps is given in epochs, which needs the updates per epoch in the run geometry; give @Geometry updatesPerEpoch, or datasetSize with batchSize"),
        of(ProcessorCode.UNIT_WITHOUT_LENGTH, "a unit on a phase that lasts forever",
            phases("geometry = @Geometry(updatesPerEpoch = 100)",
                "@PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, unit = dev.anneal.geometry.Unit.EPOCHS, value = \"0.1\")"),
            "Bad.java:10: ERROR [UnitWithoutLength] phases[0].unit: unit epochs applies to steps, which this phase gives as forever; leave unit out, or give steps in epochs"),
        of(ProcessorCode.UNIT_WITHOUT_LENGTH, "a unit on a later channel's phase that shares the first channel's length", type("Bad", """
            @TrainingPlan(channels = {
                @Channel(name = "lr", phases = {@PhaseSpec(shape = CONSTANT, steps = "100", value = "0.1")}),
                @Channel(name = "momentum", phases = {@PhaseSpec(shape = CONSTANT, unit = dev.anneal.geometry.Unit.EPOCHS, value = "0.9")})})"""),
            "Bad.java:10: ERROR [UnitWithoutLength] channels.momentum.phases[0].unit: unit epochs applies to steps, which this phase leaves out (it takes the first channel's length and unit); leave unit out, or give steps in epochs"),
        of(ProcessorCode.UNUSED_GEOMETRY, "a geometry and every length in updates",
            phases("geometry = @Geometry(updatesPerEpoch = 100)", "@PhaseSpec(shape = CONSTANT, steps = \"30\", value = \"0.1\")"),
            "Bad.java:8: WARNING [UnusedGeometry] geometry: the geometry is given but every length is in updates, so it changes nothing; give a phase's steps a unit (epochs, samples, tokens), or leave geometry out"),
        of(RuleCode.UNIT_NEEDS_GEOMETRY, "tokens without a geometry",
            phases("", "@PhaseSpec(shape = CONSTANT, steps = \"375_000_000\", unit = dev.anneal.geometry.Unit.TOKENS, value = \"0.1\")"),
            "Bad.java:9: ERROR [UnitNeedsGeometry] phases[0].steps: steps is given in tokens, which needs a run geometry; give the annotation geometry = @Geometry(…)"),
        of(RuleCode.UNIT_NEEDS_GEOMETRY, "tokens with a geometry that has no sequence length",
            phases("geometry = @Geometry(batchSize = 512)",
                "@PhaseSpec(shape = CONSTANT, steps = \"375_000_000\", unit = dev.anneal.geometry.Unit.TOKENS, value = \"0.1\")"),
            "Bad.java:10: ERROR [UnitNeedsGeometry] phases[0].steps: steps is given in tokens, which needs a sequence length in the run geometry; give @Geometry sequenceLength"),
        of(RuleCode.NOT_POSITIVE, "a geometry batch of 0",
            phases("geometry = @Geometry(batchSize = 0, sequenceLength = 2048)",
                "@PhaseSpec(shape = CONSTANT, steps = \"375_000_000\", unit = dev.anneal.geometry.Unit.TOKENS, value = \"0.1\")"),
            "Bad.java:8: ERROR [NotPositive] geometry.batchSize: batchSize (0) must be greater than 0"),
        // ---- batch-size schedules and clocks ------------------------------------------------------
        of(RuleCode.INVALID_BATCH_SCHEDULE, "a batchSteps entry that is no number",
            phases("clock = dev.anneal.schedule.Clock.SAMPLES,\n    geometry = @Geometry(batchSteps = \"0:32 1000:x\")",
                "@PhaseSpec(shape = CONSTANT, steps = \"100_000\", value = \"0.1\")"),
            "Bad.java:9: ERROR [InvalidBatchSchedule] geometry.batchSteps: batch-size schedule entry '1000:x' has 'x', which is no number; write digits with an optional K, M, B or T suffix"),
        of(RuleCode.INVALID_BATCH_SCHEDULE, "a ramp without its full batch",
            phases("clock = dev.anneal.schedule.Clock.SAMPLES,\n    geometry = @Geometry(rampStart = 32, rampIncrement = 32, rampSamples = 1_000_000)",
                "@PhaseSpec(shape = CONSTANT, steps = \"100_000\", value = \"0.1\")"),
            "Bad.java:9: ERROR [InvalidBatchSchedule] geometry.rampStart: batch-size schedule ramp lacks rampFull; give rampStart, rampIncrement and rampFull, with rampSamples or rampTokens"),
        of(RuleCode.INVALID_BATCH_SCHEDULE, "two batch schedules",
            phases("clock = dev.anneal.schedule.Clock.SAMPLES,\n    geometry = @Geometry(globalBatch = 512, batchSteps = \"0:32 1000:64\")",
                "@PhaseSpec(shape = CONSTANT, steps = \"100_000\", value = \"0.1\")"),
            "Bad.java:9: ERROR [InvalidBatchSchedule] geometry.batchSteps: batch-size schedule globalBatch and batchSteps are given together, and only one batch schedule applies; give one of globalBatch, batchSteps and the ramp"),
        of(ProcessorCode.INVALID_CLOCK, "two clocks",
            phases("clock = {dev.anneal.schedule.Clock.SAMPLES, dev.anneal.schedule.Clock.TOKENS},\n    geometry = @Geometry(globalBatch = 512)",
                "@PhaseSpec(shape = CONSTANT, steps = \"100_000\", value = \"0.1\")"),
            "Bad.java:8: ERROR [InvalidClock] clock: clock SAMPLES, TOKENS names more than one clock; give one: SAMPLES or TOKENS"),
        of(ProcessorCode.INVALID_CLOCK, "a clock on a record", source("Run", """
            @TrainingSchedule(clock = dev.anneal.schedule.Clock.SAMPLES, geometry = @Geometry(globalBatch = 512), phases = {
                @PhaseSpec(shape = CONSTANT, steps = "total", value = "0.1")})""", "record Run(long total) {}"),
            "Run.java:8: ERROR [InvalidClock] clock: clock SAMPLES applies only to a fixed schedule, and a record's lengths are known only at run time; build it with the builder's clockedIn(Clock.SAMPLES).build(geometry), or declare the schedule on an interface with constants"),
        of(RuleCode.UNIT_NEEDS_GEOMETRY, "a clock without a batch schedule",
            phases("clock = dev.anneal.schedule.Clock.TOKENS,\n    geometry = @Geometry(sequenceLength = 2048)",
                "@PhaseSpec(shape = CONSTANT, steps = \"100_000\", value = \"0.1\")"),
            "Bad.java:8: ERROR [UnitNeedsGeometry] clock: clock is given in tokens, which needs a global batch in the run geometry; give @Geometry globalBatch, batchSteps, the ramp (rampStart, rampIncrement, rampFull, rampSamples or rampTokens) or batchSize"),
        of(RuleCode.LENGTH_OFF_CLOCK, "a length in updates on a clock",
            phases("clock = dev.anneal.schedule.Clock.TOKENS,\n    geometry = @Geometry(sequenceLength = 2048, globalBatch = 512)",
                "@PhaseSpec(shape = CONSTANT, steps = \"100\", unit = dev.anneal.geometry.Unit.UPDATES, value = \"0.1\")"),
            "Bad.java:11: ERROR [LengthOffClock] phases[0].steps: steps (100 updates) cannot be counted in tokens: the schedule counts the tokens consumed, and an update consumes more of them as the batch grows; give it in samples or tokens, or as a bare count of tokens"),
        // ---- processor: attributes and channels -------------------------------------------------
        of(ProcessorCode.MISSING_ATTRIBUTE, "cosine without to", phases("", "@PhaseSpec(shape = COSINE, steps = \"100\", from = \"1e-3\")"),
            "Bad.java:9: ERROR [MissingAttribute] phases[0].to: a cosine phase needs `to`"),
        of(ProcessorCode.MISSING_ATTRIBUTE, "first phase without from", phases("", "@PhaseSpec(shape = COSINE, steps = \"100\", to = \"0\")"),
            "Bad.java:9: ERROR [MissingAttribute] phases[0].from: a cosine phase needs `from` (the first phase has no previous phase to start from)"),
        of(ProcessorCode.IRRELEVANT_ATTRIBUTE, "rate on a cosine", phases("", "@PhaseSpec(shape = COSINE, steps = \"100\", from = \"1e-3\", to = \"0\", rate = \"0.9\")"),
            "Bad.java:9: ERROR [IrrelevantAttribute] phases[0].rate: `rate` does not apply to a cosine phase, which takes steps, from, to, cycles"),
        of(ProcessorCode.CHANNEL_PHASES_DIFFER, "momentum has more phases than lr", type("Bad", """
            @TrainingPlan(channels = {
                @Channel(name = "lr", phases = {@PhaseSpec(shape = CONSTANT, steps = "100", value = "0.1")}),
                @Channel(name = "momentum", phases = {
                    @PhaseSpec(shape = CONSTANT, value = "0.9"),
                    @PhaseSpec(shape = CONSTANT, value = "0.8")})})"""),
            "Bad.java:12: ERROR [ChannelPhasesDiffer] channels.momentum.phases[1].steps: channel 'momentum' leaves the length of phase 1 to channel 'lr', which has only 1 phases"),
        of(ProcessorCode.DUPLICATE_CHANNEL, "lr twice", type("Bad", """
            @TrainingPlan(channels = {
                @Channel(name = "lr", phases = {@PhaseSpec(shape = CONSTANT, steps = "100", value = "0.1")}),
                @Channel(name = "lr", phases = {@PhaseSpec(shape = CONSTANT, value = "0.2")})})"""),
            "Bad.java:10: ERROR [DuplicateChannel] channels.lr: channel 'lr' is declared more than once"),
        of(ProcessorCode.PROCESSOR_FAILURE, "another processor already generated the class",
            new Case(ProcessorCode.PROCESSOR_FAILURE, "",
                List.of(type("First", "@TrainingSchedule(name = \"Same\", phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = \"0.1\"))")),
                List.of(), List.of(new SameClassProcessor("test.Same"))),
            "First.java:9: ERROR [ProcessorFailure] the Anneal processor failed on this type (FilerException: Attempt to recreate a file for type test.Same); please report it with this source"),
        of(ProcessorCode.GENERATED_NAME_CLASH, "two types generate one class",
            List.of(type("First", "@TrainingSchedule(name = \"Same\", phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = \"0.1\"))"),
                type("Second", "@TrainingSchedule(name = \"Same\", phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = \"0.2\"))")),
            "Second.java:8: ERROR [GeneratedNameClash] name: the generated class `test.Same` is also generated for `test.First`; choose another `name`"),
        of(ProcessorCode.GENERATED_NAME_CLASH, "a name equal to the annotated type",
            type("Lr", "@TrainingSchedule(name = \"Lr\", phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = \"0.1\"))"),
            "Lr.java:8: ERROR [GeneratedNameClash] name: the generated class `test.Lr` is the annotated type itself; choose another `name`"),
        of(ProcessorCode.GENERATED_NAME_CLASH, "a hand-written class of the default name",
            List.of(type("Lr", "@TrainingSchedule(phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = \"0.1\"))"),
                JavaFileObjects.forSourceString("test.LrSchedule", "package test;\n\nfinal class LrSchedule {}\n")),
            "Lr.java:8: ERROR [GeneratedNameClash] the generated class `test.LrSchedule` already exists: a type of that name is declared in the sources"
                + " being compiled; set `name` to a class name no other type uses"),
        of(ProcessorCode.GENERATED_NAME_CLASH, "a schedule and a plan on one type given one name", type("Sgd", """
            @TrainingSchedule(name = "SgdRun", phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "0.1"))
            @TrainingPlan(name = "SgdRun", channels = @Channel(name = "lr", phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "0.1")))"""),
            "Sgd.java:9: ERROR [GeneratedNameClash] name: the generated class `test.SgdRun` is also generated for the @TrainingSchedule on the same type;"
                + " choose another `name`"),
        of(ProcessorCode.INVALID_GENERATED_NAME, "a hyphen in the name",
            type("Lr", "@TrainingSchedule(name = \"gpt-lr\", phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = \"0.1\"))"),
            "Lr.java:8: ERROR [InvalidGeneratedName] name: `gpt-lr` is not a valid class name: `name` takes a Java identifier without a package; did you mean `GptLr`?"),
        of(ProcessorCode.INVALID_GENERATED_NAME, "a qualified name",
            type("Lr", "@TrainingSchedule(name = \"schedules.GptLr\", phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = \"0.1\"))"),
            "Lr.java:8: ERROR [InvalidGeneratedName] name: `schedules.GptLr` is not a valid class name: `name` takes a Java identifier without a package; did you mean `GptLr`?"),
        of(ProcessorCode.PRIVATE_RECORD, "a private nested record", source("Outer", "", """
            class Outer {
              @TrainingSchedule(phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "peak"))
              private record Run(double peak) {}
            }"""),
            "Outer.java:11: ERROR [PrivateRecord] the generated class `Outer_RunSchedule` cannot read record `Outer.Run` because `Outer.Run` is private;"
                + " remove `private` from `Outer.Run` (the generated class is a separate class in the same package)"),
        of(ProcessorCode.PRIVATE_RECORD, "a record inside a private class", source("Outer", "", """
            class Outer {
              private static final class Runs {
                @TrainingPlan(channels = @Channel(name = "lr", phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "peak")))
                record Run(double peak) {}
              }
            }"""),
            "Outer.java:12: ERROR [PrivateRecord] the generated class `Outer_Runs_RunPlan` cannot read record `Outer.Runs.Run` because `Outer.Runs` is private;"
                + " remove `private` from `Outer.Runs` (the generated class is a separate class in the same package)"),
        of(ProcessorCode.GENERIC_RECORD, "a record with a type parameter",
            source("Run", "@TrainingSchedule(phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = \"peak\"))",
                "record Run<T>(double peak, T tag) {}"),
            "Run.java:9: ERROR [GenericRecord] record `Run` declares type parameters <T>, which the generated class `RunSchedule` cannot supply"
                + " (it would use the record as a raw type); declare the record without type parameters"),
        of(ProcessorCode.ABSOLUTE_RESOURCE_PATH, "a leading slash, as for Class.getResource",
            type("Training", "@CheckedConfig(format = \"deepspeed\", resource = \"/configs/ds_config.json\")"),
            "Training.java:8: ERROR [AbsoluteResourcePath] resource: `/configs/ds_config.json` starts with '/', but a resource is found relative to the"
                + " roots of the class path and the source path; write `configs/ds_config.json`"),
        of(ConfigCode.UNKNOWN_TYPE, "misspelled format", type("Training", "@CheckedConfig(format = \"deepspeeed\", resource = \"configs/ds_config.json\")"),
            "Training.java:8: ERROR [UnknownType] format: unknown format 'deepspeeed'; did you mean `deepspeed`?"),
        of(ConfigCode.UNREADABLE_FILE, "missing resource", type("Training", "@CheckedConfig(format = \"deepspeed\", resource = \"configs/nowhere.json\")"),
            CheckedConfigTest.PRINTED_MISSING),
        of(ProcessorCode.JUMP_BETWEEN_PHASES, "restart from a higher value", phases("", WARMUP, "@PhaseSpec(shape = COSINE, steps = \"100\", from = \"2e-3\", to = \"0\")"),
            "Bad.java:10: WARNING [JumpBetweenPhases] phases[1].from: phase 1 starts at 0.002 but phase 0 ends at 0.001; leave `from` out to start where the previous phase ends"),
        // ---- the model's rules, at compile time -----------------------------------------------
        of(RuleCode.NON_FINITE_VALUE, "literal overflows a double", phases("", "@PhaseSpec(shape = LINEAR, steps = \"100\", from = \"1e-5\", to = \"1e400\")"),
            "Bad.java:9: ERROR [NonFiniteValue] phases[0].to: to (Infinity) must be a finite number"),
        of(RuleCode.NEGATIVE_VALUE, "negative milestone",
            phases("", "@PhaseSpec(shape = MILESTONES, steps = PhaseSpec.FOREVER, from = \"0.1\", milestones = {\"-5\", \"10\"}, factor = \"0.5\")"),
            "Bad.java:9: ERROR [NegativeValue] phases[0].milestones[0]: milestones[0] (-5) must be at least 0"),
        of(RuleCode.NEGATIVE_LEARNING_RATE, "decays below 0", phases("", WARMUP, "@PhaseSpec(shape = LINEAR, steps = \"100\", to = \"-1e-4\")"),
            "Bad.java:10: ERROR [NegativeLearningRate] phases[1].to: learning rate reaches -1.0E-4; a learning rate must be at least 0"),
        of(RuleCode.NEGATIVE_LEARNING_RATE, "a later phase that starts below 0",
            phases("", WARMUP, "@PhaseSpec(shape = CONSTANT, steps = \"100\")", "@PhaseSpec(shape = LINEAR, steps = \"100\", to = \"1e-4\")",
                "@PhaseSpec(shape = LINEAR, steps = \"100\", from = \"-1e-5\", to = \"0\")"),
            "Bad.java:12: WARNING [JumpBetweenPhases] phases[3].from: phase 3 starts at -1.0E-5 but phase 2 ends at 1.0E-4; leave `from` out to start where the previous phase ends",
            "Bad.java:12: ERROR [NegativeLearningRate] phases[3].from: learning rate reaches -1.0E-5; a learning rate must be at least 0"),
        of(RuleCode.MOMENTUM_OUT_OF_RANGE, "momentum of 1", phases("channel = \"momentum\"", "@PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = \"1.0\")"),
            "Bad.java:10: ERROR [MomentumOutOfRange] phases[0].value: momentum reaches 1; momentum and Adam beta1 must lie in [0, 1)"),
        of(RuleCode.MOMENTUM_OUT_OF_RANGE, "momentum that steps up past 1, a value no attribute holds",
            phases("channel = \"momentum\"", "@PhaseSpec(shape = CONSTANT, steps = \"10\", value = \"0.5\")",
                "@PhaseSpec(shape = STEP, steps = \"100\", every = \"10\", factor = \"1.5\")"),
            // 0.5 * 1.5^10 = 28.83251953125: the value the step decay reaches at its end (held after it), on the phase as a whole.
            "Bad.java:11: ERROR [MomentumOutOfRange] phases[1]: momentum reaches 28.83251953125; momentum and Adam beta1 must lie in [0, 1)"),
        of(RuleCode.MOMENTUM_OUT_OF_RANGE, "momentum of a plan's second channel", type("Bad", """
            @TrainingPlan(channels = {
                @Channel(name = "lr", phases = {
                    @PhaseSpec(shape = LINEAR, steps = "100", from = "0.1", to = "0.01"),
                    @PhaseSpec(shape = CONSTANT, steps = "100")}),
                @Channel(name = "momentum", phases = {
                    @PhaseSpec(shape = CONSTANT, value = "0.9"),
                    @PhaseSpec(shape = LINEAR, to = "1.05")})})"""),
            "Bad.java:14: ERROR [MomentumOutOfRange] channels.momentum.phases[1].to: momentum reaches 1.05; momentum and Adam beta1 must lie in [0, 1)"),
        of(RuleCode.NEGATIVE_WEIGHT_DECAY, "negative weight decay",
            phases("channel = \"weight_decay\"", "@PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = \"-0.01\")"),
            "Bad.java:10: ERROR [NegativeWeightDecay] phases[0].value: weight decay reaches -0.01; weight decay must be at least 0"),
        of(RuleCode.NOT_POSITIVE, "exponential rate 0", phases("", "@PhaseSpec(shape = EXPONENTIAL, steps = \"100\", from = \"0.1\", rate = \"0\")"),
            "Bad.java:9: ERROR [NotPositive] phases[0].rate: rate (0) must be greater than 0"),
        of(RuleCode.OUT_OF_RANGE, "pct_start above 1",
            phases("", "@PhaseSpec(shape = ONE_CYCLE, steps = \"1000\", from = \"0.004\", peak = \"0.1\", to = \"4e-7\", pctStart = \"1.5\")"),
            "Bad.java:9: ERROR [OutOfRange] phases[0].pctStart: pctStart (1.5) must lie in [0, 1]"),
        of(RuleCode.OUT_OF_RANGE, "length overflows a long", phases("", "@PhaseSpec(shape = CONSTANT, steps = \"9_000_000_000_000_000_000 * 2\", value = \"0.1\")"),
            "Bad.java:9: ERROR [OutOfRange] phases[0].steps: steps (`9_000_000_000_000_000_000 * 2`) must lie in the range of a 64-bit integer"),
        of(RuleCode.NON_FINITE_AT_STEP, "growing forever", phases("", "@PhaseSpec(shape = EXPONENTIAL, steps = PhaseSpec.FOREVER, from = \"0.1\", rate = \"1.5\")"),
            "Bad.java:9: ERROR [NonFiniteAtStep] phases[0].rate: the value at step a late step would be infinite (rate 1.5 > 1 in a phase that never ends); every value up to the declared end must be finite"),
        of(RuleCode.NON_POSITIVE_LENGTH, "zero steps", phases("", "@PhaseSpec(shape = LINEAR, steps = \"0\", from = \"0.1\", to = \"0.2\")"),
            "Bad.java:9: ERROR [NonPositiveLength] phases[0].steps: steps (0) must be at least 1"),
        of(RuleCode.NEEDS_LENGTH, "cosine forever", phases("", "@PhaseSpec(shape = COSINE, steps = PhaseSpec.FOREVER, from = \"0.1\", to = \"0\")"),
            "Bad.java:9: ERROR [NeedsLength] phases[0].steps: a cosine phase needs a length in steps; only constant, exponential, step, milestones, inverse-sqrt, cyclic, cosine-restarts, plateau, linear-growth, stair-cycle, inverse-time and post-cycle-momentum phases (and these shifted) may run forever"),
        of(RuleCode.OPEN_PHASE_NOT_LAST, "a phase after forever",
            phases("", "@PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = \"0.1\")", "@PhaseSpec(shape = CONSTANT, steps = \"10\")"),
            "Bad.java:9: ERROR [OpenPhaseNotLast] phases[0].steps: only the last phase may run forever; phase 0 is open but phase 1 follows it"),
        of(RuleCode.LENGTH_OVERFLOW, "phases add up past a long",
            phases("", "@PhaseSpec(shape = CONSTANT, steps = \"9_000_000_000_000_000_000\", value = \"0.1\")", "@PhaseSpec(shape = CONSTANT, steps = \"9_000_000_000_000_000_000\")"),
            "Bad.java:10: ERROR [LengthOverflow] phases[1].steps: the phases add up to more than 9223372036854775806 steps"),
        of(RuleCode.LENGTH_OVERFLOW, "a phase of Long.MAX_VALUE steps after another",
            phases("", WARMUP, "@PhaseSpec(shape = EXPONENTIAL, steps = \"9_223_372_036_854_775_807\", rate = \"0.999\")"),
            "Bad.java:10: ERROR [LengthOverflow] phases[1].steps: the phases add up to more than 9223372036854775806 steps"),
        of(RuleCode.LENGTH_OVERFLOW, "a single phase of Long.MAX_VALUE steps is that many steps, not forever",
            phases("", "@PhaseSpec(shape = COSINE, steps = \"9_223_372_036_854_775_807\", from = \"1e-3\", to = \"0\")"),
            "Bad.java:9: ERROR [LengthOverflow] phases[0].steps: the phases add up to more than 9223372036854775806 steps"),
        of(RuleCode.LENGTH_OVERFLOW, "a sum one past the longest schedule",
            phases("", WARMUP, "@PhaseSpec(shape = CONSTANT, steps = \"9_223_372_036_854_775_707\")"),
            "Bad.java:10: ERROR [LengthOverflow] phases[1].steps: the phases add up to more than 9223372036854775806 steps"),
        of(RuleCode.EMPTY_SCHEDULE, "no phases", type("Bad", "@TrainingSchedule(phases = {})"),
            "Bad.java:8: ERROR [EmptySchedule] phases: a schedule needs at least one phase"),
        of(RuleCode.CONTINUE_UNBOUNDED, "a line continued forever",
            phases("afterEnd = AfterEnd.CONTINUE", "@PhaseSpec(shape = LINEAR, steps = \"100\", from = \"0.1\", to = \"0.01\")"),
            "Bad.java:8: ERROR [ContinueUnbounded] afterEnd: after-end CONTINUE would follow the linear formula past its end, where it grows without bound; use HOLD"),
        of(RuleCode.FLOOR_ABOVE_PEAK, "inverse-sqrt floor above start",
            phases("", "@PhaseSpec(shape = INVERSE_SQRT, steps = PhaseSpec.FOREVER, from = \"1e-3\", timescale = \"100\", floor = \"1e-2\")"),
            "Bad.java:9: ERROR [FloorAbovePeak] phases[0].floor: floor (0.01) must not exceed peak (0.001) for a decaying shape"),
        of(RuleCode.MILESTONES_NOT_INCREASING, "milestones out of order",
            phases("", "@PhaseSpec(shape = MILESTONES, steps = PhaseSpec.FOREVER, from = \"0.1\", milestones = {\"30\", \"20\"}, factor = \"0.5\")"),
            "Bad.java:9: ERROR [MilestonesNotIncreasing] phases[0].milestones[1]: milestones must be increasing, but 20 follows 30"),
        of(RuleCode.CYCLIC_BASE_ABOVE_MAX, "base above max",
            phases("", "@PhaseSpec(shape = CYCLIC, steps = PhaseSpec.FOREVER, from = \"0.1\", peak = \"0.01\", up = \"10\", down = \"10\")"),
            "Bad.java:9: ERROR [CyclicBaseAboveMax] phases[0].from: from (0.1) must not exceed max (0.01)"),
        of(RuleCode.RESTART_PERIOD_TOO_SMALL, "t0 of 0",
            phases("", "@PhaseSpec(shape = COSINE_RESTARTS, steps = PhaseSpec.FOREVER, from = \"0.1\", t0 = \"0\")"),
            "Bad.java:9: ERROR [RestartPeriodTooSmall] phases[0].t0: the first restart period T0 (0) must be at least 1"),
        of(RuleCode.RESTART_MULTIPLIER_TOO_SMALL, "tMult of 0",
            phases("", "@PhaseSpec(shape = COSINE_RESTARTS, steps = PhaseSpec.FOREVER, from = \"0.1\", t0 = \"10\", tMult = \"0\")"),
            "Bad.java:9: ERROR [RestartMultiplierTooSmall] phases[0].tMult: the restart period multiplier Tmult (0) must be at least 1"),
        of(RuleCode.ONE_CYCLE_PHASE_EMPTY, "too few steps to rise",
            phases("", "@PhaseSpec(shape = ONE_CYCLE, steps = \"3\", from = \"0.004\", peak = \"0.1\", to = \"4e-7\", pctStart = \"0.3\")"),
            "Bad.java:9: ERROR [OneCyclePhaseEmpty] phases[0].pctStart: one-cycle phase 1 would span -0.10000000000000009 steps (pct_start 0.3 of 3 total steps); it must span more than 0 or the value is undefined (upstream raises ZeroDivisionError)"),
        of(RuleCode.PLATEAU_FACTOR_OUT_OF_RANGE, "plateau factor above 1",
            phases("", "@PhaseSpec(shape = PLATEAU, steps = PhaseSpec.FOREVER, from = \"0.1\", factor = \"2\")"),
            "Bad.java:9: ERROR [PlateauFactorOutOfRange] phases[0].factor: factor (2) must lie in (0, 1): a plateau reduces the value"),
        of(RuleCode.UNKNOWN_CHANNEL, "upper-case lr", phases("channel = \"LR\"", "@PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = \"0.1\")"),
            "Bad.java:8: ERROR [UnknownChannel] channel: unknown channel 'LR'; did you mean `lr`?"),
        of(RuleCode.UNKNOWN_CHANNEL, "upper-case channel of its own",
            phases("channel = \"EmaDecay\"", "@PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = \"0.1\")"),
            "Bad.java:8: ERROR [UnknownChannel] channel: unknown channel 'EmaDecay' (channel names are lower case: lr, momentum, weight_decay, or your own)"),
        of(RuleCode.UNKNOWN_CHANNEL, "misspelled momentum in a plan", type("Bad", """
            @TrainingPlan(channels = {
                @Channel(name = "lr", phases = {@PhaseSpec(shape = CONSTANT, steps = "100", value = "0.1")}),
                @Channel(name = "momentun", phases = {@PhaseSpec(shape = CONSTANT, value = "1.05")})})"""),
            "Bad.java:10: ERROR [UnknownChannel] channels.momentun: unknown channel 'momentun'; did you mean `momentum`?"),
        of(RuleCode.UNKNOWN_CHANNEL, "misspelled momentum of a schedule",
            phases("channel = \"momentun\"", "@PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = \"1.05\")"),
            "Bad.java:8: ERROR [UnknownChannel] channel: unknown channel 'momentun'; did you mean `momentum`?"),
        of(RuleCode.UNKNOWN_CHANNEL, "misspelled weight decay on a record",
            source("Run", """
                @TrainingSchedule(
                    channel = "weight_decy",
                    phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "decay"))""", "record Run(double decay) {}"),
            "Run.java:9: ERROR [UnknownChannel] channel: unknown channel 'weight_decy'; did you mean `weight_decay`?"),
        of(RuleCode.UNKNOWN_CHANNEL, "misspelled lr in a plan on a record", source("Sgd", """
            @TrainingPlan(channels = {
                @Channel(name = "lr", phases = {@PhaseSpec(shape = CONSTANT, steps = "total", value = "peak")}),
                @Channel(name = "Momentum", phases = {@PhaseSpec(shape = CONSTANT, value = "momentum")})})""",
                "record Sgd(double peak, double momentum, long total) {}"),
            "Sgd.java:10: ERROR [UnknownChannel] channels.Momentum: unknown channel 'Momentum'; did you mean `momentum`?"),
        of(RuleCode.RESTARTS_RISE, "restarts whose floor is above their start",
            phases("", "@PhaseSpec(shape = COSINE_RESTARTS, steps = PhaseSpec.FOREVER, from = \"1e-4\", t0 = \"100\", floor = \"1e-3\")"),
            "Bad.java:9: WARNING [RestartsRise] phases[0].floor: floor (0.001) is above from (1.0E-4), so every restart period rises from 1.0E-4 towards"
                + " 0.001 instead of decaying, as PyTorch's CosineAnnealingWarmRestarts does with eta_min above the learning rate; set floor below from for a decay"),
        of(RuleCode.OVERFLOW, "a line between the ends of the double range",
            phases("channel = \"ema\"", "@PhaseSpec(shape = LINEAR, steps = \"100\", from = \"-1.7e308\", to = \"1.7e308\")"),
            "Bad.java:10: ERROR [Overflow] phases[0].to: to - from overflows: 1.7E308 - -1.7E308 exceeds the largest double (1.7976931348623157E308),"
                + " so values would be infinite or NaN; bring to and from closer together"),
        of(RuleCode.FIRST_UPDATE_AT_ZERO, "warm-up from 0", phases("", "@PhaseSpec(shape = LINEAR, steps = \"100\", from = \"0\", to = \"1e-3\")"),
            "Bad.java:9: NOTE [FirstUpdateAtZero] phases[0].from: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing"),
        of(RuleCode.REPEATED_MILESTONE, "a milestone twice",
            phases("", "@PhaseSpec(shape = MILESTONES, steps = PhaseSpec.FOREVER, from = \"0.1\", milestones = {\"10\", \"10\"}, factor = \"0.5\")"),
            "Bad.java:9: WARNING [RepeatedMilestone] phases[0].milestones[1]: milestone 10 is repeated 2 times, so the factor is applied 2 times at once (PyTorch behaviour)"));
  }
}
