package dev.anneal.cli.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The data set {@code anneal train} and {@code anneal find-lr} use when given none: 1,797
 * handwritten digits (8×8 images of pixel counts 0..16, 64 features) labelled 0..9, the test set
 * of Alpaydin and Kaynak's "Optical Recognition of Handwritten Digits" (UCI, CC BY 4.0), as
 * scikit-learn ships it ({@code digits.csv.gz}, taken from Debian's {@code python3-sklearn}). The
 * licence and origin are in {@code data/digits.LICENSE.txt} beside it; docs/train.md says more.
 */
public final class Digits {
  /** The resource, relative to this class. */
  static final String RESOURCE = "/dev/anneal/cli/data/digits.csv.gz";

  /** The name summaries give it. */
  public static final String NAME = "digits (UCI optical digits, 8x8 pixels)";

  private Digits() {}

  /** The 1,797 digits: features {@code pixel0 … pixel63} (row by row), target {@code digit}. */
  public static LabeledData load() {
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      columns.add("pixel" + i);
    }
    columns.add("digit");
    return CsvData.readWithoutHeader(NAME, text(), columns, null);
  }

  private static String text() {
    try (InputStream in = Digits.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the anneal command's jar");
      }
      try (GZIPInputStream unzipped = new GZIPInputStream(in)) {
        return new String(unzipped.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
