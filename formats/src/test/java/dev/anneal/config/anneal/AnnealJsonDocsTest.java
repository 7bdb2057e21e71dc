package dev.anneal.config.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/anneal-json.md documents every shape, every field, and every default as the reader applies it. */
class AnnealJsonDocsTest {
  private static final Path DOC = Path.of("..", "docs", "anneal-json.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z0-9]+)` \\| [^|]+ \\| ([^|]+) \\|", Pattern.MULTILINE);

  private static String section(String doc, String kind) {
    String heading = "### `" + kind + "`\n";
    int start = doc.indexOf(heading);
    assertTrue(start >= 0, "docs/anneal-json.md has no section " + heading.strip());
    int end = doc.indexOf("\n### ", start + heading.length());
    return doc.substring(start, end < 0 ? doc.length() : end);
  }

  @Test
  void everyShapeHasASectionListingExactlyItsFieldsAndDefaults() throws IOException {
    String doc = Files.readString(DOC);
    for (ShapeForm form : ShapeForms.all()) {
      List<String> documented = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      Matcher row = ROW.matcher(section(doc, form.kind()));
      while (row.find()) {
        documented.add(row.group(1) + " = " + row.group(2).strip());
      }
      for (FieldForm field : form.fields()) {
        expected.add(field.name() + " = " + (field.isOptional() ? "`" + field.write(field.defaultValue()) + "`" : "required"));
      }
      assertEquals(expected, documented, "section `" + form.kind() + "`");
    }
  }
}
