package dev.anneal.cli.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the audit found.
 *
 * @param fault the fault that explains the log, or {@link Fault#IDENTICAL}
 * @param summary the fault in words, with its likely cause
 * @param fix what to do about it ({@code null} for an identical log)
 * @param parameters the fault's numbers by name ({@code shift}; {@code factor}, {@code offset};
 *     none for a resume or skipped updates, whose {@code breaks} say it)
 * @param breaks each change of the log's lag behind the curve, in step order (resumes and skipped updates)
 * @param firstParting the first logged step whose value is not the curve's, or {@code null}
 */
public record Finding(Fault fault, String summary, String fix, Map<String, Long> parameters, List<Break> breaks, Parting firstParting) {
  public Finding {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters)); // in the order the report names them
    breaks = List.copyOf(breaks);
  }

  /** Whether the log follows the curve. */
  public boolean same() {
    return fault == Fault.IDENTICAL;
  }
}
