package io.delos.worldmodel.steering;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A DJL block that runs another block and steers its first output at inference time: the hook that
 * puts a fitted {@link Steerer} into any DJL model.
 *
 * <p>Shapes: the inner block's; its first output must be {@code [batch, dimension]} with the
 * steerer's dimension, float32 or float64. Every other output passes through unchanged.
 *
 * <p>Steering applies only to inference forwards ({@code training == false}); a training forward
 * returns the inner block's outputs untouched, so fine-tuning never learns around the steering. The
 * steered rows are computed on the CPU in double precision and copied back in the output's data
 * type; no gradient flows through them. An inference forward throws {@link
 * IllegalArgumentException} when the output is not {@code [batch, dimension]} with the steerer's
 * dimension or holds a non-finite value.
 *
 * <p>{@link #steerLayer} puts the hook after a chosen layer of a {@link SequentialBlock} without
 * copying any weights: the new network holds the same child blocks.
 */
public final class SteeredBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Block inner;
  private final Steerer steerer;
  private final double strength;

  /**
   * Wraps a block.
   *
   * @param inner the block whose first output is steered
   * @param steerer the fitted steerer
   * @param strength the steerer's strength (T for ODESteer), finite and >= 0
   * @throws IllegalArgumentException if an argument is not allowed
   */
  public SteeredBlock(Block inner, Steerer steerer, double strength) {
    super(VERSION);
    if (inner == null) {
      throw new IllegalArgumentException("inner is null; allowed: a DJL block");
    }
    if (steerer == null) {
      throw new IllegalArgumentException("steerer is null; allowed: a fitted Steerer");
    }
    Checks.strength("strength", strength);
    this.inner = addChildBlock("steered", inner);
    this.steerer = steerer;
    this.strength = strength;
  }

  /**
   * A network equal to {@code network} except that the output of child {@code layer} is steered.
   * The children are shared, not copied, so the result is initialised when the network is.
   *
   * @param layer index of the child whose output is steered, 0 to children − 1
   * @throws IllegalArgumentException if the layer is out of range or an argument is not allowed
   */
  public static SequentialBlock steerLayer(
      SequentialBlock network, int layer, Steerer steerer, double strength) {
    int children = network.getChildren().size();
    if (layer < 0 || layer >= children) {
      throw new IllegalArgumentException("layer is " + layer + "; allowed: 0 to " + (children - 1));
    }
    SequentialBlock steered = new SequentialBlock();
    for (int i = 0; i < children; i++) {
      Block child = network.getChildren().get(i).getValue();
      steered.add(i == layer ? new SteeredBlock(child, steerer, strength) : child);
    }
    return steered;
  }

  /**
   * The outputs of child {@code layer} of a network for a batch of inputs, {@code [batch,
   * dimension]}, in double precision: the activations a steerer is fitted on.
   *
   * @param layer index of the child, 0 to children − 1
   * @throws IllegalArgumentException if the layer is out of range or its output is not 2-D
   */
  public static double[][] activations(
      SequentialBlock network, int layer, ParameterStore store, NDArray input) {
    int children = network.getChildren().size();
    if (layer < 0 || layer >= children) {
      throw new IllegalArgumentException("layer is " + layer + "; allowed: 0 to " + (children - 1));
    }
    NDList x = new NDList(input);
    for (int i = 0; i <= layer; i++) {
      x = network.getChildren().get(i).getValue().forward(store, x, false);
    }
    return rows(x.head());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList out = inner.forward(store, inputs, training, params);
    if (training || strength == 0) {
      return out;
    }
    NDArray head = out.head();
    double[][] steered = steerer.steerAll(rows(head), strength);
    NDArray replaced = create(head, steered);
    NDList result = new NDList(out.size());
    result.add(replaced);
    for (int i = 1; i < out.size(); i++) {
      result.add(out.get(i));
    }
    return result;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inner.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(
      ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
    inner.initialize(manager, dataType, inputShapes);
  }

  private static double[][] rows(NDArray a) {
    Shape shape = a.getShape();
    if (shape.dimension() != 2) {
      throw new IllegalArgumentException(
          "the steered output has shape " + shape + "; allowed: [batch, dimension]");
    }
    int batch = (int) shape.get(0);
    int d = (int) shape.get(1);
    double[] flat = a.toType(DataType.FLOAT64, false).toDoubleArray();
    double[][] out = new double[batch][d];
    for (int i = 0; i < batch; i++) {
      System.arraycopy(flat, i * d, out[i], 0, d);
    }
    return out;
  }

  private static NDArray create(NDArray like, double[][] rows) {
    int d = rows.length == 0 ? 0 : rows[0].length;
    double[] flat = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * d, d);
    }
    return like.getManager()
        .create(flat, like.getShape())
        .toType(like.getDataType(), false)
        .toDevice(like.getDevice(), false);
  }
}
