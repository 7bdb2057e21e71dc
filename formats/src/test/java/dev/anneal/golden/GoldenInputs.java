package dev.anneal.golden;

/**
 * Turns a golden case into the config file a user of that system would hand to Anneal (the
 * format's own input), so that the reader and the {@code anneal curve} command are tested on the
 * real inputs. One implementation per format.
 */
public interface GoldenInputs {
  /** The format name as {@code anneal curve --format} takes it. */
  String format();

  /** The config text for {@code golden}. */
  String configText(GoldenCase golden);

  /** The implementation for {@code system}, as registered in {@link #forSystem}. */
  static GoldenInputs forSystem(String system) {
    switch (system) {
      // Each format registers its inputs here, one case each.
      case "deepspeed": return new DeepSpeedGoldenInputs();
      case "pytorch": return new PyTorchGoldenInputs();
      case "transformers": return new TransformersGoldenInputs();
      case "megatron": return new MegatronGoldenInputs();
      default:
        throw new IllegalArgumentException("no golden inputs for " + system);
    }
  }
}
