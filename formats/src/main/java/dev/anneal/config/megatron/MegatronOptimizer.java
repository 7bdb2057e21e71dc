package dev.anneal.config.megatron;

import dev.anneal.config.OptimizerSettings.Algorithm;
import dev.anneal.config.OptimizerSettings.Setting;
import dev.anneal.config.OptimizerSettings;
import dev.anneal.config.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optimizer flags of a launch script, as Megatron-LM's {@code get_megatron_optimizer} uses them:
 * {@code --optimizer adam} (the default) builds a fused Adam in AdamW mode with {@code
 * betas=(--adam-beta1, --adam-beta2)} and {@code eps=--adam-eps}; {@code --optimizer sgd} builds SGD
 * with {@code momentum=--sgd-momentum}. Both take {@code --weight-decay} (which the plan schedules)
 * and leave biases and other 1-D parameters undecayed. Absent flags take Megatron's defaults; a
 * flag given twice keeps its last value, as argparse does.
 */
final class MegatronOptimizer {
  static final String OPTIMIZER = "--optimizer";
  static final String ADAM_BETA1 = "--adam-beta1";
  static final String ADAM_BETA2 = "--adam-beta2";
  static final String ADAM_EPS = "--adam-eps";
  static final String SGD_MOMENTUM = "--sgd-momentum";
  static final String WEIGHT_DECAY = "--weight-decay";

  private static final List<String> NUMBERS = List.of(ADAM_BETA1, ADAM_BETA2, ADAM_EPS, SGD_MOMENTUM, WEIGHT_DECAY);

  private MegatronOptimizer() {}

  /** The flags this reads, besides {@code --weight-decay} (which the plan schedules too). */
  static List<String> flags() {
    return List.of(OPTIMIZER, ADAM_BETA1, ADAM_BETA2, ADAM_EPS, SGD_MOMENTUM);
  }

  /** The optimizer Megatron builds from {@code words}; values that are not numbers are reported to {@code problems}. */
  static OptimizerSettings read(List<Token> words, Problems problems) {
    Map<String, Token> flags = new LinkedHashMap<>();
    Map<String, Token> values = new LinkedHashMap<>();
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      int equals = text.indexOf('=');
      String name = equals < 0 ? text : text.substring(0, equals);
      if (!name.equals(OPTIMIZER) && !NUMBERS.contains(name)) {
        continue;
      }
      Token value;
      if (equals >= 0) {
        value = new Token(text.substring(equals + 1), words.get(i).where());
      } else if (i + 1 < words.size() && !words.get(i + 1).text().startsWith("--")) {
        value = words.get(++i);
      } else {
        if (!name.equals(WEIGHT_DECAY)) { // a scheduler flag: Flags reports it
          problems.add(MegatronCode.megatronFlagNeedsValue(Flags.path(name, words.get(i)), name));
        }
        continue;
      }
      flags.put(name, words.get(equals >= 0 ? i : i - 1));
      values.put(name, value);
    }
    Map<String, Double> numbers = new LinkedHashMap<>();
    Map<String, String> shown = new LinkedHashMap<>();
    for (String name : NUMBERS) {
      Token value = values.get(name);
      if (value == null) {
        continue;
      }
      String at = Flags.path(name, flags.get(name));
      if (PythonNumbers.isFiniteFloat(value.text()) && Double.isFinite(PythonNumbers.parseDouble(value.text()))) {
        numbers.put(name, PythonNumbers.parseDouble(value.text()));
        shown.put(name, name + " " + value.text());
      } else if (!name.equals(WEIGHT_DECAY)) {
        problems.add(MegatronCode.megatronFlagType(at, name, "a finite number", value.text(), "write a number such as 0.9"));
      }
    }
    Token optimizer = values.get(OPTIMIZER);
    String name = optimizer == null ? "adam" : optimizer.text();
    String namePath = optimizer == null ? null : Flags.path(OPTIMIZER, flags.get(OPTIMIZER));
    List<Setting> settings = new ArrayList<>();
    Algorithm algorithm;
    switch (name) {
      case "adam" -> {
        algorithm = Algorithm.ADAMW;
        settings.add(setting(OptimizerSettings.BETA1, ADAM_BETA1, 0.9, numbers, shown, flags));
        settings.add(setting(OptimizerSettings.BETA2, ADAM_BETA2, 0.999, numbers, shown, flags));
        settings.add(setting(OptimizerSettings.EPS, ADAM_EPS, 1e-8, numbers, shown, flags));
      }
      case "sgd" -> {
        algorithm = Algorithm.SGD;
        settings.add(setting(OptimizerSettings.MOMENTUM, SGD_MOMENTUM, 0.9, numbers, shown, flags));
      }
      default -> algorithm = Algorithm.OTHER;
    }
    settings.add(setting(OptimizerSettings.WEIGHT_DECAY, WEIGHT_DECAY, 0.01, numbers, shown, flags));
    return new OptimizerSettings(algorithm, name, namePath, settings, OptimizerSettings.Decayed.WEIGHTS_ONLY);
  }

  private static Setting setting(String name, String flag, double fallback, Map<String, Double> numbers, Map<String, String> shown,
      Map<String, Token> flags) {
    Double value = numbers.get(flag);
    return value == null ? Setting.byDefault(name, fallback) : Setting.written(name, value, Flags.path(flag, flags.get(flag)), shown.get(flag));
  }
}
