package dev.anneal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.Imported;
import dev.anneal.config.takeover.ForeignState;
import dev.anneal.config.takeover.TakeOverDifference;
import dev.anneal.config.takeover.TakeOverReport;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** The {@code --json} document of {@code resume-check} (schema in docs/json-output.md). */
final class ResumeCheckJson {
  private ResumeCheckJson() {}

  /** The document without its {@code diagnostics}, which the command adds. */
  static ObjectNode document(Path stateFile, Path configFile, Imported config, TakeOverReport report) {
    ForeignState state = report.state();
    ObjectNode document = JsonOutput.document("resume-check");
    ObjectNode stateNode = document.putObject("state");
    stateNode.put("file", stateFile.toString());
    stateNode.put("system", state.system().cliName());
    stateNode.put("kind", state.kind());
    ArrayNode read = stateNode.putArray("read");
    state.read().forEach(read::add);
    ObjectNode configNode = document.putObject("config");
    configNode.put("file", configFile.toString());
    configNode.put("format", config.format());
    document.put("resumeStep", report.resumeStep());
    document.put("schedulerSteps", state.schedulerSteps());
    document.put("updatesPerSchedulerStep", report.updatesPerSchedulerStep());
    if (state.megatron().isPresent()) {
      document.put("samples", state.megatron().get().numSteps());
    }
    number(document, "upstreamNext", report.upstreamNext());
    number(document, "annealNext", report.annealNext());
    ArrayNode differences = document.putArray("differences");
    for (TakeOverDifference difference : report.differences()) {
      ObjectNode node = differences.addObject();
      node.put("path", difference.path());
      node.put("upstream", difference.upstream());
      node.put("config", difference.config());
      node.put("consequence", difference.consequence());
      node.put("parts", difference.parts());
    }
    document.put("refused", report.refused());
    document.put("compared", report.compared());
    document.put("continuesExactly", report.continuesExactly());
    document.put("start", report.builderCall());
    if (report.upstreamConfig().isPresent()) {
      ObjectNode upstream = document.putObject("upstreamConfig");
      upstream.put("format", report.upstreamFormat());
      upstream.put("text", report.upstreamConfig().get());
    } else {
      document.putNull("upstreamConfig");
    }
    return document;
  }

  private static void number(ObjectNode document, String field, OptionalDouble value) {
    if (value.isPresent()) {
      document.put(field, value.getAsDouble());
    } else {
      document.putNull(field);
    }
  }
}
