package io.delos.robots.ros.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The TCPROS connection header: a little-endian uint32 total length, then fields, each a uint32
 * length and {@code key=value} split at the first {@code =}.
 */
public final class ConnectionHeader {
  /** Largest header accepted, in bytes; real headers are a few kilobytes. */
  public static final int MAX_BYTES = 1 << 20;

  private ConnectionHeader() {}

  /** The header's bytes, including the leading total length. */
  public static byte[] encode(Map<String, String> fields) {
    byte[][] parts = new byte[fields.size()][];
    int total = 0;
    int i = 0;
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (e.getKey().isEmpty() || e.getKey().indexOf('=') >= 0) {
        throw new IllegalArgumentException(
            "header key '" + e.getKey() + "': must be non-empty and hold no '='");
      }
      parts[i] = (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8);
      total += 4 + parts[i].length;
      i++;
    }
    ByteBuffer b = ByteBuffer.allocate(4 + total).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(total);
    for (byte[] p : parts) {
      b.putInt(p.length);
      b.put(p);
    }
    return b.array();
  }

  /**
   * Decodes the fields of a header body (the bytes after the total length).
   *
   * @throws IOException when a field length runs past the end or a field has no {@code =}
   */
  public static Map<String, String> decode(byte[] body) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (b.remaining() < 4) {
        throw new IOException("connection header ends inside a field length");
      }
      long n = Integer.toUnsignedLong(b.getInt());
      if (n > b.remaining()) {
        throw new IOException(
            "connection header field of "
                + n
                + " bytes runs past the end ("
                + b.remaining()
                + " left)");
      }
      byte[] field = new byte[(int) n];
      b.get(field);
      String s = new String(field, StandardCharsets.UTF_8);
      int eq = s.indexOf('=');
      if (eq < 0) {
        throw new IOException("connection header field '" + s + "' has no '='");
      }
      out.put(s.substring(0, eq), s.substring(eq + 1));
    }
    return Collections.unmodifiableMap(out);
  }

  /** Writes a header and flushes. */
  public static void write(OutputStream out, Map<String, String> fields) throws IOException {
    out.write(encode(fields));
    out.flush();
  }

  /**
   * Reads one header.
   *
   * @throws java.io.EOFException when the stream ends first
   * @throws IOException when the header is malformed or larger than {@link #MAX_BYTES}
   */
  public static Map<String, String> read(InputStream in) throws IOException {
    long n = Frames.readUint32(in);
    if (n > MAX_BYTES) {
      throw new IOException("connection header of " + n + " bytes exceeds " + MAX_BYTES);
    }
    return decode(Frames.readFully(in, (int) n));
  }
}
