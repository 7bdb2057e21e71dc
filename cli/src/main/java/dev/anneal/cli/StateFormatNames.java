package dev.anneal.cli;

import dev.anneal.config.takeover.StateFormat;
import java.util.Iterator;

/** The frameworks whose saved state {@code resume-check --state-format} reads, for the help text and completion. */
final class StateFormatNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return StateFormat.cliNames().iterator();
  }
}
