package io.delos.worldmodel.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class LayerShapesTest {
  /** Float32 rounding of values of order 1. */
  private static final double EPS = 1e-5;

  @Test
  void denseMapsTheLastAxisAndRejectsAWrongInputWidth() {
    try (Params p = new Params(Device.cpu(), 1);
        NDManager m = p.manager().newSubManager()) {
      Dense dense = new Dense(p, "d", 6, 3);
      assertThat(dense.forward(m.ones(new Shape(2, 4, 6))).getShape())
          .isEqualTo(new Shape(2, 4, 3));
      assertThatThrownBy(() -> dense.forward(m.ones(new Shape(2, 5))))
          .hasMessageContaining("d.input")
          .hasMessageContaining("[..., in]")
          .hasMessageContaining("[2, 5]");
    }
  }

  @Test
  void normAndFeedForwardKeepTheShape() {
    try (Params p = new Params(Device.cpu(), 1);
        NDManager m = p.manager().newSubManager()) {
      Norm norm = new Norm(p, "n", 8);
      FeedForward ffn = new FeedForward(p, "f", 8, 16, 1);
      NDArray x = m.randomNormal(new Shape(3, 5, 8));
      NDArray y = norm.forward(x);
      assertThat(y.getShape()).isEqualTo(new Shape(3, 5, 8));
      assertThat(y.mean(new int[] {-1}).abs().max().getFloat()).isLessThan(1e-5f);
      assertThat(ffn.forward(x).getShape()).isEqualTo(new Shape(3, 5, 8));
      assertThatThrownBy(() -> norm.forward(m.ones(new Shape(3, 7))))
          .hasMessageContaining("n.input")
          .hasMessageContaining("[3, 7]");
    }
  }

  @Test
  void attentionGivesOneRowPerQueryAndIgnoresMaskedKeys() {
    try (Params p = new Params(Device.cpu(), 2);
        NDManager m = p.manager().newSubManager()) {
      Attention att = new Attention(p, "att", 8, 2, 1);
      NDArray q = m.randomNormal(new Shape(3, 4, 8));
      NDArray k = m.randomNormal(new Shape(3, 6, 8));
      float[] valid = new float[3 * 6];
      java.util.Arrays.fill(valid, 1);
      valid[5] = 0; // row 0's last key is padding
      NDArray bias = Attention.keyBias(m.create(valid, new Shape(3, 6)));
      NDArray y = att.forward(q, k, bias);
      assertThat(y.getShape()).isEqualTo(new Shape(3, 4, 8));

      // Changing a masked key changes nothing.
      NDArray k2 = k.duplicate();
      k2.set(new ai.djl.ndarray.index.NDIndex("0, 5"), 100f);
      float[] a = y.toFloatArray();
      float[] b = att.forward(q, k2, bias).toFloatArray();
      for (int i = 0; i < a.length; i++) {
        assertThat((double) b[i]).isCloseTo(a[i], offset(EPS));
      }
      assertThatThrownBy(() -> att.forward(q, m.ones(new Shape(2, 6, 8)), null))
          .hasMessageContaining("att.keys")
          .hasMessageContaining("[rows, keys, d]")
          .hasMessageContaining("[2, 6, 8]");
    }
  }

  @Test
  void softHistogramEncodesNearTheValueAndItsExpectationRecoversIt() {
    SoftHistogram h = new SoftHistogram(64);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray v = m.create(new float[] {0.0f, 0.2f, 0.5f, 0.731f, 1.0f, 1.7f}, new Shape(2, 3));
      NDArray w = h.encode(v);
      assertThat(w.getShape()).isEqualTo(new Shape(2, 3, 64));
      assertThat(w.sum(new int[] {-1}).sub(1).abs().max().getFloat()).isLessThan(1e-5f);
      // log of the weights as logits: the expectation comes back near the (clipped) value.
      NDArray back = h.expectation(w.add(1e-12f).log());
      float[] r = back.toFloatArray();
      float[] expected = {0.0f, 0.2f, 0.5f, 0.731f, 1.0f, 1.0f};
      for (int i = 0; i < r.length; i++) {
        // Inside, far less than a bin; at 0 and 1, where the histogram is cut off on one side,
        // the expectation is pulled inwards by under one bin (about 0.65 of a bin).
        double tolerance = expected[i] == 0f || expected[i] == 1f ? 1.0 / 64 : 0.05 / 64;
        assertThat((double) r[i]).isCloseTo(expected[i], offset(tolerance));
      }
      double[] host = h.encode(0.731);
      float[] device = w.toFloatArray();
      for (int k = 0; k < 64; k++) {
        assertThat(device[3 * 64 + k]).isCloseTo((float) host[k], offset(1e-5f));
      }
    }
  }

  @Test
  void selectiveSsmKeepsTheShapeAndIsCausal() {
    try (Params p = new Params(Device.cpu(), 3);
        NDManager m = p.manager().newSubManager()) {
      SelectiveSsm ssm = new SelectiveSsm(p, "ssm", 8, 16, 2, 4, 3, 4, 1);
      NDArray x = m.randomNormal(new Shape(5, 11, 8));
      NDArray y = ssm.forward(x);
      assertThat(y.getShape()).isEqualTo(new Shape(5, 11, 8));
      NDArray x2 = x.duplicate();
      x2.set(new ai.djl.ndarray.index.NDIndex(":, 7:"), 3f);
      float[] a = y.toFloatArray();
      float[] b = ssm.forward(x2).toFloatArray();
      for (int row = 0; row < 5; row++) {
        for (int t = 0; t < 7; t++) {
          for (int c = 0; c < 8; c++) {
            int i = (row * 11 + t) * 8 + c;
            assertThat((double) b[i]).isCloseTo(a[i], offset(EPS));
          }
        }
      }
      assertThatThrownBy(() -> ssm.forward(m.ones(new Shape(5, 11, 9))))
          .hasMessageContaining("ssm.input")
          .hasMessageContaining("[rows, time, d]");
    }
  }

  @Test
  void embeddingLooksUpRows() {
    try (Params p = new Params(Device.cpu(), 4);
        NDManager m = p.manager().newSubManager()) {
      Embedding e = new Embedding(p, "e", 5, 4, 1);
      NDArray y = e.forward(m.create(new long[] {0, 4, 2, 2, 1, 3}, new Shape(2, 3)));
      assertThat(y.getShape()).isEqualTo(new Shape(2, 3, 4));
      float[] table = e.table().toFloatArray();
      float[] out = y.toFloatArray();
      for (int c = 0; c < 4; c++) {
        assertThat(out[4 + c]).isEqualTo(table[4 * 4 + c]);
      }
      assertThatThrownBy(() -> e.checkIndex("body", 5)).hasMessageContaining("rows 0..4");
    }
  }
}
