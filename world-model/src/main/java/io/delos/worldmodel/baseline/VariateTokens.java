package io.delos.worldmodel.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.delos.worldmodel.nn.Embedding;
import io.delos.worldmodel.nn.Params;
import io.delos.worldmodel.nn.SoftHistogram;
import io.delos.worldmodel.sequence.WestWorldConfig;
import io.delos.worldmodel.sequence.WindowBatch;

/**
 * Token embeddings of the transformer baselines: each observation and action scalar of each step is
 * a token made of its soft-histogram value embedding (the same encoding as WestWorld), a type, a
 * channel index and the step; there is no structural embedding.
 *
 * <p>Shapes: observations {@code [batch, time, obsChannel]} and actions {@code [batch, time,
 * actChannel]} to tokens {@code [batch, time, obsChannel + actChannel, d]}, observation channels
 * first.
 */
final class VariateTokens {
  private final long d;
  private final SoftHistogram histogram;
  private final NDArray valueTable;
  private final Embedding type;
  private final Embedding time;
  private final Embedding obsChannel;
  private final Embedding actChannel;

  VariateTokens(Params params, WestWorldConfig c) {
    this.d = c.d();
    this.histogram = new SoftHistogram(c.bins());
    this.valueTable = params.normal("embed.value", 1.0, c.bins(), d);
    this.type = new Embedding(params, "embed.type", 2, d, 0.02);
    this.time = new Embedding(params, "embed.time", c.window(), d, 0.02);
    this.obsChannel = new Embedding(params, "embed.obsChannel", c.maxObservations(), d, 0.02);
    this.actChannel = new Embedding(params, "embed.actChannel", c.maxActions(), d, 0.02);
  }

  SoftHistogram histogram() {
    return histogram;
  }

  /** {@code [batch, time, obsChannel + actChannel, d]}. */
  NDArray forward(WindowBatch.Tensors x) {
    NDManager m = x.obs().getManager();
    long b = x.obs().getShape().get(0);
    long t = x.obs().getShape().get(1);
    long co = x.obs().getShape().get(2);
    long ca = x.act().getShape().get(2);
    NDArray step =
        time.forward(m.arange(0, (int) t).toType(DataType.INT64, false)).reshape(1, t, 1, d);
    NDArray obs =
        histogram
            .encode(x.obs())
            .matMul(valueTable)
            .add(type.forward(m.create(new long[] {0})).reshape(1, 1, 1, d))
            .add(
                obsChannel
                    .forward(m.arange(0, (int) co).toType(DataType.INT64, false))
                    .reshape(1, 1, co, d));
    NDArray act =
        histogram
            .encode(x.act())
            .matMul(valueTable)
            .add(type.forward(m.create(new long[] {1})).reshape(1, 1, 1, d))
            .add(
                actChannel
                    .forward(m.arange(0, (int) ca).toType(DataType.INT64, false))
                    .reshape(1, 1, ca, d));
    return NDArrays.concat(new NDList(obs, act), 2).add(step);
  }

  /** Validity of the variates, {@code [batch, obsChannel + actChannel]}. */
  static NDArray valid(WindowBatch.Tensors x) {
    return NDArrays.concat(new NDList(x.obsValid(), x.actValid()), 1);
  }
}
