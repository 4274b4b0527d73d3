package io.delos.worldmodel.physsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.delos.sim.State;
import io.delos.sim.Trajectory;
import io.delos.sim.json.Json;
import io.delos.worldmodel.data.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Shape contracts, learning on small data, irregular time gaps and determinism of the forecasters.
 * One small Phy-SSM is trained once for the class (about a hundred steps on a few dozen pendulum
 * windows).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecasterTest {
  private static final int LENGTH = 36;
  private static final int OBSERVED = 24;
  private static final double PERIOD = 0.05;

  private List<ForecastWindow> train;
  private List<ForecastWindow> test;
  private Forecaster trained;

  /** A configuration small enough to train in seconds. */
  static ForecastConfig small(int iterations) {
    return ForecastConfig.read(
        Json.parse(
            "{\"width\": 16, \"encoderState\": 8, \"decoderHidden\": 32, \"cellWidth\": 16,"
                + " \"cellState\": 8, \"odeHidden\": 32, \"batchSize\": 8, \"validateEvery\": 40,"
                + " \"iterations\": "
                + iterations
                + "}",
            "test"),
        ForecastConfig.defaults());
  }

  @BeforeAll
  void trainOnce() {
    train = PendulumWindows.generate(48, LENGTH, OBSERVED, PERIOD, 0.02, 0.15, 11);
    test = PendulumWindows.generate(16, LENGTH, OBSERVED, PERIOD, 0.02, 0.15, 12);
    trained =
        Forecaster.train(
            train, KnownPhysics.pendulum(10, 1), Arm.PHY_SSM, small(120), TrainingListener.NONE);
  }

  @Test
  void everyArmMapsABatchToPredictionsAndLatentsOfTheDocumentedShapes() {
    PhysicsDeclaration d = KnownPhysics.pendulum(10, 1);
    List<Sample> samples = new ArrayList<>();
    samples.add(Sample.of(train.get(0), Sample.Mode.TRAIN, LENGTH));
    samples.add(Sample.of(train.get(1), Sample.Mode.EVALUATE, LENGTH));
    samples.add(Sample.of(train.get(2), Sample.Mode.TRAIN, OBSERVED + 3));
    int tr = samples.stream().mapToInt(Sample::rollLength).max().orElseThrow();
    for (Arm arm : Arm.values()) {
      try (Model model = Model.newInstance("shapes", Device.cpu())) {
        ForecastNetwork net =
            Forecaster.create(
                arm,
                d,
                small(1),
                Forecaster.normalizerOf(train),
                Forecaster.actionStatistics(train));
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1));
        net.seed(new SplittableRandom(1));
        try (NDManager mg = model.getNDManager().newSubManager()) {
          NDList in =
              ForecastBatch.of(
                  mg,
                  samples,
                  Forecaster.normalizerOf(train),
                  PERIOD,
                  net.latentWidth(),
                  new SplittableRandom(2));
          NDList out = net.forward(new ParameterStore(mg, false), in, false);
          assertThat(out.get("prediction").getShape())
              .as(arm.name())
              .isEqualTo(new Shape(3, tr, 3));
          assertThat(out.get("latent").getShape().get(0)).isEqualTo(3);
          assertThat(out.get("latent").getShape().get(1)).isEqualTo(tr);
          assertThat(out.get("loss").getShape().isScalar()).isTrue();
          assertThat(out.get("loss").getFloat()).isFinite();
        }
      }
    }
  }

  @Test
  void smallPhySsmLearnsToForecastFarBetterThanHoldingTheLastMeasurement() {
    Normalizer normalizer = Forecaster.normalizerOf(train);
    ForecastMetrics learned =
        ForecastMetrics.measure(trained.predict(test), test, normalizer, new int[0]);
    List<double[]> hold = new ArrayList<>();
    for (ForecastWindow w : test) {
      double[] p = new double[w.length() * 3];
      int last = 0;
      for (int k = 0; k < w.length(); k++) {
        if (k < w.observedSteps() && w.kept(k)) {
          last = k;
        }
        for (int c = 0; c < 3; c++) {
          p[k * 3 + c] = w.measured(last, c);
        }
      }
      hold.add(p);
    }
    ForecastMetrics baseline = ForecastMetrics.measure(hold, test, normalizer, new int[0]);
    assertThat(learned.extrapolationMae()).isLessThan(0.5 * baseline.extrapolationMae());
    assertThat(learned.interpolationMae()).isLessThan(0.5 * baseline.interpolationMae());
  }

  @Test
  void resampledMeasurementsOfOneTrajectoryGiveTheSameForecast() {
    // One trajectory, measured on two different irregular subsets of its grid.
    ForecastWindow w = PendulumWindows.generate(1, LENGTH, OBSERVED, PERIOD, 0.0, 0.0, 77).get(0);
    double[] queries = new double[LENGTH - OBSERVED];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = w.time(OBSERVED + i);
    }
    ActionSchedule future = schedule(w);
    Forecast a = trained.forecast(observed(w, 0.2, 1, 1.0), future, queries);
    Forecast b = trained.forecast(observed(w, 0.2, 2, 1.0), future, queries);
    // Lying about the gaps (timestamps squeezed by 30%) must change the forecast far more.
    Forecast squeezed = trained.forecast(observed(w, 0.2, 1, 0.7), future, queries);
    double resampled = meanAbsDifference(a, b);
    double wrongTimes = meanAbsDifference(a, squeezed);
    assertThat(resampled).isLessThan(0.1);
    assertThat(wrongTimes).isGreaterThan(3 * resampled);
  }

  @Test
  void forecastsAtAnyTimesAgreeWithTheGridPrediction() {
    ForecastWindow w = test.get(0);
    double[] grid = trained.predict(List.of(w)).get(0);
    double[] queries = {w.time(OBSERVED + 5), w.time(3), w.time(LENGTH - 1)};
    Trajectory.Builder kept = Trajectory.builder("pendulum", 3, 1);
    for (int k = 0; k < w.observedSteps(); k++) {
      if (w.kept(k)) {
        double[] o = {w.measured(k, 0), w.measured(k, 1), w.measured(k, 2)};
        kept.add(w.time(k), o, new double[] {w.action(k, 0)}, 0, 0);
      }
    }
    Forecast f = trained.forecast(kept.build(), schedule(w), queries);
    int[] rows = {OBSERVED + 5, 3, LENGTH - 1};
    for (int i = 0; i < 3; i++) {
      for (int c = 0; c < 3; c++) {
        assertThat(f.observation(i, c))
            .isCloseTo(grid[rows[i] * 3 + c], org.assertj.core.api.Assertions.within(1e-4));
      }
    }
    assertThatThrownBy(() -> trained.forecast(observed(w, 0, 0, 1.0), null, new double[] {-1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queryTimes[0] = -1.0 s");
  }

  @Test
  void rolloutFollowsTheDynamicsContract() {
    double[] actions = {0.5, -0.5, 1.0, 0.0, 0.2, 0.3};
    List<State> starts = List.of(State.of(0.1, -0.99, 1.0), State.of(-0.5, -0.86, -2.0));
    double[] first = trained.rollout(starts, 3, actions);
    double[] second = trained.rollout(starts, 3, actions);
    assertThat(first).hasSize(2 * 3 * 3).containsExactly(second);
    assertThatThrownBy(() -> trained.rollout(starts, 3, new double[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("actions has 5 values");
  }

  @Test
  void theSameSeedTrainsBitIdenticalModels() {
    List<ForecastWindow> few = train.subList(0, 12);
    double[] first;
    double[] second;
    try (Forecaster f =
        Forecaster.train(
            few, KnownPhysics.pendulum(10, 1), Arm.PHY_SSM, small(6), TrainingListener.NONE)) {
      first = f.predict(test.subList(0, 2)).get(1);
    }
    // Garbage collection between runs must not change anything (no tensor borrows freed memory).
    System.gc();
    try (Forecaster f =
        Forecaster.train(
            few, KnownPhysics.pendulum(10, 1), Arm.PHY_SSM, small(6), TrainingListener.NONE)) {
      second = f.predict(test.subList(0, 2)).get(1);
    }
    assertThat(second).containsExactly(first);
  }

  private static ActionSchedule schedule(ForecastWindow w) {
    double[] t = new double[w.length()];
    double[] a = new double[w.length()];
    for (int k = 0; k < w.length(); k++) {
      t[k] = w.time(k);
      a[k] = w.action(k, 0);
    }
    return ActionSchedule.of(t, a, 1);
  }

  /** The observed window's points, each dropped with probability {@code drop}, times scaled. */
  private static Trajectory observed(ForecastWindow w, double drop, long seed, double timeScale) {
    SplittableRandom r = new SplittableRandom(seed);
    Trajectory.Builder b = Trajectory.builder("pendulum", 3, 1);
    for (int k = 0; k < w.observedSteps(); k++) {
      if (k == 0 || k == w.observedSteps() - 1 || r.nextDouble() >= drop) {
        double[] o = {w.measured(k, 0), w.measured(k, 1), w.measured(k, 2)};
        b.add(w.time(k) * timeScale, o, new double[] {w.action(k, 0)}, 0, 0);
      }
    }
    return b.build();
  }

  private static double meanAbsDifference(Forecast a, Forecast b) {
    double sum = 0;
    for (int i = 0; i < a.count(); i++) {
      for (int c = 0; c < a.observationSize(); c++) {
        sum += Math.abs(a.observation(i, c) - b.observation(i, c));
      }
    }
    return sum / (a.count() * a.observationSize());
  }

  @SuppressWarnings("unused")
  private static void engine() {
    Engine.getInstance();
  }
}
