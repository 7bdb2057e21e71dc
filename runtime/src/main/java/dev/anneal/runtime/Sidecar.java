package dev.anneal.runtime;

import ai.djl.ndarray.types.Shape;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.PlateauState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Anneal state saved next to a model's {@code .params} file ({@code <params file>.anneal}):
 * binary, written atomically ({@link Checkpoints#save} commits it with its parameters: {@link
 * CheckpointFolder}) and sealed with a SHA-256 of its content, so that a torn, truncated or foreign file is
 * refused with a message instead of resuming a run from garbage. It also records the SHA-256 of
 * the {@code .params} file it belongs to.
 *
 * <p>Layout (big-endian, {@link DataOutputStream}): the magic {@code ANNEAL-SIDECAR}, a format
 * version, the body, then the 32-byte SHA-256 of everything before it. Version 2 stores each
 * channel's definition (Anneal JSON) beside its fingerprint; version 3 adds the name and shape of
 * every parameter in the {@code .params} file, so that a resume compares them with the model before
 * loading anything into it. Version 1, written before Anneal had a JSON form, stored fingerprints
 * only; version 2 stored no shapes; both are refused.
 */
final class Sidecar {
  static final String SUFFIX = ".anneal";
  private static final byte[] MAGIC = "ANNEAL-SIDECAR".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 3;
  /** The version that held fingerprints only; refused with a message of its own. */
  private static final int FINGERPRINTS_ONLY = 1;
  /** The version without the parameters' shapes; refused with a message of its own. */
  private static final int WITHOUT_SHAPES = 2;
  private static final int DIGEST_BYTES = 32;

  private Sidecar() {}

  /**
   * A channel's saved state.
   *
   * @param name the channel, e.g. {@code lr}
   * @param fingerprint the {@link dev.anneal.checkpoint.Fingerprint} of its schedule
   * @param definition its schedule in Anneal JSON, or empty if Anneal JSON cannot write it
   * @param unwritable when {@code definition} is empty, what Anneal JSON could not write (e.g.
   *     {@code a Halving schedule}); otherwise empty
   * @param nextValue the value the next update would have used (reactive state included)
   * @param plateaus the reactive state, by phase path
   */
  record ChannelState(
      String name, String fingerprint, String definition, String unwritable, double nextValue, Map<String, PlateauState> plateaus) {
    ChannelState {
      plateaus = new TreeMap<>(plateaus);
    }
  }

  /** A group's saved state: its name, its selector as written, its channels. */
  record GroupState(String name, String selector, List<ChannelState> channels) {
    GroupState {
      channels = List.copyOf(channels);
    }
  }

  /**
   * Everything a resume needs.
   *
   * @param paramsFile the file name of the {@code .params} file this state belongs to
   * @param paramsSha256 that file's SHA-256
   * @param step the number of updates applied
   * @param parameterShapes every parameter of the model saved (DJL's names, e.g. {@code 01Linear_weight}), in the model's order, with its shape
   * @param groups per group: selector, channels with definitions and reactive state
   * @param optimizerKind the Anneal optimizer's kind ({@code sgd}, {@code sgd-pytorch}, {@code adam}, {@code adamw}), empty if none
   * @param optimizerState parameter name → state name → {@code NDArray.encode()} bytes
   */
  record Content(
      String paramsFile, String paramsSha256, long step, Map<String, Shape> parameterShapes, List<GroupState> groups, String optimizerKind,
      Map<String, Map<String, byte[]>> optimizerState) {
    Content {
      parameterShapes = Collections.unmodifiableMap(new LinkedHashMap<>(parameterShapes));
      groups = List.copyOf(groups);
    }
  }

  static Path pathFor(Path paramsFile) {
    return paramsFile.resolveSibling(paramsFile.getFileName() + SUFFIX);
  }

  /**
   * Writes {@code content} next to its params file, atomically, with the permissions of the params
   * file. {@link Checkpoints#save} writes the two files together ({@link CheckpointFolder}); this
   * replaces a sidecar alone.
   */
  static Path write(Path paramsFile, Content content) throws IOException {
    Path target = pathFor(paramsFile);
    byte[] body = encode(content);
    Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
    try {
      if (Files.getFileAttributeView(paramsFile, PosixFileAttributeView.class) != null && Files.exists(paramsFile)) {
        // createTempFile makes it rw------- whatever the parameters it seals allow.
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(paramsFile));
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(body);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + target + " cannot rename atomically; an Anneal sidecar is never written in place", e);
      }
      syncDirectory(target.toAbsolutePath().getParent());
    } finally {
      Files.deleteIfExists(temp);
    }
    return target;
  }

  /**
   * Reads and verifies the sidecar of {@code paramsFile}, whose bytes (as the caller read them, and
   * will load them) have the SHA-256 {@code paramsSha256}.
   *
   * @throws InvalidScheduleException ({@code CheckpointUnreadable}) if it is missing, not an Anneal
   *     sidecar, of an unknown version, truncated or corrupted; ({@code SidecarOfAnotherFile}) if it
   *     belongs to another params file; ({@code ParamsChangedSinceSave}) if it sealed other bytes
   */
  static Content read(Path paramsFile, String paramsSha256) throws IOException {
    Path path = pathFor(paramsFile);
    if (Files.notExists(path)) {
      throw unreadable(path, "missing (a checkpoint saved by Checkpoints.save has one next to its .params file)");
    }
    byte[] bytes = CheckpointFolder.read(path, "sidecar");
    if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw unreadable(path, "not an Anneal sidecar (it does not start with " + new String(MAGIC, StandardCharsets.US_ASCII) + ")");
    }
    if (bytes.length < MAGIC.length + 4 + DIGEST_BYTES) {
      throw unreadable(path, "truncated (" + bytes.length + " bytes)");
    }
    int bodyLength = bytes.length - DIGEST_BYTES;
    byte[] expected = Arrays.copyOfRange(bytes, bodyLength, bytes.length);
    byte[] actual = digest().digest(Arrays.copyOf(bytes, bodyLength));
    if (!MessageDigest.isEqual(expected, actual)) {
      throw unreadable(path, "torn or corrupted (its SHA-256 does not match its content: stored "
          + HexFormat.of().formatHex(expected).substring(0, 12) + "…, computed " + HexFormat.of().formatHex(actual).substring(0, 12) + "…)");
    }
    Content content;
    try {
      content = decode(path, new DataInputStream(new ByteArrayInputStream(bytes, 0, bodyLength)));
    } catch (EOFException e) {
      throw unreadable(path, "truncated inside its sealed content");
    }
    if (!content.paramsFile().equals(paramsFile.getFileName().toString())) {
      throw new InvalidScheduleException(RuntimeCode.sidecarOfAnotherFile(path, content.paramsFile(), paramsFile.getFileName()));
    }
    if (!paramsSha256.equals(content.paramsSha256())) {
      throw new InvalidScheduleException(RuntimeCode.paramsChangedSinceSave(paramsFile, paramsSha256, content.paramsSha256()));
    }
    return content;
  }

  /** The sealed bytes of {@code content}: the body, then its SHA-256. */
  static byte[] encode(Content content) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buffer);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeUTF(content.paramsFile());
    out.writeUTF(content.paramsSha256());
    out.writeLong(content.step());
    out.writeInt(content.parameterShapes().size());
    for (Map.Entry<String, Shape> parameter : content.parameterShapes().entrySet()) {
      out.writeUTF(parameter.getKey());
      long[] dimensions = parameter.getValue().getShape();
      out.writeInt(dimensions.length);
      for (long dimension : dimensions) {
        out.writeLong(dimension);
      }
    }
    out.writeInt(content.groups().size());
    for (GroupState group : content.groups()) {
      out.writeUTF(group.name());
      out.writeUTF(group.selector());
      out.writeInt(group.channels().size());
      for (ChannelState channel : group.channels()) {
        out.writeUTF(channel.name());
        out.writeUTF(channel.fingerprint());
        writeText(out, channel.definition());
        out.writeUTF(channel.unwritable());
        out.writeDouble(channel.nextValue());
        out.writeInt(channel.plateaus().size());
        for (Map.Entry<String, PlateauState> entry : channel.plateaus().entrySet()) {
          PlateauState state = entry.getValue();
          out.writeUTF(entry.getKey());
          out.writeDouble(state.value());
          out.writeDouble(state.best());
          out.writeLong(state.badObservations());
          out.writeLong(state.cooldownLeft());
          out.writeLong(state.observations());
        }
      }
    }
    out.writeUTF(content.optimizerKind());
    out.writeInt(content.optimizerState().size());
    for (Map.Entry<String, Map<String, byte[]>> parameter : content.optimizerState().entrySet()) {
      out.writeUTF(parameter.getKey());
      out.writeInt(parameter.getValue().size());
      for (Map.Entry<String, byte[]> state : parameter.getValue().entrySet()) {
        out.writeUTF(state.getKey());
        out.writeInt(state.getValue().length);
        out.write(state.getValue());
      }
    }
    out.flush();
    byte[] body = buffer.toByteArray();
    buffer.write(digest().digest(body));
    return buffer.toByteArray();
  }

  private static Content decode(Path path, DataInputStream in) throws IOException {
    in.skipNBytes(MAGIC.length);
    int version = in.readInt();
    if (version == FINGERPRINTS_ONLY) {
      throw unreadable(path, "of format version 1, which holds only fingerprints of the schedule, not its definition, so no resume policy"
          + " can compare or restore it (this Anneal reads version " + VERSION + ")");
    }
    if (version == WITHOUT_SHAPES) {
      throw unreadable(path, "of format version 2, which does not record the shapes of the parameters, so a resume cannot check them against"
          + " the model before loading them (this Anneal reads version " + VERSION + "); resume it with the Anneal that saved it");
    }
    if (version != VERSION) {
      throw unreadable(path, "of format version " + version + ", which this Anneal does not read (it reads version " + VERSION + ")");
    }
    String paramsFile = in.readUTF();
    String paramsSha = in.readUTF();
    long step = in.readLong();
    int parameterCount = in.readInt();
    Map<String, Shape> shapes = new LinkedHashMap<>();
    for (int p = 0; p < parameterCount; p++) {
      String name = in.readUTF();
      long[] dimensions = new long[in.readInt()];
      for (int d = 0; d < dimensions.length; d++) {
        dimensions[d] = in.readLong();
      }
      shapes.put(name, new Shape(dimensions));
    }
    int groupCount = in.readInt();
    List<GroupState> groups = new ArrayList<>();
    for (int g = 0; g < groupCount; g++) {
      String name = in.readUTF();
      String selector = in.readUTF();
      int channelCount = in.readInt();
      List<ChannelState> channels = new ArrayList<>();
      for (int c = 0; c < channelCount; c++) {
        String channel = in.readUTF();
        String fingerprint = in.readUTF();
        String definition = readText(in);
        String unwritable = in.readUTF();
        double next = in.readDouble();
        int plateauCount = in.readInt();
        Map<String, PlateauState> plateaus = new TreeMap<>();
        for (int p = 0; p < plateauCount; p++) {
          plateaus.put(in.readUTF(), new PlateauState(in.readDouble(), in.readDouble(), in.readLong(), in.readLong(), in.readLong()));
        }
        channels.add(new ChannelState(channel, fingerprint, definition, unwritable, next, plateaus));
      }
      groups.add(new GroupState(name, selector, channels));
    }
    String optimizerKind = in.readUTF();
    int optimizedCount = in.readInt();
    Map<String, Map<String, byte[]>> optimizer = new LinkedHashMap<>();
    for (int p = 0; p < optimizedCount; p++) {
      String parameter = in.readUTF();
      int stateCount = in.readInt();
      Map<String, byte[]> states = new LinkedHashMap<>();
      for (int s = 0; s < stateCount; s++) {
        String name = in.readUTF();
        states.put(name, in.readNBytes(in.readInt()));
      }
      optimizer.put(parameter, states);
    }
    return new Content(paramsFile, paramsSha, step, shapes, groups, optimizerKind, optimizer);
  }

  /** Text of any length ({@code writeUTF} stops at 64 KiB): the UTF-8 byte count, then the bytes. */
  private static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readText(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new EOFException("a text of " + length + " bytes does not fit in what is left");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Makes the renames in {@code directory} durable: on Linux a directory can be opened and forced. */
  static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; the file itself was forced before the rename.
    }
  }

  private static InvalidScheduleException unreadable(Path path, String problem) {
    return new InvalidScheduleException(RuntimeCode.checkpointUnreadable("sidecar", path, problem));
  }
}
