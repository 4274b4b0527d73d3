package io.delos.worldmodel.westworld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import io.delos.worldmodel.nn.Embedding;
import io.delos.worldmodel.nn.Params;
import io.delos.worldmodel.nn.Shapes;

/**
 * WestWorld's structural embedding (Wang et al., ICML 2026, §3.2): a body's object id and its pre-,
 * in- and post-order ranks in the left-child-right-sibling body tree each index a table of width
 * d/4; the four rows are concatenated. Each channel gets the embedding of the body it measures or
 * actuates.
 *
 * <p>Shapes: ranks {@code [batch, channel, 4]} (int64) to {@code [batch, channel, d]}.
 */
public final class StructuralEmbedding {
  private static final String[] PARTS = {"object", "preOrder", "inOrder", "postOrder"};
  private final Embedding[] tables = new Embedding[4];
  private final long d;

  /** Creates four tables of {@code maxBodies} rows and width d/4. */
  public StructuralEmbedding(Params params, String name, int maxBodies, long d) {
    this.d = d;
    for (int i = 0; i < 4; i++) {
      tables[i] = new Embedding(params, name + "." + PARTS[i], maxBodies, d / 4, 0.02);
    }
  }

  /** {@code [batch, channel, 4] -> [batch, channel, d]}. */
  public NDArray forward(NDArray ranks) {
    Shapes.require(ranks, "structure.ranks", "batch, channel, 4", Shapes.ANY, Shapes.ANY, 4);
    NDList parts = new NDList();
    for (int i = 0; i < 4; i++) {
      parts.add(tables[i].forward(ranks.get(new NDIndex("..., {}", i))));
    }
    return NDArrays.concat(parts, -1);
  }

  /** Width of the output. */
  public long width() {
    return d;
  }
}
