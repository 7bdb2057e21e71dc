package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.config.Imported;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Launch scripts are read as bash reads them: where a comment, a space after {@code \}, a missing
 * {@code \} or an unclosed quote makes bash end (or refuse) the command before the flags the
 * author meant for Megatron, Anneal does not read those flags either, and says so with the line.
 * Flags written with a lookalike dash or space are refused as argparse refuses them. Each case
 * lists every error.
 */
class MegatronBashRulesTest {
  private static final MegatronFormat FORMAT = new MegatronFormat();
  private static final String TRAIN_ITERS_MISSING = "[MegatronMissingFlag] --train-iters: --train-iters or --train-samples is required:"
      + " Megatron needs the length of training, and decays over it by default; add `--train-iters N` (or `--train-samples N` with"
      + " `--global-batch-size`)";
  private static final String LR_MISSING =
      "[MegatronMissingFlag] --lr: --lr is required: Megatron has no default peak learning rate; add `--lr VALUE`, e.g. `--lr 3e-4`";

  private static List<String> errors(String text) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> FORMAT.read(text));
    return e.violations().stream().map(Violation::toString).toList();
  }

  @Test
  void aCommentLineInsideAContinuedCommandEndsIt() {
    String script = """
        torchrun pretrain_gpt.py \\
            --lr 3e-4 \\
            # --min-lr 3e-5 \\
            --train-iters 1000 \\
            --lr-decay-style cosine
        """;
    assertEquals(
        List.of("[MegatronCommandSplit] --train-iters (line 4): the comment on line 3 ends the command (a `\\` inside a comment continues"
                + " nothing): bash runs line 4 as a command of its own (`--train-iters: command not found`), and Megatron never sees"
                + " --train-iters, --lr-decay-style; move the comment out of the command",
            TRAIN_ITERS_MISSING),
        errors(script));
  }

  @Test
  void aCommentAtTheEndOfAContinuedLineEndsTheCommandToo() {
    String script = """
        python pretrain_gpt.py --train-iters 1000 \\
            --lr 3e-4 # the peak \\
            --min-lr 3e-5
        """;
    assertEquals(
        List.of("[MegatronCommandSplit] --min-lr (line 3): the comment on line 2 ends the command (a `\\` inside a comment continues"
            + " nothing): bash runs line 3 as a command of its own (`--min-lr: command not found`), and Megatron never sees --min-lr; move"
            + " the comment out of the command"),
        errors(script));
  }

  @Test
  void aSpaceAfterTheBackslashEndsTheCommand() {
    String script = "python pretrain_gpt.py \\\n    --lr 3e-4 \\ \n    --train-iters 1000\n";
    assertEquals(
        List.of("[MegatronCommandSplit] --train-iters (line 3): line 2 ends with `\\` and a space, so the `\\` escapes the space instead of"
                + " continuing the line: bash runs line 3 as a command of its own (`--train-iters: command not found`), and Megatron never"
                + " sees --train-iters; delete the space after the `\\`",
            TRAIN_ITERS_MISSING),
        errors(script));
  }

  @Test
  void aSpaceAfterTheLastBackslashIsAnArgumentArgparseRefuses() {
    assertEquals(
        List.of("[MegatronStraySpace] line 2: line 2 ends with `\\` and a space, so the `\\` escapes the space instead of continuing the"
            + " line: bash passes a lone space to Megatron as an argument, and argparse stops with 'unrecognized arguments'; delete the"
            + " space after the `\\`"),
        errors("python pretrain_gpt.py \\\n    --lr 3e-4 --train-iters 1000 \\ \necho done\n"));
  }

  @Test
  void aSpaceAfterABackslashInAnArrayIsAnElementOfItsOwn() {
    assertEquals(
        List.of("[MegatronStraySpace] line 2: line 2 ends with `\\` and a space, so the `\\` escapes the space instead of continuing the"
            + " line: bash passes a lone space to Megatron as an argument, and argparse stops with 'unrecognized arguments'; delete the"
            + " space after the `\\`"),
        errors("ARGS=(\n  --lr 3e-4 \\ \n  --train-iters 1000\n)\npython pretrain_gpt.py \"${ARGS[@]}\"\n"));
  }

  @Test
  void aLineWithoutItsBackslashEndsTheCommand() {
    String script = "python pretrain_gpt.py --lr 3e-4 --train-iters 1000\n    --lr-warmup-iters 100 --lr-decay-style cosine\n";
    assertEquals(
        List.of("[MegatronCommandSplit] --lr-warmup-iters (line 2): line 1 does not end with `\\`: bash runs line 2 as a command of its own"
            + " (`--lr-warmup-iters: command not found`), and Megatron never sees --lr-warmup-iters, --lr-decay-style; end line 1 with `\\`"),
        errors(script));
  }

  @Test
  void aFlagNeverTakesItsValueFromTheNextCommand() {
    String script = "python pretrain_gpt.py --train-iters 1000 --lr \\\n  # the peak\n  3e-4\n";
    assertEquals(
        List.of("[MegatronCommandSplit] 3e-4 (line 3): the comment on line 2 ends the command (a `\\` inside a comment continues nothing):"
                + " bash runs line 3 as a command of its own (`3e-4: command not found`), and Megatron never sees 3e-4; move the comment out"
                + " of the command",
            "[MegatronFlagNeedsValue] --lr (line 1): --lr needs a value; write `--lr VALUE`"),
        errors(script));
  }

  @Test
  void anUnclosedQuoteIsASyntaxErrorAtTheLineWhereItOpened() {
    String script = """
        export CUDA_DEVICE_MAX_CONNECTIONS=1
        python pretrain_gpt.py \\
            --lr 3e-4 --train-iters 1000 \\
            --lr-decay-style 'cosine \\
            --min-lr 3e-5
        """;
    assertEquals(
        List.of("[MegatronUnclosed] line 4: the quote `'` opened on line 4 is never closed, so bash stops with a syntax error (unexpected end"
                + " of file) and never runs the command that starts on line 2; close the quote",
            LR_MISSING,
            TRAIN_ITERS_MISSING),
        errors(script));
  }

  @Test
  void anUnclosedArrayIsASyntaxErrorToo() {
    String script = "ARGS=(\n  --lr 3e-4\n  --train-iters 1000\npython pretrain_gpt.py \"${ARGS[@]}\"\n";
    assertEquals(
        List.of("[MegatronUnclosed] line 1: the `(` opened on line 1 is never closed, so bash stops with a syntax error (unexpected end of"
                + " file) and never runs the command that starts on line 1; close it with `)`",
            LR_MISSING,
            TRAIN_ITERS_MISSING),
        errors(script));
  }

  @Test
  void anEmDashIsNotTwoHyphens() {
    assertEquals(
        List.of("[MegatronFlagLookalike] \u2014min-lr (line 2): unrecognized argument '\u2014min-lr': it has an em dash (U+2014) where a flag"
            + " needs `--`, so Megatron's argparse stops with 'unrecognized arguments'; did you mean `--min-lr`?"),
        errors("python pretrain_gpt.py --lr 3e-4 --train-iters 1000 \\\n    \u2014min-lr 3e-5\n"));
  }

  @Test
  void anEnDashInsideAFlagIsNotAHyphen() {
    assertEquals(
        List.of("[MegatronFlagLookalike] --lr-decay\u2013style (line 1): unrecognized argument '--lr-decay\u2013style': it has an en dash"
            + " (U+2013) where a flag needs `-`, so Megatron's argparse stops with 'unrecognized arguments'; did you mean"
            + " `--lr-decay-style`?"),
        errors("--lr 3e-4 --train-iters 1000 --lr-decay\u2013style cosine\n"));
  }

  @Test
  void aNoBreakSpaceDoesNotSeparateAFlagFromItsValue() {
    assertEquals(
        List.of("[MegatronFlagLookalike] --min-lr<U+00A0>3e-5 (line 1): unrecognized argument '--min-lr<U+00A0>3e-5': it has a no-break"
            + " space (U+00A0) where bash needs a plain space between words, so Megatron's argparse stops with 'unrecognized arguments';"
            + " did you mean `--min-lr 3e-5`?"),
        errors("--lr 3e-4 --train-iters 1000 --min-lr\u00A03e-5\n"));
  }

  @Test
  void redirectionsDoNotEndTheCommand() {
    Imported imported = FORMAT.read("python pretrain_gpt.py --lr 3e-4 2>&1 \\\n    --train-iters 100 &> log.txt\n");
    assertEquals(3e-4 * 0.99, imported.plan().lr().valueAt(1), 1e-18);
  }

  @Test
  void aHereDocumentIsDataNotCommands() {
    String script = """
        cat > extra-args.txt <<-'EOF'
        --min-lr 3e-5
        EOF
        python pretrain_gpt.py --lr 3e-4 --train-iters 100 $(cat extra-args.txt)
        """;
    assertEquals(
        List.of(new Token("cat", "line 1", 0), new Token("extra-args.txt", "line 1", 0), new Token("--min-lr", "line 2", 0),
            new Token("3e-5", "line 2", 0), new Token("python", "line 4", 1), new Token("pretrain_gpt.py", "line 4", 1),
            new Token("--lr", "line 4", 1), new Token("3e-4", "line 4", 1), new Token("--train-iters", "line 4", 1),
            new Token("100", "line 4", 1), new Token("$(cat extra-args.txt)", "line 4", 1)),
        LaunchScript.words(script));
    Imported imported = FORMAT.read(script);
    assertEquals(3e-5, imported.plan().lr().valueAt(100));
    assertEquals(
        List.of("[IgnoredSetting] $(cat extra-args.txt) (line 4): ignored: Anneal does not run command substitutions; if it gives Megatron"
            + " schedule flags, write them out"),
        imported.warnings().stream().map(Violation::toString).toList());
  }

  @Test
  void aHereStringIsNotAHereDocument() {
    assertEquals(
        List.of(new Token("cat", "line 1", 0), new Token("input", "line 1", 0), new Token("python", "line 2", 1),
            new Token("--lr", "line 2", 1), new Token("3e-4", "line 2", 1)),
        LaunchScript.words("cat <<< input\npython --lr 3e-4\n"));
  }

  @Test
  void aFlagQuotedTogetherWithItsValueIsOneArgumentThatArgparseRefuses() {
    assertEquals(
        List.of("[MegatronQuotedTogether] --min-lr (line 2): '--min-lr 3e-5' is quoted as one argument, so argparse does not read it as"
            + " --min-lr (an argument with a space is not a flag to it) and Megatron stops with 'unrecognized arguments'; write"
            + " `--min-lr 3e-5` without the quotes"),
        errors("python pretrain_gpt.py --lr 3e-4 --train-iters 100 \\\n    \"--min-lr 3e-5\"\n"));
  }

  @Test
  void flagsInAnEchoAreNotRead() {
    Imported imported = FORMAT.read("echo \"training with --min-lr 3e-5\"\npython pretrain_gpt.py --lr 3e-4 --train-iters 100\n");
    assertEquals(0.0, imported.plan().lr().valueAt(100));
  }

  @Test
  void aScriptRunByBashDashCIsSplitAsBashSplitsIt() {
    Imported imported = FORMAT.read("srun bash -c \"python pretrain_gpt.py --lr 3e-4 --min-lr 3e-5 --train-iters 100\"\n");
    assertEquals(3e-5, imported.plan().lr().valueAt(100));
  }

  @Test
  void aFileOfFlagsOnePerLineIsStillAListOfFlags() {
    Imported imported = FORMAT.read("--lr 3e-4\n# the floor\n--min-lr 3e-5\n--train-iters 100\n");
    assertEquals(3e-5, imported.plan().lr().valueAt(100));
  }

  @Test
  void commentsAndBlankLinesInsideAnArrayAreFine() {
    String script = """
        ARGS=(
            --lr 3e-4      # the peak

            # the floor
            --min-lr 3e-5
            --train-iters 100
        )
        python pretrain_gpt.py "${ARGS[@]}"
        """;
    assertEquals(3e-5, FORMAT.read(script).plan().lr().valueAt(100));
  }

  @Test
  void aQuotedStringOfFlagsIsSplitButAQuotedValueIsOneArgument() {
    assertEquals(
        List.of(new Token("ARGS+=", "line 1", 0), new Token("--lr", "line 1", 0), new Token("3e-4", "line 2", 0),
            new Token("python", "line 3", 1), new Token("--data-path", "line 3", 1), new Token("a b", "line 3", 1)),
        LaunchScript.words("ARGS+=\" --lr\n 3e-4\"\npython --data-path \"a b\"\n"));
  }
}
