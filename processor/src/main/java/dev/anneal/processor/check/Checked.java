package dev.anneal.processor.check;

import dev.anneal.processor.read.Declaration;
import java.util.List;

/**
 * A declaration that passed every compile-time rule, ready to describe.
 */
public record Checked(Declaration declaration, List<CheckedChannel> channels) {
  public Checked {
    channels = List.copyOf(channels);
  }
}
