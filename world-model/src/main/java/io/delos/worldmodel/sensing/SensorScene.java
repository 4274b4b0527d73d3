package io.delos.worldmodel.sensing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The windows that every node of one layout recorded over the same interval: the unit {@link
 * SparModel} encodes.
 *
 * @param nodes the layout's nodes, >= 1, every signal of the same length
 */
public record SensorScene(List<SensorNode> nodes) {
  /** Validates the fields and copies the list. */
  public SensorScene {
    if (nodes == null || nodes.isEmpty()) {
      throw new IllegalArgumentException("nodes is empty: allowed >= 1 sensor node");
    }
    nodes = List.copyOf(nodes);
    int length = nodes.get(0).signal().size();
    for (int i = 1; i < nodes.size(); i++) {
      int n = nodes.get(i).signal().size();
      if (n != length) {
        throw new IllegalArgumentException(
            "nodes["
                + i
                + "].signal has "
                + n
                + " samples: allowed the length of nodes[0].signal, "
                + length);
      }
    }
  }

  /** Number of nodes. */
  public int size() {
    return nodes.size();
  }

  /** Samples per window. */
  public int windowLength() {
    return nodes.get(0).signal().size();
  }

  /**
   * This scene without the nodes at the given indices (dropped sensors).
   *
   * @throws IllegalArgumentException when every node would be dropped
   */
  public SensorScene without(Set<Integer> dropped) {
    List<SensorNode> kept = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (!dropped.contains(i)) {
        kept.add(nodes.get(i));
      }
    }
    return new SensorScene(kept);
  }
}
