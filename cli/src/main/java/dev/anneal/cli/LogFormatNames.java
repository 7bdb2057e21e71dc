package dev.anneal.cli;

import dev.anneal.cli.audit.LogFormat;
import java.util.Iterator;

/** The log formats {@code audit --log-format} takes, for its help and shell completion. */
final class LogFormatNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return LogFormat.ids().iterator();
  }
}
