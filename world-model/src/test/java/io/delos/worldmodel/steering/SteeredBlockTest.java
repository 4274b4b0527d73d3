package io.delos.worldmodel.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.delos.worldmodel.steering.SyntheticActivations.Layout;
import org.junit.jupiter.api.Test;

class SteeredBlockTest {
  /** float32 round-off through two small layers, output units. */
  private static final double FLOAT = 1e-4;

  /** The hooked child: the second linear layer, 8 units. */
  private static final int LAYER = 2;

  private static final SyntheticActivations DATA =
      SyntheticActivations.draw(Layout.XOR, 200, 2, 31);

  private static SequentialBlock network(NDManager m) {
    SequentialBlock net = new SequentialBlock();
    net.add(Linear.builder().setUnits(16).build());
    net.add(Activation::tanh);
    net.add(Linear.builder().setUnits(8).build());
    net.add(Activation::tanh);
    net.add(Linear.builder().setUnits(1).build());
    net.initialize(m, DataType.FLOAT32, new Shape(1, 2));
    return net;
  }

  /** Rows {@code [batch, width]} as a float32 array. */
  private static NDArray input(NDManager m, double[][] rows) {
    int w = rows[0].length;
    float[] flat = new float[rows.length * w];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < w; j++) {
        flat[w * i + j] = (float) rows[i][j];
      }
    }
    return m.create(flat, new Shape(rows.length, w));
  }

  @Test
  void hookedNetworkEqualsSteeringTheLayerByHandAndRaisesItsBarrier() {
    try (NDManager m = NDManager.newBaseManager()) {
      SequentialBlock net = network(m);
      ParameterStore store = new ParameterStore(m, false);
      double[][] pos = SteeredBlock.activations(net, LAYER, store, input(m, DATA.positives()));
      double[][] neg = SteeredBlock.activations(net, LAYER, store, input(m, DATA.negatives()));
      Barrier barrier =
          Barrier.fit(
              pos,
              neg,
              BarrierConfig.defaults(4)
                  .withFeatures(BarrierFeatures.POLYNOMIAL_SKETCH, 256)
                  .withNormalisation(Normalisation.STANDARDISE));
      OdeSteerer steerer = new OdeSteerer(barrier, Integrator.EULER, 10);
      SequentialBlock hooked = SteeredBlock.steerLayer(net, LAYER, steerer, 0.5);

      float[] out =
          hooked
              .forward(store, new NDList(input(m, DATA.negatives())), false)
              .head()
              .toFloatArray();

      double[][] byHand = steerer.steerAll(neg, 0.5);
      NDList x = new NDList(input(m, byHand));
      for (int i = LAYER + 1; i < net.getChildren().size(); i++) {
        x = net.getChildren().get(i).getValue().forward(store, x, false);
      }
      float[] expected = x.head().toFloatArray();
      for (int i = 0; i < out.length; i++) {
        assertThat((double) out[i]).isCloseTo(expected[i], within(FLOAT));
      }
      double raised = 0;
      for (int i = 0; i < neg.length; i++) {
        raised += (barrier.value(byHand[i]) - barrier.value(neg[i])) / neg.length;
      }
      assertThat(raised).isGreaterThan(0.5);
    }
  }

  @Test
  void zeroStrengthAndTrainingForwardsLeaveTheNetworkUnchanged() {
    try (NDManager m = NDManager.newBaseManager()) {
      SequentialBlock net = network(m);
      ParameterStore store = new ParameterStore(m, false);
      AdditiveSteerer caa =
          AdditiveSteerer.meanDifference(
              SteeredBlock.activations(net, LAYER, store, input(m, DATA.positives())),
              SteeredBlock.activations(net, LAYER, store, input(m, DATA.negatives())));
      NDList in = new NDList(input(m, DATA.negatives()));
      float[] plain = net.forward(store, in, false).head().toFloatArray();

      float[] zero =
          SteeredBlock.steerLayer(net, LAYER, caa, 0)
              .forward(store, in, false)
              .head()
              .toFloatArray();
      float[] training =
          SteeredBlock.steerLayer(net, LAYER, caa, 2)
              .forward(store, in, true)
              .head()
              .toFloatArray();
      float[] steered =
          SteeredBlock.steerLayer(net, LAYER, caa, 2)
              .forward(store, in, false)
              .head()
              .toFloatArray();

      assertThat(zero).containsExactly(plain);
      assertThat(training).containsExactly(plain);
      assertThat(steered).isNotEqualTo(plain);
    }
  }

  @Test
  void layerOutOfRangeIsRefusedNamingTheRange() {
    try (NDManager m = NDManager.newBaseManager()) {
      SequentialBlock net = network(m);
      AdditiveSteerer caa =
          AdditiveSteerer.meanDifference(new double[][] {{1}}, new double[][] {{0}});
      assertThatThrownBy(() -> SteeredBlock.steerLayer(net, 5, caa, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("layer is 5; allowed: 0 to 4");
    }
  }
}
