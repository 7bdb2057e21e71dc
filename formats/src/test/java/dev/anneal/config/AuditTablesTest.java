package dev.anneal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.deepspeed.DeepSpeedKeys;
import dev.anneal.config.transformers.TrainingArgumentsFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * The audit pages in docs/audit/ are the code's key tables, rendered: a table that changes without
 * its page fails here. {@code -Daudit.update=true} rewrites the pages from the tables.
 */
class AuditTablesTest {
  private static final Path DOCS = Path.of("..", "docs", "audit");
  private static final boolean UPDATE = Boolean.getBoolean("audit.update");

  @Test
  void theDeepSpeedPageListsEveryKeyOfTheTables() throws IOException {
    StringBuilder page = new StringBuilder();
    page.append(header("DeepSpeed ds_config keys", "dev.anneal.config.deepspeed.DeepSpeedKeys"));
    page.append("""
        What `--format deepspeed` does with each key of a ds_config. DeepSpeed reads the top level key by
        key and ignores any key it does not know: Anneal names each of those in an `IgnoredSetting` note,
        or, when it is close to a known key (a misspelled section), in a `DeepspeedKeyNotRead` warning
        with a "did you mean". DeepSpeed passes `optimizer.params` and
        `scheduler.params` to the constructors, which fail with a `TypeError` on a keyword they do not take:
        Anneal refuses those with an `UnknownKey` error.

        A key marked *no effect* is read and named on standard error, one line each:

            ds_config.json: [IgnoredSetting] zero_optimization: ignored: ZeRO partitioning does not change the schedule

        """);
    section(page, "Top level", DeepSpeedKeys.TOP_LEVEL);
    section(page, "`optimizer`", DeepSpeedKeys.OPTIMIZER_BLOCK);
    section(page, "`optimizer.params` (the keyword arguments of every optimizer DeepSpeed builds, merged)", DeepSpeedKeys.OPTIMIZER_PARAMS);
    section(page, "`scheduler`", DeepSpeedKeys.SCHEDULER_BLOCK);
    for (String type : DeepSpeedKeys.schedulerTypes()) {
      section(page, "`scheduler.params` of " + type, DeepSpeedKeys.schedulerParams(type));
    }
    check("deepspeed-keys.md", page.toString());
  }

  @Test
  void theTransformersPageListsEveryFieldOfTrainingArguments() throws IOException {
    StringBuilder page = new StringBuilder();
    page.append(header("transformers TrainingArguments fields", "dev.anneal.config.transformers.TrainingArgumentsFields"));
    page.append("""
        What `--format transformers` does with each field of `TrainingArguments` (as `to_dict()` writes
        them) when a config gives the scheduler fields of a Trainer run, for the version the config's
        `transformers_version` names (5 when absent). A key that is not a field of that version is an
        `UnknownField` warning: `TrainingArguments(**config)` would raise `TypeError` on it, but a dump is
        what some Trainer ran, and Trainer never reads a key it does not know. The direct call form
        (`{"function": …, "kwargs": …}`) takes exactly the function's keyword arguments, each modelled.

        A field marked *no effect* is read and named on standard error, one line each:

            args.json: [IgnoredSetting] per_device_train_batch_size: ignored: the batch size changes the samples per update, not the schedule, which counts optimizer updates

        """);
    section(page, "`TrainingArguments` of transformers 4 (4.5x)", TrainingArgumentsFields.TABLE);
    section(page, "`TrainingArguments` of transformers 5", TrainingArgumentsFields.V5_TABLE);
    check("transformers-arguments.md", page.toString());
  }

  private static String header(String title, String source) {
    return "# Audit: " + title + "\n\n<!-- Generated from " + source + " by dev.anneal.config.AuditTablesTest;"
        + " regenerate with -Daudit.update=true. Do not edit by hand. -->\n\n";
  }

  private static void section(StringBuilder page, String title, KnownSettings settings) {
    page.append("## ").append(title).append("\n\n| key | Anneal | why |\n| --- | --- | --- |\n");
    for (KnownSetting setting : settings.all()) {
      page.append("| `").append(setting.key()).append("` | ").append(setting.effect().label()).append(" | ")
          .append(setting.reason().replace("|", "\\|")).append(" |\n");
    }
    page.append('\n');
  }

  private static void check(String name, String expected) throws IOException {
    Path file = DOCS.resolve(name);
    if (UPDATE) {
      Files.createDirectories(DOCS);
      Path temporary = Files.createTempFile(DOCS, name, ".tmp");
      Files.writeString(temporary, expected, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8),
        "docs/audit/" + name + " differs from the code's table; rerun with -Daudit.update=true and review the diff");
  }
}
