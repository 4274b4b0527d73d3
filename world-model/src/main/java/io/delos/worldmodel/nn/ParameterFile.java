package io.delos.worldmodel.nn;

import io.delos.sim.json.JsonValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The parameter file of a saved model: every parameter's values as little-endian float32, one set
 * after another, in the order of listings kept in the model's JSON metadata (each entry a name and
 * a number of values). The metadata also keeps the file's byte count and CRC-32, so that a reader
 * tells a cut-short or damaged file from a good one. Values round-trip bit for bit.
 */
public final class ParameterFile {
  private ParameterFile() {}

  /**
   * Parameter sets laid out for saving.
   *
   * @param bytes the file's content
   * @param listings one listing per set, in order: a list of {@code {"name", "size"}} maps for the
   *     metadata
   * @param crc32 the CRC-32 of {@code bytes}, eight hex digits
   */
  public record Encoded(byte[] bytes, List<List<Object>> listings, String crc32) {}

  /** Lays out {@code sets} one after another, each in its map's iteration order. */
  public static Encoded encode(List<Map<String, float[]>> sets) {
    long total = 0;
    for (Map<String, float[]> set : sets) {
      for (float[] v : set.values()) {
        total += v.length;
      }
    }
    if (total * 4 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          total + " parameter values do not fit one file: allowed at most 2^29");
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) total * 4).order(ByteOrder.LITTLE_ENDIAN);
    List<List<Object>> listings = new ArrayList<>();
    for (Map<String, float[]> set : sets) {
      List<Object> listing = new ArrayList<>();
      for (Map.Entry<String, float[]> e : set.entrySet()) {
        bytes.asFloatBuffer().put(e.getValue());
        bytes.position(bytes.position() + e.getValue().length * 4);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", e.getKey());
        entry.put("size", e.getValue().length);
        listing.add(entry);
      }
      listings.add(listing);
    }
    byte[] raw = bytes.array();
    return new Encoded(raw, listings, crc32(raw));
  }

  /** The CRC-32 of {@code raw} as eight lower-case hex digits. */
  public static String crc32(byte[] raw) {
    CRC32 crc = new CRC32();
    crc.update(raw);
    return String.format(Locale.ROOT, "%08x", crc.getValue());
  }

  /**
   * Why {@code raw} is not the file the metadata describes, or null when its length and CRC-32 are
   * the listed ones.
   *
   * @param fileName the file's name, for the message
   */
  public static String problem(byte[] raw, long listedBytes, String listedCrc32, String fileName) {
    if (raw.length != listedBytes) {
      return fileName
          + " has "
          + raw.length
          + " bytes; the metadata lists "
          + listedBytes
          + " (cut short or replaced)";
    }
    String sum = crc32(raw);
    if (!sum.equals(listedCrc32)) {
      return fileName + " has CRC-32 " + sum + "; the metadata lists " + listedCrc32 + " (damaged)";
    }
    return null;
  }

  /** A little-endian reader over {@code raw} for {@link #take}. */
  public static ByteBuffer reader(byte[] raw) {
    return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Reads the set {@code listing} describes from {@code in}, advancing it.
   *
   * @param listing the metadata's listing: an array of objects with {@code name} and {@code size}
   * @param fileName the file's name, for the message
   * @throws IllegalArgumentException naming the first parameter with a negative size or that runs
   *     past the end of the file
   */
  public static Map<String, float[]> take(ByteBuffer in, JsonValue listing, String fileName) {
    Map<String, float[]> values = new LinkedHashMap<>();
    for (JsonValue t : listing.asArray()) {
      String name = t.get("name").asString();
      int size = t.get("size").asInt();
      if (size < 0 || size * 4L > in.remaining()) {
        throw new IllegalArgumentException(
            "parameter " + name + " runs past the end of " + fileName);
      }
      float[] v = new float[size];
      in.asFloatBuffer().get(v);
      in.position(in.position() + size * 4);
      values.put(name, v);
    }
    return values;
  }

  /**
   * Writes {@code content} to a temporary file beside {@code file} and renames it into place, so
   * that a reader sees the old file or the new one, never a part.
   */
  public static void replace(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
