package dev.anneal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.runtime.RangeTestResult;
import java.nio.file.Path;

/** {@code find-lr --json}: the document of docs/json-output.md, the range test's points and suggestions (the caller adds {@code diagnostics}). */
final class RangeTestJson {
  private RangeTestJson() {}

  /**
   * @param optimizer the optimizer as the command names it ({@code sgd})
   * @param bounds the OneCycle bounds the command prints (its fractions applied)
   * @param chart the chart file written
   */
  static ObjectNode document(String optimizer, int batchSize, RangeTestResult result, OneCycleBounds bounds, Path chart) {
    ObjectNode document = JsonOutput.document("find-lr");
    document.put("optimizer", optimizer);
    document.put("batchSize", batchSize);
    document.put("updates", result.points().size());
    document.put("stoppedEarly", result.stoppedEarly());
    ObjectNode suggestions = document.putObject("suggestions");
    suggestions.put("steepest", result.steepest());
    suggestions.put("minimumOverTen", result.minimumOverTen());
    suggestions.put("lowestLossLr", bounds.lowestLossLr());
    suggestions.put("lastLrBeforeDivergence", bounds.lastLr());
    suggestions.put("diverged", bounds.diverged());
    suggestions.put("cycleMinLr", bounds.cycleMinLr());
    suggestions.put("cycleMaxLr", bounds.cycleMaxLr());
    ArrayNode points = document.putArray("points");
    for (RangeTestResult.Point point : result.points()) {
      ObjectNode node = points.addObject();
      node.put("step", point.step());
      node.put("lr", point.lr());
      node.put("loss", point.loss());
      node.put("smoothedLoss", point.smoothedLoss());
    }
    document.put("chart", chart.toString());
    return document;
  }
}
