package dev.anneal.runtime;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import dev.anneal.rules.InvalidScheduleException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DJL {@code .params} file held in memory, so that the bytes whose SHA-256 a resume verifies are
 * the very bytes it loads: DJL's {@code Model.load} would read the file again from disk, where
 * another process may have replaced it in between.
 *
 * <p>The header is DJL's {@code BaseModel.save} format, version 1 (big-endian, {@code
 * DataOutputStream}): {@code DJL@}, the version, the model's name, its data type, the input
 * shapes, the model's properties; the block's parameters follow, in {@code Block.saveParameters}'
 * format, which {@link #loadInto} hands to the block's own {@code loadParameters}.
 *
 * <p>{@link #encode} writes the same format into memory, so that a save needs no DJL {@code
 * Model.save}: that call writes into a folder of its choosing and then points the model's {@code
 * getModelPath()} at it, which for a save staged in a private folder would be a folder that is
 * gone a moment later.
 */
final class ParamsFile {
  private static final byte[] MAGIC = "DJL@".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

  private final byte[] bytes;
  private final DataType dataType;
  private final Shape[] inputShapes;
  private final Map<String, String> properties;
  private final int parametersAt;

  private ParamsFile(byte[] bytes, DataType dataType, Shape[] inputShapes, Map<String, String> properties, int parametersAt) {
    this.bytes = bytes;
    this.dataType = dataType;
    this.inputShapes = inputShapes;
    this.properties = properties;
    this.parametersAt = parametersAt;
  }

  /**
   * Reads the header of {@code bytes}, the content of {@code file}.
   *
   * @throws InvalidScheduleException ({@code CheckpointUnreadable}) if it is not a DJL parameter
   *     file of version 1
   */
  static ParamsFile parse(Path file, byte[] bytes) {
    if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw unreadable(file, "not a DJL parameter file (it does not start with DJL@)");
    }
    ByteArrayInputStream buffer = new ByteArrayInputStream(bytes, MAGIC.length, bytes.length - MAGIC.length);
    try {
      DataInputStream in = new DataInputStream(buffer);
      int version = in.readInt();
      if (version != VERSION) {
        throw unreadable(file, "a DJL parameter file of version " + version + ", which this Anneal does not read (it reads version " + VERSION + ")");
      }
      in.readUTF(); // the model's name when it was saved; DJL ignores it too
      DataType dataType = DataType.valueOf(in.readUTF());
      int inputs = in.readInt();
      List<Shape> shapes = new ArrayList<>();
      for (int i = 0; i < inputs; i++) {
        in.readUTF();
        shapes.add(Shape.decode(in));
      }
      int count = in.readInt();
      Map<String, String> properties = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        properties.put(in.readUTF(), in.readUTF());
      }
      return new ParamsFile(bytes, dataType, shapes.toArray(Shape[]::new), properties, bytes.length - buffer.available());
    } catch (IOException | IllegalArgumentException e) {
      throw unreadable(file, "a DJL parameter file with an unreadable header (" + e.getMessage() + ")");
    }
  }

  /**
   * The bytes DJL's {@code Model.save} would write for {@code model}: the header (its name, data
   * type, the block's input shapes, the model's properties), then the block's parameters.
   *
   * @throws IllegalStateException if the model's block is not initialized (it has no parameters to save)
   */
  static byte[] encode(Model model) throws IOException {
    if (!model.getBlock().isInitialized()) {
      throw new IllegalStateException("the model " + model.getName() + " is not initialized, so it has no parameters to save");
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(model.getName());
      out.writeUTF(model.getDataType().name());
      PairList<String, Shape> inputs = model.getBlock().describeInput();
      out.writeInt(inputs.size());
      for (Pair<String, Shape> input : inputs) {
        out.writeUTF(input.getKey() == null ? "" : input.getKey());
        out.write(input.getValue().getEncoded());
      }
      Map<String, String> properties = model.getProperties();
      out.writeInt(properties.size());
      for (Map.Entry<String, String> property : properties.entrySet()) {
        out.writeUTF(property.getKey());
        out.writeUTF(property.getValue());
      }
      model.getBlock().saveParameters(out);
    }
    return buffer.toByteArray();
  }

  /** The shapes of the model's inputs when it was saved. */
  Shape[] inputShapes() {
    return inputShapes.clone();
  }

  DataType dataType() {
    return dataType;
  }

  /**
   * Loads the parameters into {@code model}'s block, and the data type and properties (e.g. DJL's
   * {@code Epoch}) into the model, as DJL's {@code Model.load} does.
   */
  void loadInto(Model model) throws IOException, MalformedModelException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, parametersAt, bytes.length - parametersAt));
    model.getBlock().loadParameters(model.getNDManager(), in);
    model.setDataType(dataType);
    properties.forEach(model::setProperty);
  }

  private static InvalidScheduleException unreadable(Path file, String problem) {
    return new InvalidScheduleException(RuntimeCode.checkpointUnreadable("paramsFile", file, problem));
  }
}
