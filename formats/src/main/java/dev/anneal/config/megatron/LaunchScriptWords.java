package dev.anneal.config.megatron;

import dev.anneal.config.Problems;
import dev.anneal.config.ShellWords;
import java.util.List;

/** {@link LaunchScript}'s splitting, for {@link ShellWords}: the words of a script, as other formats see them. */
public final class LaunchScriptWords {
  private LaunchScriptWords() {}

  /** See {@link ShellWords#of}. */
  public static List<ShellWords.Word> of(String text, Problems problems) {
    return LaunchScript.words(text, problems).stream().map(token -> new ShellWords.Word(token.text(), token.where(), token.command())).toList();
  }
}
