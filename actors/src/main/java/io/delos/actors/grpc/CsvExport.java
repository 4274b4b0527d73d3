package io.delos.actors.grpc;

import com.google.protobuf.ByteString;
import io.delos.proto.v1.ExportChunk;
import io.delos.sim.Trajectory;
import io.grpc.stub.ServerCallStreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Streams a trajectory as CSV, chunk by chunk, as fast as the client reads: a header ({@code
 * time,reward,flags,o.<name>...,a.<name>...}), then one line per row, UTF-8 with {@code \n} line
 * ends. Numbers are written in full precision ({@link Double#toString}).
 *
 * <p>Threading: {@link #drain} runs on gRPC's threads (the call's ready handler); it is
 * synchronized so only one of them writes at a time.
 */
final class CsvExport {
  /** Approximate bytes per chunk. */
  static final int CHUNK_BYTES = 64 * 1024;

  private final Trajectory trajectory;
  private final ServerCallStreamObserver<ExportChunk> out;
  private final String header;
  private int row;
  private boolean headerSent;
  private boolean done;

  /**
   * Prepares the export; call {@link #drain} from the ready handler and once at the start.
   *
   * @param trajectory the rows
   * @param observationNames names of the observation channels
   * @param actionNames names of the action channels
   * @param out the call
   */
  CsvExport(
      Trajectory trajectory,
      List<String> observationNames,
      List<String> actionNames,
      ServerCallStreamObserver<ExportChunk> out) {
    this.trajectory = trajectory;
    this.out = out;
    StringBuilder h = new StringBuilder("time,reward,flags");
    for (String n : observationNames) {
      h.append(",o.").append(n);
    }
    for (String n : actionNames) {
      h.append(",a.").append(n);
    }
    this.header = h.append('\n').toString();
  }

  /** Writes chunks while the client can take them; completes the call after the last row. */
  synchronized void drain() {
    while (!done && out.isReady() && !out.isCancelled()) {
      StringBuilder b = new StringBuilder(CHUNK_BYTES + 1024);
      if (!headerSent) {
        b.append(header);
        headerSent = true;
      }
      int n = trajectory.observationSize();
      int m = trajectory.actionSize();
      while (row < trajectory.length() && b.length() < CHUNK_BYTES) {
        b.append(trajectory.time(row))
            .append(',')
            .append(trajectory.reward(row))
            .append(',')
            .append(trajectory.flags(row));
        for (int c = 0; c < n; c++) {
          b.append(',').append(trajectory.observation(row, c));
        }
        for (int c = 0; c < m; c++) {
          b.append(',').append(trajectory.action(row, c));
        }
        b.append('\n');
        row++;
      }
      out.onNext(
          ExportChunk.newBuilder()
              .setData(ByteString.copyFrom(b.toString(), StandardCharsets.UTF_8))
              .setMediaType("text/csv")
              .setRows(trajectory.length())
              .build());
      if (row >= trajectory.length()) {
        done = true;
        out.onCompleted();
      }
    }
  }

  /** Names {@code o0, o1, ...} for channels without known names. */
  static List<String> numbered(String prefix, int count) {
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> String.format(Locale.ROOT, "%s%d", prefix, i))
        .toList();
  }
}
