package io.delos.worldmodel.physsm.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The time structure of a batch of irregularly sampled, padded sequences, shared by every diagonal
 * state-space layer that reads them.
 *
 * <p>With times t_k (s), the kernel of a diagonal layer is exp(λ(t_k − t_j)) for j ≤ k (forward in
 * time) or exp(λ(t_j − t_k)) for j ≥ k (backward); the lags and causal masks are computed once
 * here. Padded points (mask 0) contribute nothing.
 *
 * <p>Shapes: {@link #lagForward} and {@link #lagBackward} {@code [batch, 1, time, time]} (row k,
 * column j, s, >= 0), the masks likewise, {@link #gapForward} (t_k − t_{k−1}) and {@link
 * #gapBackward} (t_{k+1} − t_k) {@code [batch, time]}, {@link #mask} {@code [batch, time, 1]}.
 */
public final class TimeGrid {
  final NDArray lagForward;
  final NDArray lagBackward;
  final NDArray causalForward;
  final NDArray causalBackward;
  final NDArray gapForward;
  final NDArray gapBackward;
  final NDArray mask;

  private TimeGrid(
      NDArray lagForward,
      NDArray lagBackward,
      NDArray causalForward,
      NDArray causalBackward,
      NDArray gapForward,
      NDArray gapBackward,
      NDArray mask) {
    this.lagForward = lagForward;
    this.lagBackward = lagBackward;
    this.causalForward = causalForward;
    this.causalBackward = causalBackward;
    this.gapForward = gapForward;
    this.gapBackward = gapBackward;
    this.mask = mask;
  }

  /**
   * Builds the grid.
   *
   * @param times {@code [batch, time]}, s, increasing over the real points of each sequence
   * @param gapForward {@code [batch, time]}: the gap before each point (the first point's is its
   *     sequence's nominal gap), 0 at padding
   * @param gapBackward {@code [batch, time]}: the gap after each point (the last point's is its
   *     sequence's nominal gap), 0 at padding
   * @param mask {@code [batch, time]}: 1 at real points, 0 at padding
   */
  public static TimeGrid of(NDArray times, NDArray gapForward, NDArray gapBackward, NDArray mask) {
    NDManager manager = times.getManager();
    int t = (int) times.getShape().get(1);
    float[] lower = new float[t * t];
    float[] upper = new float[t * t];
    for (int k = 0; k < t; k++) {
      for (int j = 0; j < t; j++) {
        lower[k * t + j] = j <= k ? 1 : 0;
        upper[k * t + j] = j >= k ? 1 : 0;
      }
    }
    NDArray lowerMask = manager.create(lower, new ai.djl.ndarray.types.Shape(1, t, t));
    NDArray upperMask = manager.create(upper, new ai.djl.ndarray.types.Shape(1, t, t));
    NDArray source = mask.expandDims(1);
    NDArray lag = times.expandDims(2).sub(times.expandDims(1));
    NDArray causalF = lowerMask.mul(source);
    NDArray causalB = upperMask.mul(source);
    return new TimeGrid(
        lag.maximum(0).mul(causalF).expandDims(1),
        lag.neg().maximum(0).mul(causalB).expandDims(1),
        causalF.expandDims(1),
        causalB.expandDims(1),
        gapForward,
        gapBackward,
        mask.expandDims(2));
  }
}
