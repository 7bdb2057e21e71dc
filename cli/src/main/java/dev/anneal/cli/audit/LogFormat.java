package dev.anneal.cli.audit;

import dev.anneal.cli.CliCode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The formats of a learning-rate log that {@code anneal audit} reads, by the name {@code --log-format} takes. */
public enum LogFormat {
  /** A header line naming the columns, then one row per logged step. */
  CSV("csv"),
  /** One JSON object per line, such as {@code {"step": 3, "lr": 0.001}}. */
  JSON_LINES("jsonl"),
  /** transformers' {@code trainer_state.json}: the entries of {@code log_history} that hold a {@code learning_rate}. */
  TRAINER_STATE("trainer-state");

  private final String id;

  LogFormat(String id) {
    this.id = id;
  }

  /** The name {@code --log-format} takes. */
  public String id() {
    return id;
  }

  /** Every name {@code --log-format} takes. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(LogFormat::id).toList();
  }

  /** The format named {@code id}, or {@code null} if there is none. */
  public static LogFormat named(String id) {
    return Arrays.stream(values()).filter(format -> format.id.equals(id)).findFirst().orElse(null);
  }

  /**
   * The format of {@code text}, read from {@code file}: told by the name ({@code .csv},
   * {@code .jsonl}, {@code .ndjson}), else by the content (a JSON document with {@code log_history}
   * is a trainer state, other JSON objects are JSON lines, a first line with a comma is CSV).
   *
   * @throws UnreadableLog ({@code LogFormatUndetected}) if neither tells, ({@code EmptyLog}) if the text is blank
   */
  public static LogFormat detect(Path file, String text) {
    if (text.isBlank()) {
      throw new UnreadableLog(CliCode.emptyLog("", "the file is empty"));
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return JSON_LINES;
    }
    String content = text.strip();
    if (content.startsWith("{")) {
      return content.contains("\"log_history\"") ? TRAINER_STATE : JSON_LINES;
    }
    if (content.lines().findFirst().orElse("").contains(",")) {
      return CSV;
    }
    throw new UnreadableLog(CliCode.logFormatUndetected(ids()));
  }

  /**
   * The log {@code text} holds, in this format.
   *
   * @throws UnreadableLog with every problem: an empty log, a missing or ambiguous column, a value
   *     that is not a step or a finite number, steps out of order
   */
  public LearningRateLog read(String text, LogColumns columns) {
    if (text.isBlank()) {
      throw new UnreadableLog(CliCode.emptyLog("", "the file is empty"));
    }
    return switch (this) {
      case CSV -> CsvLog.read(text, columns);
      case JSON_LINES -> JsonLinesLog.read(text, columns);
      case TRAINER_STATE -> TrainerStateLog.read(text, columns);
    };
  }
}
