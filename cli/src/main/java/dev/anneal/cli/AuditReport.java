package dev.anneal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.cli.audit.Break;
import dev.anneal.cli.audit.Finding;
import dev.anneal.cli.audit.LearningRateLog;
import dev.anneal.cli.audit.LogFormat;
import dev.anneal.cli.audit.Parting;
import dev.anneal.cli.audit.Tolerance;
import dev.anneal.rules.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code anneal audit} prints: which columns it read and how it counted steps, the tolerance,
 * the fault and its fix, and the first parting step with both values; as text lines, or as the
 * {@code --json} document of docs/json-output.md.
 *
 * @param log the log's path as given
 * @param config the config's path as given, or {@code <inline>}
 * @param configFormat the format the config was read as
 * @param channel the config's channel compared
 * @param read the log as read
 * @param firstUpdate the step the log gives the first update
 * @param rtol the relative tolerance
 * @param finding what the comparison found
 */
record AuditReport(Path log, Path config, String configFormat, String channel, LearningRateLog read, long firstUpdate, double rtol,
    Finding finding) {
  /** The report as text, one line each: the log, the config, the fault, its fix and the first parting. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    int n = read.points().size();
    long firstStep = read.points().get(0).step();
    long lastStep = read.points().get(n - 1).step();
    String noun = read.format() == LogFormat.CSV ? "column" : "key";
    lines.add("log: " + log + " read as " + read.format().id() + ", steps from " + noun + " '" + read.stepColumn() + "' and learning rates from "
        + noun + " '" + read.lrColumn() + "': " + n + (n == 1 ? " value" : " values") + ", steps " + firstStep + " to " + lastStep
        + " (--first-update " + firstUpdate + ": the log's step " + firstUpdate + " is the first update)");
    lines.add("config: " + config + " read as " + configFormat + ", channel " + channel + "; values match within max(" + Tolerance.ABSOLUTE + ", "
        + rtol + " × |value|)");
    lines.add("fault: " + finding.summary());
    if (finding.fix() != null) {
      lines.add("fix: " + finding.fix());
    }
    Parting parting = finding.firstParting();
    if (parting != null) {
      String logStep = parting.logStep() == parting.step() ? "" : "the log's step " + parting.logStep() + ", ";
      lines.add("first parting: step " + parting.step() + " (" + logStep + parting.where() + "): logged " + parting.logged() + ", the config gives "
          + parting.expected());
    }
    return lines;
  }

  /** The report as the {@code audit} document of docs/json-output.md, with the config's {@code diagnostics}. */
  ObjectNode json(Path plot, List<Violation> diagnostics) {
    ObjectNode document = JsonOutput.document("audit");
    ObjectNode logNode = document.putObject("log");
    logNode.put("file", log.toString());
    logNode.put("format", read.format().id());
    logNode.put("stepColumn", read.stepColumn());
    logNode.put("lrColumn", read.lrColumn());
    logNode.put("firstUpdate", firstUpdate);
    logNode.put("values", read.points().size());
    logNode.put("firstStep", read.points().get(0).step());
    logNode.put("lastStep", read.points().get(read.points().size() - 1).step());
    ObjectNode configNode = document.putObject("config");
    configNode.put("file", config.toString());
    configNode.put("format", configFormat);
    configNode.put("channel", channel);
    ObjectNode tolerance = document.putObject("tolerance");
    tolerance.put("absolute", Tolerance.ABSOLUTE);
    tolerance.put("relative", rtol);
    document.put("same", finding.same());
    document.put("fault", finding.fault().id());
    document.put("summary", finding.summary());
    document.put("fix", finding.fix());
    ObjectNode parameters = document.putObject("parameters");
    for (Map.Entry<String, Long> parameter : finding.parameters().entrySet()) {
      parameters.put(parameter.getKey(), parameter.getValue());
    }
    ArrayNode breaks = document.putArray("breaks");
    for (Break change : finding.breaks()) {
      ObjectNode node = breaks.addObject();
      node.put("fault", change.fault().id());
      node.put("step", change.step());
      node.put("curveStep", change.curveStep());
      node.put("lagBefore", change.lagBefore());
      node.put("lagAfter", change.lagAfter());
    }
    Parting parting = finding.firstParting();
    if (parting == null) {
      document.putNull("firstParting");
    } else {
      ObjectNode node = document.putObject("firstParting");
      node.put("step", parting.step());
      node.put("logStep", parting.logStep());
      node.put("where", parting.where());
      node.put("logged", parting.logged());
      node.put("expected", parting.expected());
    }
    document.put("plot", plot == null ? null : plot.toString());
    JsonOutput.diagnostics(document, config, diagnostics);
    return document;
  }
}
