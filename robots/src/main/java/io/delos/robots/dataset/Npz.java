package io.delos.robots.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's archive format: a zip of {@code .npy} files (format 1.0, little-endian, C order), as
 * {@code numpy.load} reads it. Entries are stored uncompressed.
 *
 * <p>Supported element types: {@code <f4}, {@code <f8}, {@code <i4}, {@code <i8}, one- or
 * two-dimensional.
 */
final class Npz {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<|>]?[a-z][0-9]+)'");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([0-9,\\s]*)\\)");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");

  private Npz() {}

  /** One array: its NumPy type, shape and values (doubles for float types, longs for integers). */
  static final class Array {
    private final String descr;
    private final int[] shape;
    private final double[] values;
    private final long[] integers;

    private Array(String descr, int[] shape, double[] values, long[] integers) {
      this.descr = descr;
      this.shape = shape;
      this.values = values;
      this.integers = integers;
    }

    /** A floating-point array ({@code <f4} or {@code <f8}); values in C order. */
    static Array floats(String descr, int[] shape, double[] values) {
      return new Array(descr, shape.clone(), values, null);
    }

    /** An integer array ({@code <i4} or {@code <i8}); values in C order. */
    static Array ints(String descr, int[] shape, long[] values) {
      return new Array(descr, shape.clone(), null, values);
    }

    String descr() {
      return descr;
    }

    int[] shape() {
      return shape.clone();
    }

    double[] values() {
      return values;
    }

    long[] integers() {
      return integers;
    }

    int elements() {
      int n = 1;
      for (int d : shape) {
        n *= d;
      }
      return n;
    }
  }

  /** Writes {@code arrays} (name without {@code .npy} to array) as an archive to {@code out}. */
  static void write(Map<String, Array> arrays, OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    for (Map.Entry<String, Array> e : arrays.entrySet()) {
      byte[] npy = encode(e.getValue());
      ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(npy.length);
      entry.setCompressedSize(npy.length);
      CRC32 crc = new CRC32();
      crc.update(npy);
      entry.setCrc(crc.getValue());
      entry.setTime(0);
      zip.putNextEntry(entry);
      zip.write(npy);
      zip.closeEntry();
    }
    zip.finish();
  }

  static byte[] encode(Array a) {
    String shape =
        a.shape().length == 1
            ? "(" + a.shape()[0] + ",)"
            : "("
                + String.join(", ", Arrays.stream(a.shape()).mapToObj(String::valueOf).toList())
                + ")";
    String dict =
        "{'descr': '" + a.descr() + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    int width = width(a.descr());
    int n = a.elements();
    ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + n * width);
    buf.order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    buf.put(header.getBytes(StandardCharsets.US_ASCII));
    switch (a.descr()) {
      case "<f4" -> {
        for (int i = 0; i < n; i++) {
          buf.putFloat((float) a.values()[i]);
        }
      }
      case "<f8" -> {
        for (int i = 0; i < n; i++) {
          buf.putDouble(a.values()[i]);
        }
      }
      case "<i4" -> {
        for (int i = 0; i < n; i++) {
          buf.putInt((int) a.integers()[i]);
        }
      }
      case "<i8" -> {
        for (int i = 0; i < n; i++) {
          buf.putLong(a.integers()[i]);
        }
      }
      default -> throw new IllegalArgumentException("unsupported NumPy type " + a.descr());
    }
    return buf.array();
  }

  private static int width(String descr) {
    return switch (descr) {
      case "<f4", "<i4" -> 4;
      case "<f8", "<i8" -> 8;
      default ->
          throw new IllegalArgumentException(
              "NumPy type '" + descr + "' is not supported; supported: <f4, <f8, <i4, <i8");
    };
  }

  /** Reads every array of an archive. */
  static Map<String, Array> read(InputStream in) throws IOException {
    Map<String, Array> out = new LinkedHashMap<>();
    ZipInputStream zip = new ZipInputStream(in);
    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
      String name = e.getName();
      if (!name.endsWith(".npy")) {
        throw new IOException("archive entry '" + name + "' is not a .npy file");
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      zip.transferTo(bytes);
      out.put(name.substring(0, name.length() - 4), decode(name, bytes.toByteArray()));
    }
    return out;
  }

  static Array decode(String name, byte[] npy) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[MAGIC.length];
    buf.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException(name + ": not a .npy file (bad magic)");
    }
    int major = buf.get();
    buf.get();
    int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
    byte[] header = new byte[headerLength];
    buf.get(header);
    String h = new String(header, StandardCharsets.US_ASCII);
    Matcher d = DESCR.matcher(h);
    Matcher s = SHAPE.matcher(h);
    Matcher f = FORTRAN.matcher(h);
    if (!d.find() || !s.find() || !f.find()) {
      throw new IOException(name + ": unreadable .npy header " + h.strip());
    }
    if (f.group(1).equals("True")) {
      throw new IOException(name + ": Fortran order is not supported");
    }
    String descr = d.group(1);
    int[] shape =
        Arrays.stream(s.group(1).split(","))
            .map(String::strip)
            .filter(x -> !x.isEmpty())
            .mapToInt(Integer::parseInt)
            .toArray();
    int n = 1;
    for (int x : shape) {
      n *= x;
    }
    int width = width(descr);
    if (buf.remaining() != (long) n * width) {
      throw new IOException(
          name + ": holds " + buf.remaining() + " data bytes, shape needs " + (long) n * width);
    }
    switch (descr) {
      case "<f4" -> {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = buf.getFloat();
        }
        return Array.floats(descr, shape, v);
      }
      case "<f8" -> {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = buf.getDouble();
        }
        return Array.floats(descr, shape, v);
      }
      case "<i4" -> {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
          v[i] = buf.getInt();
        }
        return Array.ints(descr, shape, v);
      }
      default -> {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
          v[i] = buf.getLong();
        }
        return Array.ints(descr, shape, v);
      }
    }
  }
}
