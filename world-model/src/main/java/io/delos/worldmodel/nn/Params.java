package io.delos.worldmodel.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The named float32 parameters of a model, owned by one {@link NDManager}.
 *
 * <p>Initial values are drawn in Java from an explicitly seeded {@link SplittableRandom} and copied
 * to the device, so the same seed gives bit-identical parameters on CPU and GPU and whatever the
 * engine's own random state is. Parameters are created in a fixed order; that order is the order of
 * checkpoints and of the optimiser's state.
 *
 * <p>Threading: building is confined to one thread; afterwards the arrays may be read by one
 * forward pass at a time.
 */
public final class Params implements AutoCloseable {
  private final NDManager manager;
  private final SplittableRandom random;
  private final Map<String, NDArray> arrays = new LinkedHashMap<>();

  /**
   * Creates an empty parameter set on {@code device}.
   *
   * @param device where the arrays live
   * @param seed seeds every initial value
   */
  public Params(Device device, long seed) {
    this.manager = NDManager.newBaseManager(device);
    this.manager.setName("params");
    this.random = new SplittableRandom(seed);
  }

  /** The manager that owns the parameters; sub-managers of it hold per-step temporaries. */
  public NDManager manager() {
    return manager;
  }

  /** The device the parameters live on. */
  public Device device() {
    return manager.getDevice();
  }

  /**
   * A parameter drawn from N(0, std²).
   *
   * @param name unique name, for example {@code block0.attention.wq}
   * @param std standard deviation, >= 0
   * @param dims shape
   */
  public NDArray normal(String name, double std, long... dims) {
    Shape shape = new Shape(dims);
    float[] v = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (std * gaussian());
    }
    return add(name, v, shape);
  }

  /** A parameter drawn uniformly from [low, high). */
  public NDArray uniform(String name, double low, double high, long... dims) {
    Shape shape = new Shape(dims);
    float[] v = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextDouble(low, high);
    }
    return add(name, v, shape);
  }

  /** A parameter filled with {@code value}. */
  public NDArray constant(String name, double value, long... dims) {
    Shape shape = new Shape(dims);
    float[] v = new float[Math.toIntExact(shape.size())];
    java.util.Arrays.fill(v, (float) value);
    return add(name, v, shape);
  }

  /** A parameter with the given values, row-major. */
  public NDArray values(String name, float[] values, long... dims) {
    Shape shape = new Shape(dims);
    if (values.length != shape.size()) {
      throw new IllegalArgumentException(
          name + ": " + values.length + " values for shape " + shape + " (" + shape.size() + ")");
    }
    return add(name, values.clone(), shape);
  }

  /** A double drawn from the seeded generator, for initialisers that need their own draws. */
  public double nextUniform(double low, double high) {
    return random.nextDouble(low, high);
  }

  private double gaussian() {
    // Box-Muller on the seeded generator; the cosine branch only, for simplicity.
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  private NDArray add(String name, float[] v, Shape shape) {
    if (arrays.containsKey(name)) {
      throw new IllegalArgumentException("parameter '" + name + "' exists already");
    }
    NDArray a = manager.create(v, shape);
    a.setName(name);
    a.setRequiresGradient(true);
    arrays.put(name, a);
    return a;
  }

  /** The parameter called {@code name}. */
  public NDArray get(String name) {
    NDArray a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no parameter '" + name + "'");
    }
    return a;
  }

  /** Every parameter, in creation order. */
  public Map<String, NDArray> all() {
    return Collections.unmodifiableMap(arrays);
  }

  /** Total number of scalar parameters. */
  public long count() {
    long n = 0;
    for (NDArray a : arrays.values()) {
      n += a.getShape().size();
    }
    return n;
  }

  /**
   * Overwrites every parameter with values read elsewhere (a checkpoint).
   *
   * @param values name to row-major values; must name exactly these parameters with their sizes
   * @throws IllegalArgumentException naming the first missing, extra or mis-sized parameter
   */
  public void load(Map<String, float[]> values) {
    for (String name : values.keySet()) {
      if (!arrays.containsKey(name)) {
        throw new IllegalArgumentException(
            "checkpoint holds parameter '" + name + "' which this model does not have");
      }
    }
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      float[] v = values.get(e.getKey());
      if (v == null) {
        throw new IllegalArgumentException("checkpoint lacks parameter '" + e.getKey() + "'");
      }
      if (v.length != e.getValue().getShape().size()) {
        throw new IllegalArgumentException(
            "parameter '"
                + e.getKey()
                + "' has "
                + v.length
                + " values in the checkpoint; the model's shape "
                + e.getValue().getShape()
                + " needs "
                + e.getValue().getShape().size());
      }
      e.getValue().set(v);
    }
  }

  /** Copies every parameter to Java arrays, in creation order. */
  public Map<String, float[]> snapshot() {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      out.put(e.getKey(), e.getValue().toType(DataType.FLOAT32, false).toFloatArray());
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
