package dev.anneal.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which config formats a file can be, from its content and its name: what lets the commands take a
 * config without {@code --format}. Pure: it reads the text once and returns the candidates with the
 * evidence for each; deciding what to do with none or several is the caller's (the command refuses
 * both, naming the candidates and the fix {@code --format NAME}).
 *
 * <p>Content decides first, by keys only one format uses at the top of the file: a Megatron script
 * or flag list is text, not JSON; a DeepSpeed config has {@code scheduler.params} or {@code
 * optimizer.params} (or DeepSpeed's own batch and ZeRO keys); a PyTorch config has {@code
 * scheduler.kwargs} or {@code optimizer.kwargs}; a transformers config has {@code TrainingArguments}
 * fields or a {@code function} call; Anneal JSON is a single schedule ({@code phases}, {@code
 * schedule}, ...) or a plan whose channels are each an object with such keys. The file name adds a
 * candidate only where it is unambiguous ({@code *.sh} is a Megatron script, {@code ds_config*.json}
 * a DeepSpeed config): it narrows several content candidates to itself, stands alone when the content
 * fits nothing (so the reader reports what is wrong in that format's terms), and is a second
 * candidate when the content says otherwise.
 */
public final class FormatDetection {
  /** Keys of a DeepSpeed config that no other format has at the top. */
  private static final List<String> DEEPSPEED_KEYS =
      List.of("train_batch_size", "train_micro_batch_size_per_gpu", "zero_optimization", "steps_per_print", "wall_clock_breakdown");

  /** Fields of transformers' {@code TrainingArguments} that set the schedule, and the direct call's key. */
  private static final List<String> TRANSFORMERS_KEYS = List.of("function", "lr_scheduler_type", "learning_rate", "warmup_steps",
      "warmup_ratio", "max_steps", "num_train_epochs", "lr_scheduler_kwargs");

  /** The blocks PyTorch and DeepSpeed configs share, told apart by {@code kwargs} and {@code params}. */
  private static final List<String> BLOCK_NAMES = List.of("scheduler", "optimizer");

  /** Keys of a single Anneal schedule (a plan's channels have them one level down). */
  private static final Set<String> ANNEAL_SCHEDULE_KEYS = Set.of("phases", "factors", "factor", "schedule");

  /** The key of an Anneal plan's run geometry, which is no channel. */
  private static final String ANNEAL_GEOMETRY_KEY = "geometry";

  /**
   * One format the file may be.
   *
   * @param format the format's name, as {@code --format} takes it
   * @param evidence what in the file points to it, e.g. {@code scheduler.params} or {@code the name ds_config*.json}
   */
  public record Candidate(String format, String evidence) {
    /** Whether the file's name, not its content, points to the format. */
    public boolean byName() {
      return evidence.startsWith(NAME_EVIDENCE);
    }
  }

  private static final String NAME_EVIDENCE = "the name ";

  private static final String DEEPSPEED_ARGS = "deepspeed-args";

  /** DeepSpeed's {@code --lr_schedule} tuning argument, as a word of a command line ({@code --lr_schedule=X} too). */
  private static final Pattern LR_SCHEDULE = Pattern.compile("(^|[\\s'\"])--lr_schedule([\\s=]|$)");

  private FormatDetection() {}

  /**
   * The formats {@code text} fits, in the order of {@link Formats#names()}; empty when none does.
   *
   * @param fileName the file's name without its folder, or {@code null} for standard input
   * @param text the file's content (a leading byte order mark is skipped)
   */
  public static List<Candidate> candidates(String fileName, String text) {
    Map<String, String> byContent = byContent(text);
    if (byContent.containsKey(DEEPSPEED_ARGS)) {
      // --lr_schedule is DeepSpeed's tuning argument and no other format's flag: it outweighs a *.sh name.
      return List.of(new Candidate(DEEPSPEED_ARGS, byContent.get(DEEPSPEED_ARGS)));
    }
    Candidate byName = byName(fileName);
    if (byName != null && (byContent.isEmpty() || byContent.containsKey(byName.format()))) {
      // The name is no guess: where it agrees with the content, it is the evidence given.
      return List.of(byName);
    }
    List<Candidate> candidates = new ArrayList<>();
    for (String format : Formats.names()) {
      if (byContent.containsKey(format)) {
        candidates.add(new Candidate(format, byContent.get(format)));
      } else if (byName != null && byName.format().equals(format)) {
        candidates.add(byName);
      }
    }
    return List.copyOf(candidates);
  }

  private static Candidate byName(String fileName) {
    if (fileName == null) {
      return null;
    }
    if (fileName.endsWith(".sh")) {
      return new Candidate("megatron", NAME_EVIDENCE + "*.sh");
    }
    if (fileName.startsWith("ds_config") && fileName.endsWith(".json")) {
      return new Candidate("deepspeed", NAME_EVIDENCE + "ds_config*.json");
    }
    return null;
  }

  /** Each format the content fits, with the first key that says so. */
  private static Map<String, String> byContent(String text) {
    Map<String, String> found = new LinkedHashMap<>();
    String content = Json.withoutByteOrderMark(text).strip();
    if (content.isEmpty()) {
      return found;
    }
    if (!content.startsWith("{") && !content.startsWith("[")) {
      // Megatron reads a launch script or a flag list; no other format is anything but JSON.
      if (LR_SCHEDULE.matcher(content).find()) {
        found.put(DEEPSPEED_ARGS, "--lr_schedule");
      } else if (content.startsWith("--") || content.contains(" --") || content.contains("\n--")) {
        found.put("megatron", "flags, not JSON");
      }
      return found;
    }
    JsonNode root;
    try {
      root = Json.parse(content);
    } catch (RuntimeException notJson) {
      // Every JSON format reports the syntax error alike; without valid JSON the content proves nothing.
      return found;
    }
    if (!root.isObject()) {
      return found;
    }
    anneal(root).ifPresent(key -> found.put("anneal", key));
    List<String> blocks = blocks(root);
    for (String block : blocks) {
      if (root.get(block).has("kwargs")) {
        found.putIfAbsent("pytorch", block + ".kwargs");
      }
    }
    for (String key : TRANSFORMERS_KEYS) {
      // Only lr_scheduler_kwargs holds an object: {"learning_rate": {"phases": …}} is an Anneal channel.
      if (root.has(key) && (!root.get(key).isObject() || key.equals("lr_scheduler_kwargs"))) {
        found.putIfAbsent("transformers", key);
      }
    }
    for (String block : blocks) {
      if (root.get(block).has("params")) {
        found.putIfAbsent("deepspeed", block + ".params");
      }
    }
    for (String key : DEEPSPEED_KEYS) {
      if (root.has(key)) {
        found.putIfAbsent("deepspeed", key);
      }
    }
    return found;
  }

  /**
   * The top-level keys that hold a {@code scheduler} or {@code optimizer} block, misspelled ones
   * ({@code schedular}) included: the format's reader then names the typo with a "did you mean",
   * where without it the file would fit no format at all.
   */
  private static List<String> blocks(JsonNode root) {
    List<String> blocks = new ArrayList<>();
    root.fieldNames().forEachRemaining(name -> {
      if (root.get(name).isObject() && DidYouMean.closest(name, BLOCK_NAMES).isPresent()) {
        blocks.add(name);
      }
    });
    return blocks;
  }

  /** The key that makes {@code root} Anneal JSON: a schedule key at the top, or a channel holding one. */
  private static Optional<String> anneal(JsonNode root) {
    List<String> names = new ArrayList<>();
    root.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (ANNEAL_SCHEDULE_KEYS.contains(name)) {
        return Optional.of(name);
      }
    }
    // An Anneal plan's run geometry and description sit beside its channels ({"geometry": {…}, "lr": {…}}).
    names.remove(ANNEAL_GEOMETRY_KEY);
    names.remove("description");
    if (names.isEmpty()) {
      return Optional.empty();
    }
    for (String name : names) {
      JsonNode channel = root.get(name);
      boolean schedule = false;
      if (channel.isObject()) {
        for (String key : ANNEAL_SCHEDULE_KEYS) {
          schedule |= channel.has(key);
        }
      }
      if (!schedule) {
        return Optional.empty();
      }
    }
    return Optional.of(names.get(0) + "." + firstScheduleKey(root.get(names.get(0))));
  }

  private static String firstScheduleKey(JsonNode channel) {
    List<String> keys = new ArrayList<>();
    channel.fieldNames().forEachRemaining(keys::add);
    return keys.stream().filter(ANNEAL_SCHEDULE_KEYS::contains).findFirst().orElseThrow();
  }
}
