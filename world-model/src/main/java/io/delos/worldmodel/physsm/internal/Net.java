package io.delos.worldmodel.physsm.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.SplittableRandom;

/**
 * A DJL block whose parameters all have fixed shapes given at construction, initialised from an
 * explicit seeded generator rather than the engine's global one.
 *
 * <p>Sub-blocks are called through their own typed methods, which take the {@link ParameterStore}
 * of the training or inference pass; only top-level networks implement {@link #forwardInternal}.
 */
public abstract class Net extends AbstractBlock {
  /** Format version of the saved parameters. */
  protected static final byte VERSION = 1;

  /** Creates the block. */
  protected Net() {
    super(VERSION);
  }

  /** Declares a trainable parameter of a fixed shape. */
  protected final Parameter weight(String name, long... shape) {
    return addParameter(
        Parameter.builder()
            .setName(name)
            .setType(Parameter.Type.WEIGHT)
            .optShape(new Shape(shape))
            .optInitializer(Initializer.ZEROS)
            .build());
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (Block child : children.values()) {
      child.initialize(manager, dataType, inputShapes);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " is called through its typed methods, not forward()");
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " is called through its typed methods, not forward()");
  }

  /**
   * Sets every parameter of this block and its children to its initial value, drawing from {@code
   * random} in a fixed order. Call after DJL's initialisation.
   */
  public abstract void seed(SplittableRandom random);

  /**
   * The value of {@code p} for this pass, on the device of {@code like}, as a view owned by {@code
   * like}'s manager: results of operations that start from it then close with the pass instead of
   * accumulating in the model's manager.
   */
  protected static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
    NDArray a = ps.getValue(p, like.getDevice(), training);
    NDArray view = a.reshape(a.getShape());
    view.attach(like.getManager());
    return view;
  }

  /**
   * Copies values into a parameter's own storage. (NDArray.set(float[]) would instead make the
   * tensor borrow a Java buffer, which ties its memory to one wrapper object.)
   */
  public static void set(Parameter p, float[] values) {
    NDArray a = p.getArray();
    boolean grad = a.hasGradient();
    // An in-place write to a leaf that requires a gradient is refused while gradients are
    // recorded, which PyTorch does by default on new threads.
    a.setRequiresGradient(false);
    try (NDManager scratch = a.getManager().newSubManager()) {
      NDArray v = scratch.create(values, a.getShape()).toType(a.getDataType(), false);
      a.set(new NDIndex("..."), v);
    } finally {
      a.setRequiresGradient(grad);
    }
  }

  /** {@code count} values uniform in [−bound, bound]. */
  protected static float[] uniform(SplittableRandom random, int count, double bound) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = (float) (bound * (2 * random.nextDouble() - 1));
    }
    return out;
  }

  /** {@code count} standard normal values times {@code std} (Box-Muller). */
  protected static float[] normal(SplittableRandom random, int count, double std) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = (float) (std * Gaussian.draw(random));
    }
    return out;
  }

  /** {@code count} copies of {@code value}. */
  protected static float[] filled(int count, double value) {
    float[] out = new float[count];
    java.util.Arrays.fill(out, (float) value);
    return out;
  }

  /** Number of values of a parameter. */
  protected static int size(Parameter p) {
    return (int) p.getShape().size();
  }
}
