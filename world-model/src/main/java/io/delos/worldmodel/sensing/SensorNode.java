package io.delos.worldmodel.sensing;

import io.delos.sim.Vec;

/**
 * One sensor of a distributed sensing layout and the window it recorded.
 *
 * <p>Position in the workspace frame (x and y on the floor plane, metres). The role of a node is
 * its mounting (for example floor or wall) and its modality (for example accelerometer or
 * geophone), each a small index defined by the data set; {@link SparModel} embeds the pair.
 *
 * @param x position along the workspace's x axis, m, finite
 * @param y position along the workspace's y axis, m, finite
 * @param mounting mounting index, >= 0
 * @param modality modality index, >= 0
 * @param signal the recorded window, one value per sample in the sensor's unit, non-empty, finite
 */
public record SensorNode(double x, double y, int mounting, int modality, Vec signal) {
  /** Validates the fields. */
  public SensorNode {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("x = " + x + " m: allowed finite values");
    }
    if (!Double.isFinite(y)) {
      throw new IllegalArgumentException("y = " + y + " m: allowed finite values");
    }
    Checks.range("mounting", mounting, 0, Integer.MAX_VALUE);
    Checks.range("modality", modality, 0, Integer.MAX_VALUE);
    Checks.notNull("signal", signal);
    if (signal.size() == 0) {
      throw new IllegalArgumentException(
          "signal is empty (length 0): allowed a non-empty window of finite values");
    }
    for (int i = 0; i < signal.size(); i++) {
      if (!Double.isFinite(signal.get(i))) {
        throw new IllegalArgumentException(
            "signal[" + i + "] = " + signal.get(i) + ": allowed finite values only");
      }
    }
  }

  /** This node with another signal window. */
  public SensorNode withSignal(Vec newSignal) {
    return new SensorNode(x, y, mounting, modality, newSignal);
  }
}
