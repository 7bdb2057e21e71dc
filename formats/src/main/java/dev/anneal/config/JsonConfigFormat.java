package dev.anneal.config;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A config format whose input is one JSON object. {@link #read(String)} is final: it parses the
 * text, lets the format read the tree, and then settles every object no reader settled, refusing
 * each key nobody consumed. So no JSON format can return a plan while a key of its config went
 * unread: every key is honoured, refused, or reported as ignored with its reason (see {@link
 * JsonFields}).
 */
public abstract class JsonConfigFormat implements ConfigFormat {
  private final String name;

  /** A JSON format known on the command line as {@code name}. */
  protected JsonConfigFormat(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  /**
   * The system that reads this format's files with Python's {@code json}, which keeps the last
   * value of a key given twice (transformers' {@code HfArgumentParser}), or {@code null} where a
   * key given twice is refused: by the system itself (DeepSpeed's {@code
   * dict_raise_error_on_duplicate_keys}) or because the file is Anneal's own rendering.
   */
  protected String lastOfDuplicateKeysWinsIn() {
    return null;
  }

  /** The warnings for keys given twice, or the refusal of them, as {@link #lastOfDuplicateKeysWinsIn()} says. */
  private List<Violation> duplicateKeys(List<JsonTree.Duplicate> found) {
    String system = lastOfDuplicateKeysWinsIn();
    if (found.isEmpty()) {
      return List.of();
    }
    if (system == null) {
      throw new InvalidScheduleException(found.stream().map(JsonTree.Duplicate::violation).toList());
    }
    return found.stream().map(duplicate -> duplicate.lastWins(system)).toList();
  }

  /**
   * Reads a whole config.
   *
   * @throws InvalidScheduleException listing every error, each at its JSON path
   */
  @Override
  public final Imported read(String text) {
    Problems problems = new Problems();
    JsonTree.Read parsed = Json.parseKeepingDuplicates(text);
    List<Violation> duplicates = duplicateKeys(parsed.duplicates());
    JsonFields root = Json.object(parsed.root(), problems);
    Imported imported;
    try {
      imported = read(root, problems);
    } catch (InvalidScheduleException failed) {
      // A read that failed stops here: the objects a reader gave up on after an error are not
      // settled, since their keys would be reported as unknown although they are only unread. Its
      // ignored-setting notes go too: a setting is "ignored" only beside a schedule that was read.
      List<Violation> kept = new ArrayList<>(duplicates);
      failed.warnings().stream().filter(warning -> warning.code() != ConfigCode.IGNORED_SETTING).forEach(kept::add);
      throw new InvalidScheduleException(failed.violations(), kept);
    }
    int before = problems.all().size();
    root.settleAll();
    List<Violation> settled = problems.all().subList(before, problems.all().size());
    List<Violation> warnings = new ArrayList<>(duplicates);
    warnings.addAll(imported.warnings());
    settled.stream().filter(violation -> !violation.isError()).forEach(warnings::add);
    List<Violation> errors = settled.stream().filter(Violation::isError).toList();
    if (!errors.isEmpty()) {
      throw new InvalidScheduleException(errors, warnings);
    }
    return imported.withWarnings(warnings);
  }

  /**
   * Reads the config whose top-level object is {@code root}, reporting to {@code problems} (the
   * same as {@code root.problems()}).
   *
   * @throws InvalidScheduleException listing every error, each at its JSON path
   */
  protected abstract Imported read(JsonFields root, Problems problems);
}
