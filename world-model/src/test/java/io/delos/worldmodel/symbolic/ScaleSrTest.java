package io.delos.worldmodel.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScaleSrTest {
  /** The default settings with a smaller generator and GP, sized for a unit test. */
  private static ScaleSrConfig testConfig() throws IOException {
    Properties p = new Properties();
    try (InputStream in = ScaleSrConfig.class.getResourceAsStream("scalesr.properties")) {
      p.load(in);
    }
    p.setProperty("generator.adamEpochs", "60");
    p.setProperty("generator.lbfgsIterations", "800");
    p.setProperty("univariate.gp.populationSize", "60");
    p.setProperty("gp.populationSize", "100");
    return ScaleSrConfig.fromProperties(p);
  }

  /** Normalised error at which a refitted expression counts as the truth. */
  private static final double EXACT_NMSE = 1e-14;

  private static double[][] sample(List<VariableRange> vars, int n, SplittableRandom random) {
    double[][] x = new double[vars.size()][n];
    for (int v = 0; v < vars.size(); v++) {
      for (int i = 0; i < n; i++) {
        x[v][i] = random.nextDouble(vars.get(v).low(), vars.get(v).high());
      }
    }
    return x;
  }

  private static void assertRecovers(
      SymbolicRegressionResult r, String formula, List<VariableRange> vars) {
    assertThat(r.best()).as("a best expression").isNotNull();
    List<String> names = vars.stream().map(VariableRange::name).toList();
    Expr truth = ExprParser.parse(formula, names);
    double[][] points = sample(vars, 500, new SplittableRandom(99));
    double[] values = Program.compile(truth).evaluate(points, 500);
    Equivalence.Refit refit = Equivalence.refit(r.best().expr(), points, values, 1);
    assertThat(refit.nmse())
        .as("%s recovered as %s; steps:%n%s", formula, r.bestInfix(), String.join("\n", r.steps()))
        .isLessThan(EXACT_NMSE);
  }

  @Test
  void recoversAFourVariableEquationFromAnExactOracle() throws IOException {
    List<VariableRange> vars =
        List.of(
            new VariableRange("q1", 1, 5),
            new VariableRange("q2", 1, 5),
            new VariableRange("epsilon", 1, 5),
            new VariableRange("r", 1, 5));
    String formula = "q1*q2/(4*pi*epsilon*r**2)";
    Expr truth = ExprParser.parse(formula, vars.stream().map(VariableRange::name).toList());
    SymbolicRegressionResult r =
        ScaleSr.run(
            new OracleProblem(vars, "F", Oracle.of(truth), 0, 300),
            Duration.ofSeconds(60),
            3_000_000,
            7,
            testConfig(),
            ProgressListener.NONE,
            new Cancellation());
    assertRecovers(r, formula, vars);
    assertThat(r.steps()).anyMatch(s -> s.contains("frozen"));
  }

  @Test
  void recoversAThreeVariableEquationFromData() throws IOException {
    List<VariableRange> vars =
        List.of(
            new VariableRange("a", 1, 3),
            new VariableRange("b", 1, 3),
            new VariableRange("c", 1, 3));
    String formula = "2.5*a*b/c**2";
    Expr truth = ExprParser.parse(formula, List.of("a", "b", "c"));
    double[][] x = sample(vars, 800, new SplittableRandom(3));
    double[] y = Program.compile(truth).evaluate(x, 800);
    List<String> names = new ArrayList<>(List.of("a", "b", "c", "y"));
    double[][] cols = {x[0], x[1], x[2], y};
    SymbolicRegressionRequest request =
        new SymbolicRegressionRequest(
            new Table(names, cols),
            "y",
            List.of(),
            Duration.ofSeconds(30),
            SymbolicRegressionRequest.Clock.THREAD_CPU,
            Long.MAX_VALUE,
            11,
            testConfig());
    List<ProgressListener.Progress> progress = new ArrayList<>();
    SymbolicRegressionResult r = ScaleSr.run(request, progress::add, new Cancellation());
    assertRecovers(r, formula, vars);
    assertThat(r.variables()).containsExactly("a", "b", "c");
    assertThat(progress)
        .first()
        .extracting(ProgressListener.Progress::stage)
        .isEqualTo(ProgressListener.Stage.GENERATOR);
    assertThat(progress)
        .last()
        .extracting(ProgressListener.Progress::stage)
        .isEqualTo(ProgressListener.Stage.DONE);
    assertThat(r.generatorValidationMse()).isFinite();
  }

  @Test
  void aCancelledRunReturnsPromptlyWithWhatItHas() {
    List<VariableRange> vars = List.of(new VariableRange("a", 1, 3), new VariableRange("b", 1, 3));
    Cancellation cancel = new Cancellation();
    cancel.cancel();
    SymbolicRegressionResult r =
        ScaleSr.run(
            new OracleProblem(vars, "y", inputs -> inputs[0].clone(), 0, 50),
            Duration.ofSeconds(60),
            Long.MAX_VALUE,
            1,
            ScaleSrConfig.defaults(),
            ProgressListener.NONE,
            cancel);
    assertThat(r.cancelled()).isTrue();
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(20));
  }
}
