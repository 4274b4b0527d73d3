package io.delos.worldmodel.sequence;

import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved sequence model: versioned binary parameters plus JSON metadata.
 *
 * <p>File layout: the 8 bytes {@code DELOSWW\n}, a big-endian int32 format version, a big-endian
 * int32 byte count and that many bytes of UTF-8 JSON metadata, then each tensor listed in the
 * metadata as little-endian float32 values, row-major, in the listed order. The metadata ({@code
 * "format": "delos-westworld-checkpoint"}) holds the model kind, its configuration, the system
 * registry (each system's channel layout with body ranks and its normalisation ranges), the
 * training settings and step, free-form notes (the command and seed that made it) and the tensor
 * list with names and shapes. Training checkpoints also carry the optimiser's moments ({@code "m."}
 * and {@code "v."} tensors), so that training resumes exactly; shipped models may leave them out.
 *
 * <p>Files are written to a temporary file and renamed into place. Values round-trip bit for bit.
 *
 * @param kind model kind (see {@code SequenceModels.KINDS} in the westworld package)
 * @param config sizes
 * @param registry the systems the model knows
 * @param training the settings it was trained with, or null
 * @param step optimiser steps taken
 * @param notes free-form strings (command, seed, date)
 * @param parameters parameter values by name, in model order
 * @param optimizer optimiser moments by name, empty when not saved
 */
public record Checkpoint(
    String kind,
    WestWorldConfig config,
    SystemRegistry registry,
    TrainingSettings training,
    long step,
    Map<String, String> notes,
    Map<String, float[]> parameters,
    Map<String, float[]> optimizer) {
  /** The format name in the metadata. */
  public static final String FORMAT = "delos-westworld-checkpoint";

  /** The only version this build reads and writes. */
  public static final int VERSION = 1;

  private static final byte[] MAGIC = "DELOSWW\n".getBytes(StandardCharsets.US_ASCII);

  /** Copies the maps. */
  public Checkpoint {
    notes = new LinkedHashMap<>(notes);
    parameters = new LinkedHashMap<>(parameters);
    optimizer = new LinkedHashMap<>(optimizer);
  }

  /** A checkpoint of {@code model}'s current parameters, without optimiser state. */
  public static Checkpoint of(
      SequenceModel model, SystemRegistry registry, Map<String, String> notes) {
    return new Checkpoint(
        model.kind(),
        model.config(),
        registry,
        null,
        0,
        notes,
        model.params().snapshot(),
        Map.of());
  }

  /**
   * Writes the checkpoint atomically.
   *
   * @param file target file; its folder is created
   */
  public void write(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        write(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file, e);
    }
  }

  /** Writes the checkpoint to a stream. */
  public void write(OutputStream stream) throws IOException {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put("version", VERSION);
    meta.put("kind", kind);
    meta.put("config", config.toJson());
    meta.put("training", training == null ? null : training.toJson());
    meta.put("step", step);
    meta.put("notes", new LinkedHashMap<>(notes));
    meta.put("registry", registry.toJson());
    List<Object> tensors = new ArrayList<>();
    for (Map.Entry<String, float[]> e : parameters.entrySet()) {
      tensors.add(entry(e.getKey(), e.getValue().length));
    }
    meta.put("parameters", tensors);
    List<Object> moments = new ArrayList<>();
    for (Map.Entry<String, float[]> e : optimizer.entrySet()) {
      moments.add(entry(e.getKey(), e.getValue().length));
    }
    meta.put("optimizer", moments);
    byte[] json = Json.write(meta).getBytes(StandardCharsets.UTF_8);
    DataOutputStream out = new DataOutputStream(stream);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(json.length);
    out.write(json);
    for (float[] v : parameters.values()) {
      writeFloats(out, v);
    }
    for (float[] v : optimizer.values()) {
      writeFloats(out, v);
    }
    out.flush();
  }

  private static Map<String, Object> entry(String name, int size) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("size", size);
    return m;
  }

  private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    out.write(b.array());
  }

  /**
   * Reads a checkpoint file.
   *
   * @throws CheckpointException when the file is not a checkpoint, has an unknown version or is cut
   *     short, naming the file and what was found
   */
  public static Checkpoint read(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a checkpoint from a stream; {@code source} names it in messages. */
  public static Checkpoint read(InputStream stream, String source) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    byte[] magic = new byte[MAGIC.length];
    try {
      in.readFully(magic);
    } catch (EOFException e) {
      throw new CheckpointException(source + " is not a WestWorld checkpoint (too short)");
    }
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new CheckpointException(
          source + " is not a WestWorld checkpoint (it does not start with DELOSWW)");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new CheckpointException(
          source
              + " has checkpoint format version "
              + version
              + "; this build reads version "
              + VERSION
              + " only");
    }
    int length = in.readInt();
    if (length < 2 || length > (64 << 20)) {
      throw new CheckpointException(source + ": metadata length " + length + " is not plausible");
    }
    byte[] json = new byte[length];
    try {
      in.readFully(json);
      JsonValue meta = Json.parse(new String(json, StandardCharsets.UTF_8), source);
      if (!meta.get("format").asString().equals(FORMAT) || meta.get("version").asInt() != VERSION) {
        throw new CheckpointException(
            source
                + ": metadata names format '"
                + meta.get("format").asString()
                + "' version "
                + meta.get("version").asInt()
                + "; expected "
                + FORMAT
                + " version "
                + VERSION);
      }
      WestWorldConfig config = WestWorldConfig.fromJson(meta.get("config"), "checkpoint");
      JsonValue t = meta.opt("training");
      TrainingSettings training = t == null || t.isNull() ? null : TrainingSettings.fromJson(t);
      Map<String, String> notes = new LinkedHashMap<>();
      JsonValue n = meta.get("notes");
      for (String f : n.fields()) {
        notes.put(f, n.get(f).asString());
      }
      SystemRegistry registry = SystemRegistry.fromJson(meta.get("registry"));
      Map<String, float[]> parameters = readTensors(in, meta.get("parameters"));
      Map<String, float[]> optimizer = readTensors(in, meta.get("optimizer"));
      return new Checkpoint(
          meta.get("kind").asString(),
          config,
          registry,
          training,
          meta.get("step").asLong(),
          notes,
          parameters,
          optimizer);
    } catch (EOFException e) {
      throw new CheckpointException(source + " is cut short: a tensor ends before its size", e);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(source + ": bad metadata: " + e.getMessage(), e);
    }
  }

  private static Map<String, float[]> readTensors(DataInputStream in, JsonValue list)
      throws IOException {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (JsonValue t : list.asArray()) {
      int size = t.get("size").asInt();
      byte[] raw = new byte[size * 4];
      in.readFully(raw);
      float[] v = new float[size];
      ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
      out.put(t.get("name").asString(), v);
    }
    return out;
  }

  /** Size of the file this checkpoint writes, in bytes (approximately: metadata is estimated). */
  public long parameterBytes() {
    long n = 0;
    for (float[] v : parameters.values()) {
      n += 4L * v.length;
    }
    return n;
  }
}
