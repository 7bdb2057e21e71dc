package dev.anneal.config.megatron;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every flag of Megatron-LM's argument parser at the commit the golden files follow, with its
 * argument group ({@code learning rate and weight decay}, {@code network size}, …). The list is
 * the resource {@code megatron-lm-flags.tsv}, generated from the upstream sources by {@code
 * docs/audit/megatron_flags.py}: Anneal needs it to tell a flag Megatron accepts (and that does
 * not shape the schedule) from one Megatron would refuse.
 */
final class UpstreamFlags {
  /** The Megatron-LM commit the list was read from. */
  static final String COMMIT = "d98e8a6";

  /** The groups whose every flag {@link FlagAudit} decides on. */
  static final List<String> AUDITED_GROUPS = List.of("learning rate and weight decay", "regularization", "training", "checkpointing");

  /**
   * One flag of the parser.
   *
   * @param flag the flag as written, e.g. {@code --clip-grad}
   * @param group the title of its argument group
   * @param arity {@code 0} for a switch, a count, or argparse's {@code nargs} ({@code ?}, {@code *}, {@code +})
   */
  record Upstream(String flag, String group, String arity) {
    /** Whether the flag is in a group {@link FlagAudit} decides on. */
    boolean audited() {
      return AUDITED_GROUPS.contains(group);
    }
  }

  private static final Map<String, Upstream> ALL = load();

  private UpstreamFlags() {}

  /** The flag named {@code name} exactly, if Megatron's parser has it. */
  static Optional<Upstream> of(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /** Every flag, in the parser's order. */
  static List<Upstream> all() {
    return List.copyOf(ALL.values());
  }

  private static Map<String, Upstream> load() {
    Map<String, Upstream> flags = new LinkedHashMap<>();
    try (InputStream in = UpstreamFlags.class.getResourceAsStream("megatron-lm-flags.tsv")) {
      if (in == null) {
        throw new IllegalStateException("megatron-lm-flags.tsv is missing from the dsl jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t");
        flags.put(cells[0], new Upstream(cells[0], cells[1], cells[2]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Collections.unmodifiableMap(flags);
  }
}
