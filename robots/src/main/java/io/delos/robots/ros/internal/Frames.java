package io.delos.robots.ros.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Length-prefixed frames of TCPROS: a little-endian uint32 length and that many bytes. */
public final class Frames {
  /** Largest message frame accepted, in bytes (1 GiB). */
  public static final int MAX_FRAME = 1 << 30;

  private Frames() {}

  /** Reads a little-endian uint32. */
  public static long readUint32(InputStream in) throws IOException {
    byte[] b = readFully(in, 4);
    return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
  }

  /** Reads exactly {@code n} bytes. */
  public static byte[] readFully(InputStream in, int n) throws IOException {
    byte[] out = new byte[n];
    int off = 0;
    while (off < n) {
      int r = in.read(out, off, n - off);
      if (r < 0) {
        throw new EOFException("stream ended after " + off + " of " + n + " bytes");
      }
      off += r;
    }
    return out;
  }

  /** Reads one length-prefixed frame. */
  public static byte[] readFrame(InputStream in) throws IOException {
    long n = readUint32(in);
    if (n > MAX_FRAME) {
      throw new IOException("frame of " + n + " bytes exceeds " + MAX_FRAME);
    }
    return readFully(in, (int) n);
  }

  /** Writes a little-endian uint32. */
  public static void writeUint32(OutputStream out, long v) throws IOException {
    out.write(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
  }

  /** Writes one length-prefixed frame (not flushed). */
  public static void writeFrame(OutputStream out, byte[] payload) throws IOException {
    writeUint32(out, payload.length);
    out.write(payload);
  }
}
