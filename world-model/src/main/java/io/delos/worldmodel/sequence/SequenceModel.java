package io.delos.worldmodel.sequence;

import ai.djl.ndarray.NDArray;
import io.delos.worldmodel.nn.Params;

/**
 * A multi-system trajectory model over normalised windows: WestWorld, its ablations and the
 * baselines it is compared with all implement this, so one trainer, one checkpoint format and one
 * evaluation serve them all.
 *
 * <p>Values are normalised per system and channel to [0, 1] ({@link ChannelRanges}). A window holds
 * observations and actions of {@code time} steps; the model is given the observed steps (the
 * batch's observed mask) and every action, and predicts the other observations.
 *
 * <p>Threading: one call at a time.
 */
public interface SequenceModel extends AutoCloseable {
  /** The model kind, for example {@code westworld} or {@code trajworld}. */
  String kind();

  /** The sizes it was built with. */
  WestWorldConfig config();

  /** Its parameters. */
  Params params();

  /**
   * The training loss of a batch: a scalar to minimise, built with gradients recorded.
   *
   * @param batch the windows; their tensors are created on {@code tensors}' manager
   * @param tensors the batch on the device
   * @return a scalar
   */
  NDArray loss(WindowBatch batch, WindowBatch.Tensors tensors);

  /**
   * Predicts every unobserved observation of the batch.
   *
   * @param batch windows with their observed masks
   * @return {@code [batch, time, obsChannels]} in [0, 1]: the given values at observed steps, the
   *     predictions elsewhere (padding channels 0)
   */
  float[] predict(WindowBatch batch);

  /**
   * Rejects a batch the model cannot take (too many channels or steps, ranks beyond its tables).
   *
   * @throws IllegalArgumentException naming the limit, the value and the configuration field
   */
  void check(WindowBatch batch);

  @Override
  void close();
}
