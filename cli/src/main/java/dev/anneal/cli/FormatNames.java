package dev.anneal.cli;

import dev.anneal.config.Formats;
import java.util.Iterator;

/** The formats the help text lists: whatever {@link Formats} has registered, never a fixed list. */
final class FormatNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Formats.names().iterator();
  }
}
