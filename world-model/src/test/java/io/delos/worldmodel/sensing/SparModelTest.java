package io.delos.worldmodel.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.sim.Vec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparModelTest {
  private static final int WINDOW = 16;

  /** Tiny settings: width 16, one block, both objectives. */
  private static SparConfig tiny(int epochs) {
    return new SparConfig(
        WINDOW, 4, 2, 16, 2, 1, 8, 1.0, true, true, 0.25, 0.25, 1, 1, epochs, 4, 1e-2, 7);
  }

  /**
   * Scenes of a pulse from a random source on the plane heard by nodes at random positions: each
   * node's window holds a short pulse delayed by its distance to the source and damped by it.
   */
  static List<SensorScene> pulses(int count, int nodes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<SensorScene> out = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      double sx = r.nextDouble(-1, 1);
      double sy = r.nextDouble(-1, 1);
      List<SensorNode> list = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        double x = r.nextDouble(-1, 1);
        double y = r.nextDouble(-1, 1);
        double distance = Math.hypot(x - sx, y - sy);
        double[] w = new double[WINDOW];
        for (int k = 0; k < WINDOW; k++) {
          double t = k - 4 * distance;
          w[k] = Math.exp(-t * t / 2) / (1 + distance);
        }
        list.add(new SensorNode(x, y, i % 2, (i / 2) % 2, Vec.of(w)));
      }
      out.add(new SensorScene(list));
    }
    return out;
  }

  @Test
  void outputsHaveTheDocumentedShapes() {
    List<SensorScene> scenes = pulses(6, 5, 1);
    try (SparModel model = SparModel.pretrain(scenes, tiny(1), SparModel.Listener.NONE)) {
      SensorScene fewer = scenes.get(0).without(Set.of(1, 3));
      assertThat(model.nodeRepresentations(scenes.get(0), Set.of())).hasDimensions(5, 16);
      assertThat(model.nodeRepresentations(fewer, Set.of(0))).hasDimensions(3, 16);
      assertThat(model.reconstructSignals(fewer, Set.of(0))).hasDimensions(3, WINDOW);
      assertThat(model.representation(List.of(scenes.get(1), fewer))).hasDimensions(2, 32);
      assertThat(model.representationSize()).isEqualTo(32);
    }
  }

  @Test
  void aMaskedSignalDoesNotReachAnyOutput() {
    List<SensorScene> scenes = pulses(6, 5, 2);
    try (SparModel model = SparModel.pretrain(scenes, tiny(2), SparModel.Listener.NONE)) {
      SensorScene scene = scenes.get(0);
      List<SensorNode> changed = new ArrayList<>(scene.nodes());
      double[] noise = new double[WINDOW];
      SplittableRandom r = new SplittableRandom(3);
      for (int k = 0; k < WINDOW; k++) {
        noise[k] = 10 * r.nextGaussian();
      }
      changed.set(2, changed.get(2).withSignal(Vec.of(noise)));
      SensorScene other = new SensorScene(changed);

      double[][] before = model.nodeRepresentations(scene, Set.of(2));
      double[][] after = model.nodeRepresentations(other, Set.of(2));
      double[][] reconstructedBefore = model.reconstructSignals(scene, Set.of(2));
      double[][] reconstructedAfter = model.reconstructSignals(other, Set.of(2));
      assertThat(after).isDeepEqualTo(before);
      assertThat(reconstructedAfter).isDeepEqualTo(reconstructedBefore);
      // Unmasked, the same change does move the outputs: the comparison above is not vacuous.
      assertThat(
              java.util.Arrays.deepEquals(
                  model.nodeRepresentations(other, Set.of()),
                  model.nodeRepresentations(scene, Set.of())))
          .isFalse();
    }
  }

  @Test
  void aTinyModelOverfitsATinySetFarBelowItsUntrainedLoss() {
    List<SensorScene> scenes = pulses(4, 6, 4);
    double untrained;
    try (SparModel model = SparModel.pretrain(scenes, tiny(1), SparModel.Listener.NONE)) {
      untrained = model.pretrainingLoss(scenes, 11);
    }
    List<Double> losses = new ArrayList<>();
    try (SparModel model =
        SparModel.pretrain(scenes, tiny(400), (epoch, loss) -> losses.add(loss))) {
      double trained = model.pretrainingLoss(scenes, 11);
      assertThat(losses).hasSize(400);
      assertThat(trained).isLessThan(0.25 * untrained);
    }
  }

  @Test
  void invalidInputIsRefusedNamingTheFieldTheValueAndTheAllowedRange() {
    List<SensorScene> scenes = pulses(4, 4, 9);
    assertThatThrownBy(() -> SparModel.pretrain(List.of(), tiny(1), SparModel.Listener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scenes is empty: allowed >= 1 scene");
    assertThatThrownBy(() -> new SensorScene(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nodes is empty");
    assertThatThrownBy(() -> new SensorNode(0, 0, 0, 0, Vec.of(0, Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signal[1] = NaN: allowed finite values only");
    assertThatThrownBy(() -> new SensorNode(Double.POSITIVE_INFINITY, 0, 0, 0, Vec.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x = Infinity m: allowed finite values");
    SensorNode shortNode = new SensorNode(0, 0, 0, 0, Vec.of(1, 2, 3));
    List<SensorNode> ragged = new ArrayList<>(scenes.get(0).nodes());
    ragged.add(shortNode);
    assertThatThrownBy(() -> new SensorScene(ragged))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nodes[4].signal has 3 samples: allowed the length of nodes[0]");
    SensorScene wrongWindow = new SensorScene(List.of(shortNode));
    assertThatThrownBy(
            () -> SparModel.pretrain(List.of(wrongWindow), tiny(1), SparModel.Listener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "scenes[0] has windows of 3 samples: allowed the config's window, 16");
    assertThatThrownBy(
            () ->
                new SparConfig(
                    WINDOW, 4, 2, 16, 2, 1, 8, 1.0, true, true, 0.95, 0.25, 1, 1, 1, 4, 1e-2, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signalMaskRatio = 0.95: allowed (0, 0.9]");
    assertThatThrownBy(
            () ->
                new SparConfig(
                    WINDOW, 4, 2, 18, 4, 1, 8, 1.0, true, true, 0.25, 0.25, 1, 1, 1, 4, 1e-2, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width = 18: allowed a multiple of heads = 4");
    assertThatThrownBy(
            () ->
                new SparConfig(
                    WINDOW, 4, 2, 16, 2, 1, 8, 1.0, true, true, 0.25, 0.25, 0, 0, 1, 4, 1e-2, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signalWeight = 0 and positionWeight = 0");
    try (SparModel model = SparModel.pretrain(scenes, tiny(1), SparModel.Listener.NONE)) {
      SensorScene badRole =
          new SensorScene(List.of(new SensorNode(0, 0, 2, 0, Vec.of(new double[WINDOW]))));
      assertThatThrownBy(() -> model.representation(List.of(badRole)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("scenes[0].nodes[0].mounting = 2: allowed 0 to 1");
      assertThatThrownBy(() -> model.nodeRepresentations(scenes.get(0), Set.of(4)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maskedSignals index = 4: allowed 0 to 3");
    }
  }

  @Test
  void theAblationsIgnorePlacementOrTheirPositionObjective() {
    SparConfig none = tiny(2).withoutPlacement();
    SparConfig signalOnly = tiny(2).withSignalReconstructionOnly();
    assertThat(none.spatial()).isFalse();
    assertThat(none.structural()).isFalse();
    assertThat(none.positionWeight()).isEqualTo(tiny(2).positionWeight());
    assertThat(signalOnly.positionWeight()).isZero();
    assertThat(signalOnly.spatial()).isTrue();
    assertThat(signalOnly.structural()).isTrue();

    List<SensorScene> scenes = pulses(6, 5, 13);
    SensorScene scene = scenes.get(0);
    List<SensorNode> moved = new ArrayList<>(scene.nodes());
    SensorNode first = moved.get(0);
    moved.set(
        0,
        new SensorNode(
            first.x() + 0.7,
            first.y() - 0.4,
            1 - first.mounting(),
            first.modality(),
            first.signal()));
    SensorScene other = new SensorScene(moved);
    try (SparModel placementFree = SparModel.pretrain(scenes, none, SparModel.Listener.NONE);
        SparModel spar = SparModel.pretrain(scenes, tiny(2), SparModel.Listener.NONE)) {
      assertThat(placementFree.nodeRepresentations(other, Set.of()))
          .isDeepEqualTo(placementFree.nodeRepresentations(scene, Set.of()));
      assertThat(
              java.util.Arrays.deepEquals(
                  spar.nodeRepresentations(other, Set.of()),
                  spar.nodeRepresentations(scene, Set.of())))
          .isFalse();
    }
  }

  @Test
  void theSameSeedGivesTheSameRepresentation() {
    List<SensorScene> scenes = pulses(8, 5, 12);
    try (SparModel a = SparModel.pretrain(scenes, tiny(3), SparModel.Listener.NONE);
        SparModel b = SparModel.pretrain(scenes, tiny(3), SparModel.Listener.NONE)) {
      assertThat(a.representation(scenes)).isDeepEqualTo(b.representation(scenes));
    }
  }
}
