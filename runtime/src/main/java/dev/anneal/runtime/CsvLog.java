package dev.anneal.runtime;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The values each update applied, one row per group and channel: {@code step,group,channel,value}
 * where {@code step} counts the updates applied before it (the schedule's step) and {@code value}
 * is the float the update used, printed so that it parses back to the same float. A resumed run
 * appends to the file.
 */
final class CsvLog implements ScheduledTraining.StepObserver, AutoCloseable {
  private final BufferedWriter out;

  CsvLog(Path path) {
    try {
      boolean fresh = Files.notExists(path) || Files.size(path) == 0;
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      if (fresh) {
        out.write("step,group,channel,value\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the CSV log " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void stepEnded(StepValues values) {
    try {
      for (int g = 0; g < values.groups().size(); g++) {
        for (String channel : values.channels()) {
          if (!Double.isNaN(values.value(g, channel))) {
            out.write(values.step() + "," + values.groups().get(g) + "," + channel + "," + values.applied(g, channel) + "\n");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the CSV log: " + e.getMessage(), e);
    }
  }

  void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the CSV log: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the CSV log: " + e.getMessage(), e);
    }
  }
}
