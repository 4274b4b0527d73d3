package io.delos.actors.store;

import io.delos.sim.Trajectory;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * An append-only log of trajectory chunks: the store's write-ahead record, written before a chunk
 * is acknowledged.
 *
 * <p>Each record is {@code [int magic][int length][long crc32][payload]}; the payload holds the
 * system id, incarnation, sequence number and the chunk's arrays, big-endian. Every append is
 * handed to the operating system before it returns, so a killed process loses no acknowledged
 * chunk; {@link #sync()} forces the data to the disk (against power loss). Reading stops at the
 * first torn or corrupt record (a write cut short by a crash) and reports how many bytes it
 * skipped.
 *
 * <p>Threading: confined to one thread (the store actor).
 */
public final class ChunkLog implements AutoCloseable {
  /** The record marker, "DELOS LOG" folded into 32 bits. */
  public static final int MAGIC = 0xDE105106;

  /** Format version of the payload layout. */
  public static final int VERSION = 1;

  private final Path file;
  private final FileChannel channel;
  private final OutputStream out;

  /**
   * One chunk as stored.
   *
   * @param systemId the robot system
   * @param incarnation the robot actor's incarnation (a restart starts a new one)
   * @param sequence the chunk's number within the incarnation
   * @param chunk the rows
   */
  public record Entry(String systemId, long incarnation, long sequence, Trajectory chunk) {}

  /**
   * What a log file held.
   *
   * @param entries every intact record, in order
   * @param skippedBytes bytes after the last intact record (a torn tail), 0 for a clean file
   */
  public record Contents(List<Entry> entries, long skippedBytes) {}

  private ChunkLog(Path file) throws IOException {
    this.file = file;
    this.channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    this.out =
        new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
  }

  /** Opens (or creates) a log for appending. */
  public static ChunkLog open(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return new ChunkLog(file);
  }

  /** The log's file. */
  public Path file() {
    return file;
  }

  /** Appends one chunk and hands it to the operating system. */
  public void append(Entry e) throws IOException {
    byte[] payload = encode(e);
    CRC32 crc = new CRC32();
    crc.update(payload);
    ByteBuffer header = ByteBuffer.allocate(16);
    header.putInt(MAGIC).putInt(payload.length).putLong(crc.getValue());
    out.write(header.array());
    out.write(payload);
    out.flush();
  }

  /** Forces everything appended so far to the disk. */
  public void sync() throws IOException {
    out.flush();
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    sync();
    out.close();
  }

  private static byte[] encode(Entry e) throws IOException {
    Trajectory t = e.chunk();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + t.length() * 8 * 8);
    DataOutputStream d = new DataOutputStream(bytes);
    d.writeInt(VERSION);
    d.writeUTF(e.systemId());
    d.writeLong(e.incarnation());
    d.writeLong(e.sequence());
    d.writeInt(t.observationSize());
    d.writeInt(t.actionSize());
    d.writeInt(t.length());
    for (double v : t.times()) {
      d.writeDouble(v);
    }
    for (double v : t.observations()) {
      d.writeDouble(v);
    }
    for (double v : t.actions()) {
      d.writeDouble(v);
    }
    for (double v : t.rewards()) {
      d.writeDouble(v);
    }
    for (int f : t.flags()) {
      d.writeInt(f);
    }
    d.flush();
    return bytes.toByteArray();
  }

  private static Entry decode(byte[] payload) throws IOException {
    DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(payload));
    int version = d.readInt();
    if (version != VERSION) {
      throw new IOException(
          "chunk record version " + version + " is not supported; this Delos reads " + VERSION);
    }
    String system = d.readUTF();
    long incarnation = d.readLong();
    long sequence = d.readLong();
    int n = d.readInt();
    int m = d.readInt();
    int rows = d.readInt();
    double[] times = doubles(d, rows);
    double[] obs = doubles(d, rows * n);
    double[] act = doubles(d, rows * m);
    double[] rew = doubles(d, rows);
    int[] flags = new int[rows];
    for (int i = 0; i < rows; i++) {
      flags[i] = d.readInt();
    }
    return new Entry(
        system, incarnation, sequence, Trajectory.of(system, n, m, times, obs, act, rew, flags));
  }

  private static double[] doubles(DataInputStream d, int count) throws IOException {
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      out[i] = d.readDouble();
    }
    return out;
  }

  /** Reads every intact record of {@code file}. */
  public static Contents read(Path file) throws IOException {
    List<Entry> entries = new ArrayList<>();
    long size = Files.size(file);
    long consumed = 0;
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
      while (true) {
        int magic;
        try {
          magic = in.readInt();
        } catch (EOFException end) {
          break;
        }
        if (magic != MAGIC) {
          break;
        }
        int length;
        long crc;
        byte[] payload;
        try {
          length = in.readInt();
          crc = in.readLong();
          if (length < 0 || length > size) {
            break;
          }
          payload = new byte[length];
          in.readFully(payload);
        } catch (EOFException torn) {
          break;
        }
        CRC32 check = new CRC32();
        check.update(payload);
        if (check.getValue() != crc) {
          break;
        }
        entries.add(decode(payload));
        consumed += 16 + length;
      }
    }
    return new Contents(entries, size - consumed);
  }
}
