package io.delos.actors.grpc;

import io.delos.actors.sensing.SensingHost;
import io.delos.proto.v1.EmbedResponse;
import io.delos.proto.v1.LocalizeResponse;
import io.delos.sim.Vec;
import io.delos.worldmodel.sensing.SensorNode;
import io.delos.worldmodel.sensing.SensorScene;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts {@code delos.v1.SensingService} messages to SPAR's scenes and back, checking every
 * field: first what holds for any model ({@link #checkShape}), then what the named model needs
 * ({@link #scene}). A bad field is {@code INVALID_ARGUMENT} naming the field, its value and what is
 * allowed.
 */
final class SensingMapper {
  /** Most nodes in one request. */
  static final int MAX_NODES = 1024;

  /** Longest node id, characters. */
  static final int MAX_NODE_ID = 128;

  /** Relative difference tolerated between a request's sampling rate and the model's. */
  static final double RATE_TOLERANCE = 1e-6;

  private SensingMapper() {}

  /**
   * Checks the fields that need no model: the node count, ids, positions, signals' rank, channel
   * count and finiteness, equal window lengths, and the sampling rate.
   */
  static void checkShape(List<io.delos.proto.v1.SensorNode> nodes, double sampleRate) {
    if (nodes.isEmpty() || nodes.size() > MAX_NODES) {
      throw Problems.invalid(
          "nodes has " + nodes.size() + " entries: allowed 1 to " + MAX_NODES + " nodes");
    }
    if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
      throw Problems.invalid("sample_rate = " + sampleRate + " Hz: allowed finite and > 0 Hz");
    }
    Map<String, Integer> seen = new HashMap<>();
    long window = -1;
    for (int i = 0; i < nodes.size(); i++) {
      io.delos.proto.v1.SensorNode n = nodes.get(i);
      String field = "nodes[" + i + "]";
      String id = n.getNodeId();
      if (id.isEmpty() || id.length() > MAX_NODE_ID) {
        throw Problems.invalid(
            field
                + ".node_id = "
                + Problems.quote(id)
                + ": allowed 1 to "
                + MAX_NODE_ID
                + " characters, unique within the request");
      }
      Integer before = seen.put(id, i);
      if (before != null) {
        throw Problems.invalid(
            field
                + ".node_id = "
                + Problems.quote(id)
                + ": already used by nodes["
                + before
                + "]; node ids must be unique within the request");
      }
      if (!Double.isFinite(n.getX()) || !Double.isFinite(n.getY())) {
        throw Problems.invalid(
            field
                + " position (x, y) = ("
                + n.getX()
                + ", "
                + n.getY()
                + ") m: allowed finite numbers");
      }
      Tensors.Input signal = Tensors.require(n.getSignal(), field + ".signal", "time", "channel");
      if (signal.extent(1) != 1) {
        throw Problems.invalid(
            field
                + ".signal.shape = "
                + signal.shapeText()
                + ": allowed [time, 1] (one channel per node; send each channel of a"
                + " multi-channel sensor as its own node)");
      }
      if (window < 0) {
        window = signal.extent(0);
      } else if (signal.extent(0) != window) {
        throw Problems.invalid(
            field
                + ".signal.shape = "
                + signal.shapeText()
                + ": allowed the length of nodes[0].signal, "
                + window
                + " samples (every node's window covers the same interval)");
      }
    }
  }

  /**
   * The scene the model reads, after {@link #checkShape}: each window must have the model's length,
   * the sampling rate must be the model's, and each role must be one it knows.
   */
  static SensorScene scene(
      List<io.delos.proto.v1.SensorNode> nodes, double sampleRate, SensingHost.Info info) {
    double rate = info.sampleRate();
    if (Math.abs(sampleRate - rate) > RATE_TOLERANCE * rate) {
      throw Problems.invalid(
          String.format(
              Locale.ROOT,
              "sample_rate = %s Hz: model '%s' was trained on windows recorded at %s Hz; allowed"
                  + " %s Hz (resample the signals first)",
              sampleRate,
              info.id(),
              rate,
              rate));
    }
    List<String> roles = info.roles();
    List<SensorNode> out = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      io.delos.proto.v1.SensorNode n = nodes.get(i);
      String field = "nodes[" + i + "]";
      int time = (int) n.getSignal().getShape(0);
      if (time != info.window()) {
        throw Problems.invalid(
            field
                + ".signal has "
                + time
                + " samples: model '"
                + info.id()
                + "' reads windows of "
                + info.window()
                + " samples ("
                + String.format(Locale.ROOT, "%.4g", info.window() / rate)
                + " s at "
                + rate
                + " Hz); allowed "
                + info.window());
      }
      int role = roles.indexOf(n.getRole());
      if (role < 0) {
        throw Problems.invalid(
            field
                + ".role = "
                + Problems.quote(n.getRole())
                + ": model '"
                + info.id()
                + "' knows the roles "
                + Problems.list(roles));
      }
      int modalities = info.modalities();
      double[] w = new double[time];
      for (int k = 0; k < time; k++) {
        w[k] = n.getSignal().getData(k);
      }
      out.add(new SensorNode(n.getX(), n.getY(), role / modalities, role % modalities, Vec.of(w)));
    }
    return new SensorScene(out);
  }

  static EmbedResponse embedded(SensingHost.Embedded e) {
    int nodes = e.nodes().length;
    int features = e.set().length;
    double[] flat = new double[nodes * features];
    for (int i = 0; i < nodes; i++) {
      System.arraycopy(e.nodes()[i], 0, flat, i * features, features);
    }
    return EmbedResponse.newBuilder()
        .setNodeEmbeddings(Tensors.of(flat, List.of("node", "feature"), nodes, features))
        .setSetEmbedding(Tensors.of(e.set(), List.of("feature"), features))
        .build();
  }

  static LocalizeResponse localized(SensingHost.Localized l) {
    return LocalizeResponse.newBuilder()
        .setX(l.x())
        .setY(l.y())
        .setUncertainty(l.uncertainty())
        .build();
  }
}
