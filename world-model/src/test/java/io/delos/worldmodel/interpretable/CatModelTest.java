package io.delos.worldmodel.interpretable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class CatModelTest {
  /** float32 round-off relative to the output's scale, target units. */
  private static final double FLOAT_TOLERANCE = 2e-4;

  /** Printing threshold for the planted polynomial, target units per standard deviation. */
  private static final double THRESHOLD = 0.1;

  /** How close a recovered planted coefficient must be, target units per standard deviation. */
  private static final double COEFFICIENT_TOLERANCE = 0.1;

  private static Table table(int rows, int features, long seed, ToDoubleFunction<double[]> f) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[rows][features];
    double[] y = new double[rows];
    List<String> names = new ArrayList<>();
    for (int j = 0; j < features; j++) {
      names.add("x" + (j + 1));
    }
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < features; j++) {
        // Uniform on [−√3, √3]: mean 0, variance 1.
        x[i][j] = r.nextDouble(-Math.sqrt(3), Math.sqrt(3));
      }
      y[i] = f.applyAsDouble(x[i]);
    }
    return new Table(names, x, y);
  }

  private static CatConfig quick(int order, int hidden, int epochs) {
    return new CatConfig(order, 4, hidden, 1e-3, 0.2, epochs, 15, 128, 1e-2, 11);
  }

  @Test
  void polynomialRebuiltFromTheTuckerFactorsEqualsTheNetworkOnRandomConcepts() {
    Table data = table(400, 4, 1, x -> x[0] * x[1] + x[2] * x[2] * x[3] + 0.5 * x[3]);
    List<ConceptGroup> groups =
        List.of(
            ConceptGroup.of("a", "x1", "x2"),
            ConceptGroup.of("b", "x3"),
            ConceptGroup.of("c", "x4"));
    for (int order : new int[] {2, 3}) {
      try (CatModel m = CatModel.fit(data, groups, quick(order, 8, 8), FitListener.NONE)) {
        Polynomial p = m.polynomial();
        assertThat(p.degree()).isEqualTo(order);
        assertThat(
                p.coefficients().entrySet().stream()
                    .filter(e -> e.getKey().degree() == order)
                    .mapToDouble(e -> Math.abs(e.getValue()))
                    .max()
                    .orElse(0))
            .as("training moved the order-%d core away from zero", order)
            .isGreaterThan(1e-3);
        SplittableRandom r = new SplittableRandom(3);
        double[][] c = new double[64][3];
        for (double[] row : c) {
          for (int k = 0; k < 3; k++) {
            row[k] = r.nextDouble(-2, 2);
          }
        }
        double[] network = m.predictFromConcepts(c);
        for (int i = 0; i < c.length; i++) {
          double scale = 1 + Math.abs(network[i]);
          assertThat(p.evaluate(c[i])).isCloseTo(network[i], within(FLOAT_TOLERANCE * scale));
        }
      }
    }
  }

  @Test
  void plantedPolynomialIsRecoveredAndAbsentTermsFallBelowTheThreshold() {
    // Single-feature groups and linear encoders: each standardised concept is ± its feature.
    Table data = table(2000, 4, 2, x -> 1.5 * x[0] - 2 * x[1] + 0.8 * x[0] * x[2]);
    List<ConceptGroup> groups =
        List.of(
            ConceptGroup.of("c1", "x1"),
            ConceptGroup.of("c2", "x2"),
            ConceptGroup.of("c3", "x3"),
            ConceptGroup.of("c4", "x4"));
    CatConfig config = new CatConfig(2, 4, 0, 1e-3, 0.2, 150, 15, 256, 1e-2, 5);
    try (CatModel m = CatModel.fit(data, groups, config, FitListener.NONE)) {
      Polynomial e = m.explanation();
      Map<Monomial, Double> planted =
          Map.of(Monomial.of(0), 1.5, Monomial.of(1), -2.0, Monomial.of(0, 2), 0.8);
      Set<Monomial> printed = new HashSet<>();
      for (Map.Entry<Monomial, Double> t : e.coefficients().entrySet()) {
        if (t.getKey().degree() > 0 && Math.abs(t.getValue()) >= THRESHOLD) {
          printed.add(t.getKey());
        }
      }
      assertThat(printed).as(m.explain(THRESHOLD)).isEqualTo(planted.keySet());
      for (Map.Entry<Monomial, Double> t : planted.entrySet()) {
        // An encoder may flip its concept's sign, so magnitudes are compared.
        assertThat(Math.abs(e.coefficient(t.getKey())))
            .as(t.getKey().toString())
            .isCloseTo(Math.abs(t.getValue()), within(COEFFICIENT_TOLERANCE));
      }
      assertThat(m.explain(THRESHOLD)).contains("c1·c3").doesNotContain("c4").contains("< 0.1");
      assertThat(m.validationScore()).isGreaterThan(0.99);
    }
  }

  @Test
  void catBeatsLeastSquaresOnNonlinearData() {
    ToDoubleFunction<double[]> f =
        x -> {
          double body = x[0] * x[0] + 0.5 * x[1];
          double environment = Math.tanh(2 * x[2]) - 0.3 * x[3];
          return body * environment + body;
        };
    Table train = table(1500, 4, 3, f);
    Table test = table(500, 4, 4, f);
    List<ConceptGroup> groups =
        List.of(ConceptGroup.of("body", "x1", "x2"), ConceptGroup.of("environment", "x3", "x4"));
    LinearRegressor linear = LinearRegressor.fit(train);
    try (CatModel cat = CatModel.fit(train, groups, quick(2, 16, 120), FitListener.NONE)) {
      double catR2 = Scores.r2(test.y(), cat.predict(test.x()));
      double linearR2 = Scores.r2(test.y(), linear.predict(test.x()));
      assertThat(catR2).isGreaterThan(0.9).isGreaterThan(linearR2 + 0.3);
    }
  }

  @Test
  void validationAccuracyOfAZeroOneTargetCountsOnlyTheHeldOutRows() {
    // A noisy label: no model gets every row right, and training rows can be memorised.
    SplittableRandom noise = new SplittableRandom(9);
    Table labels =
        table(400, 2, 8, x -> (x[0] + 0.5 * x[1] + 0.8 * noise.nextGaussian()) > 0 ? 1 : 0);
    CatConfig config = quick(2, 16, 60);
    try (CatModel cat =
        CatModel.fit(
            labels, List.of(ConceptGroup.of("all", "x1", "x2")), config, FitListener.NONE)) {
      Split split = Split.of(labels.rows(), config.validationFraction(), config.seed());
      double[] predicted = cat.predict(Split.rows(labels.x(), split.validation()));
      double[] y = Split.values(labels.y(), split.validation());
      int right = 0;
      for (int i = 0; i < y.length; i++) {
        right += (predicted[i] >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
      }
      assertThat(split.validation().length).isEqualTo(80);
      assertThat(cat.validationAccuracy()).isEqualTo((double) right / y.length);
      assertThat(cat.validationAccuracy()).isBetween(0.6, 1.0);
    }
    Table real = table(200, 2, 8, x -> x[0] - x[1]);
    try (CatModel cat =
        CatModel.fit(
            real, List.of(ConceptGroup.of("all", "x1", "x2")), quick(2, 8, 5), FitListener.NONE)) {
      assertThat(cat.validationAccuracy()).isNaN();
    }
  }

  @Test
  void fitOnAFreshThreadGivesTheModelOfTheCallingThread() throws InterruptedException {
    Table data = table(200, 3, 5, x -> x[0] * x[1] + x[2]);
    List<ConceptGroup> groups =
        List.of(ConceptGroup.of("a", "x1", "x2"), ConceptGroup.of("b", "x3"));
    double[] here;
    try (CatModel a = CatModel.fit(data, groups, quick(2, 4, 3), FitListener.NONE)) {
      here = a.predict(data.x());
    }
    // A thread the engine did not start on has PyTorch's grad mode on, as a server's pool has.
    double[][] there = new double[1][];
    Throwable[] failure = new Throwable[1];
    Thread t =
        new Thread(
            () -> {
              try (CatModel b = CatModel.fit(data, groups, quick(2, 4, 3), FitListener.NONE)) {
                there[0] = b.predict(data.x());
              } catch (RuntimeException e) {
                failure[0] = e;
              }
            });
    t.start();
    t.join();
    assertThat(failure[0]).isNull();
    assertThat(there[0]).containsExactly(here);
  }

  @Test
  void sameSeedGivesIdenticalModels() {
    Table data = table(200, 3, 5, x -> x[0] * x[1] + x[2]);
    List<ConceptGroup> groups =
        List.of(ConceptGroup.of("a", "x1", "x2"), ConceptGroup.of("b", "x3"));
    try (CatModel a = CatModel.fit(data, groups, quick(2, 4, 3), FitListener.NONE);
        CatModel b = CatModel.fit(data, groups, quick(2, 4, 3), FitListener.NONE)) {
      assertThat(a.predict(data.x())).containsExactly(b.predict(data.x()));
    }
  }

  @Test
  void listenerCanStopAFitKeepingAUsableModel() {
    Table data = table(200, 2, 6, x -> x[0] + x[1]);
    List<ConceptGroup> groups = List.of(ConceptGroup.of("a", "x1"), ConceptGroup.of("b", "x2"));
    FitListener stop =
        new FitListener() {
          @Override
          public void onEpoch(int epoch, int maxEpochs, double trainLoss, double validationLoss) {}

          @Override
          public boolean stopRequested() {
            return true;
          }
        };
    try (CatModel m = CatModel.fit(data, groups, quick(2, 4, 50), stop)) {
      assertThat(m.epochs()).isZero();
      assertThat(m.predict(data.x())).hasSize(200);
    }
  }

  @Test
  void badConfigIsRefusedNamingTheFieldTheValueAndWhatIsAllowed() {
    CatConfig d = CatConfig.defaults(1);
    assertThatThrownBy(() -> d.withOrder(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("order = 4: allowed 2 or 3");
    assertThatThrownBy(() -> new CatConfig(2, 0, 16, 0, 0.2, 10, 5, 32, 1e-3, 1))
        .hasMessage("rank = 0: allowed 1 to 64");
    assertThatThrownBy(() -> new CatConfig(2, 8, 16, Double.NaN, 0.2, 10, 5, 32, 1e-3, 1))
        .hasMessageContaining("penalty = NaN");
    assertThatThrownBy(() -> new CatConfig(2, 8, 16, 0, 0.6, 10, 5, 32, 1e-3, 1))
        .hasMessage("validationFraction = 0.6: allowed (0, 0.5)");
    assertThatThrownBy(() -> d.withEncoderHidden(-1))
        .hasMessage("encoderHidden = -1: allowed 0 to 256");
  }

  @Test
  void conceptGroupsThatDoNotCoverTheFeaturesExactlyAreRefusedNamingTheField() {
    List<String> names = List.of("x1", "x2");
    assertThatThrownBy(() -> CatModel.groups(names, List.of(ConceptGroup.of("a", "x1", "x9"))))
        .hasMessage("concepts[0].features[1] = 'x9': not a feature; allowed [x1, x2]");
    assertThatThrownBy(() -> CatModel.groups(names, List.of(ConceptGroup.of("a", "x1"))))
        .hasMessageContaining("feature 'x2' is in no concept group");
    assertThatThrownBy(
            () ->
                CatModel.groups(
                    names, List.of(ConceptGroup.of("a", "x1", "x2"), ConceptGroup.of("b", "x2"))))
        .hasMessageContaining("concepts[1].features[0] = 'x2': already in concept 'a'");
    assertThatThrownBy(
            () ->
                new Table(
                    names,
                    new double[][] {
                      {0, 0},
                      {0, 0},
                      {0, 0},
                      {0, 0},
                      {0, 0},
                      {0, 0},
                      {0, 0},
                      {0, 0},
                      {0, 0},
                      {0, Double.NaN}
                    },
                    new double[10]))
        .hasMessage("x[9][1] = NaN: values must be finite");
  }
}
