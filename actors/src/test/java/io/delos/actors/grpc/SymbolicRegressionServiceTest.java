package io.delos.actors.grpc;

import static io.delos.actors.grpc.Rpc.fails;
import static io.delos.actors.grpc.Rpc.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import io.delos.proto.v1.CancelJobRequest;
import io.delos.proto.v1.CancelJobResponse;
import io.delos.proto.v1.DiscoverRequest;
import io.delos.proto.v1.DiscoverUpdate;
import io.delos.proto.v1.JobState;
import io.delos.proto.v1.ParetoPoint;
import io.delos.proto.v1.SymbolicRegressionServiceGrpc;
import io.delos.proto.v1.SymbolicRegressionServiceGrpc.SymbolicRegressionServiceBlockingStub;
import io.delos.worldmodel.symbolic.ExprParser;
import io.delos.worldmodel.symbolic.Program;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code SymbolicRegressionService} with the ScaleSR engine: a known formula recovered from a
 * table, bad requests refused naming the field, a long job cancelled by id.
 *
 * <p>Budgets are CPU time of the job's thread ({@code delos.symbolic.budget-clock = thread-cpu}),
 * so that a loaded machine does not shrink the search.
 */
class SymbolicRegressionServiceTest {
  /** Coefficient of determination the recovered formula must reach on fresh points. */
  private static final double MIN_R2 = 0.999;

  /**
   * CPU time of the job thread the discovery may spend, s. Generous: on a loaded machine the JIT
   * compiler gets the cores late, so a CPU second of the job thread does less work (5 s was once
   * too little with eight runnable processes on two cores).
   */
  private static final double DISCOVERY_BUDGET = 12;

  private static final long DISCOVERY_SEED = 2;

  private static final List<String> COLUMNS = List.of("x0", "x1", "x2", "y");

  private static InProcessDelos delos;
  private static SymbolicRegressionServiceBlockingStub symbolic;

  @BeforeAll
  static void start() {
    delos = new InProcessDelos("delos.symbolic { budget-clock = thread-cpu, max-jobs = 2 }");
    symbolic = SymbolicRegressionServiceGrpc.newBlockingStub(delos.channel);
  }

  @AfterAll
  static void stop() {
    delos.close();
  }

  /** y = 1.5·x0·x1 + sin(x2) with x0, x1 in [−2, 2] and x2 in [−3, 3]. */
  static double formula(double x0, double x1, double x2) {
    return 1.5 * x0 * x1 + Math.sin(x2);
  }

  /** {@code rows} points of the formula, row-major [row, (x0, x1, x2, y)]. */
  static double[] table(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] t = new double[rows * 4];
    for (int i = 0; i < rows; i++) {
      double x0 = r.nextDouble(-2, 2);
      double x1 = r.nextDouble(-2, 2);
      double x2 = r.nextDouble(-3, 3);
      t[4 * i] = x0;
      t[4 * i + 1] = x1;
      t[4 * i + 2] = x2;
      t[4 * i + 3] = formula(x0, x1, x2);
    }
    return t;
  }

  static DiscoverRequest.Builder formulaRequest(double budgetSeconds) {
    return DiscoverRequest.newBuilder()
        .addAllColumns(COLUMNS)
        .setTable(tensor(table(400, 7), 400, 4))
        .setTarget("y")
        .setBudgetSeconds(budgetSeconds)
        .setSeed(DISCOVERY_SEED);
  }

  /** R² of {@code infix} (over x0, x1, x2) against the formula on 2000 fresh points. */
  static double freshR2(String infix) {
    Program p = Program.compile(ExprParser.parse(infix, COLUMNS.subList(0, 3)));
    int n = 2000;
    SplittableRandom r = new SplittableRandom(99);
    double[][] x = new double[3][n];
    double[] y = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      x[0][i] = r.nextDouble(-2, 2);
      x[1][i] = r.nextDouble(-2, 2);
      x[2][i] = r.nextDouble(-3, 3);
      y[i] = formula(x[0][i], x[1][i], x[2][i]);
      mean += y[i] / n;
    }
    double[] f = p.evaluate(x, n);
    double sse = 0;
    double sst = 0;
    for (int i = 0; i < n; i++) {
      sse += (f[i] - y[i]) * (f[i] - y[i]);
      sst += (y[i] - mean) * (y[i] - mean);
    }
    return 1 - sse / sst;
  }

  @Test
  void discoverRecoversAKnownFormulaFromATableStreamingProgressThenTheFront() {
    List<DiscoverUpdate> updates = new ArrayList<>();
    symbolic
        .withDeadlineAfter(300, TimeUnit.SECONDS)
        .discover(formulaRequest(DISCOVERY_BUDGET).build())
        .forEachRemaining(updates::add);

    assertThat(updates).hasSizeGreaterThan(2);
    String jobId = updates.get(0).getProgress().getJobId();
    assertThat(jobId).isNotBlank();
    assertThat(updates.get(0).getProgress().getMessage()).contains("400 rows (80 held out)");
    for (DiscoverUpdate u : updates.subList(0, updates.size() - 1)) {
      assertThat(u.getProgress().getJobId()).isEqualTo(jobId);
      assertThat(u.getProgress().getState()).isEqualTo(JobState.JOB_STATE_RUNNING);
      assertThat(u.hasResult()).isFalse();
    }
    DiscoverUpdate last = updates.get(updates.size() - 1);
    assertThat(last.getProgress().getState()).isEqualTo(JobState.JOB_STATE_SUCCEEDED);
    assertThat(last.hasResult()).isTrue();
    List<ParetoPoint> front = last.getResult().getFrontList();
    assertThat(front).isNotEmpty();
    for (int i = 0; i < front.size(); i++) {
      ParetoPoint p = front.get(i);
      assertThat(p.getComplexity()).isGreaterThanOrEqualTo(1);
      assertThat(p.getMse()).isGreaterThanOrEqualTo(0);
      assertThat(p.getR2()).isLessThanOrEqualTo(1);
      assertThat(p.getInfix()).isNotBlank();
      assertThat(p.getLatex()).isNotBlank();
      if (i > 0) {
        assertThat(p.getComplexity()).isGreaterThan(front.get(i - 1).getComplexity());
      }
    }
    String best = last.getResult().getBestInfix();
    assertThat(front).extracting(ParetoPoint::getInfix).contains(best);
    assertThat(freshR2(best)).as("R² of %s on fresh points", best).isGreaterThan(MIN_R2);
    ParetoPoint chosen =
        front.stream().filter(p -> p.getInfix().equals(best)).findFirst().orElseThrow();
    assertThat(chosen.getR2()).as("held-out R² of %s", best).isGreaterThan(MIN_R2);
  }

  @Test
  void badRequestsAreInvalidArgumentsNamingTheFieldTheValueAndWhatIsAllowed() {
    double[] small = new double[24];
    for (int i = 0; i < 12; i++) {
      small[2 * i] = i;
      small[2 * i + 1] = 2 * i + 1;
    }
    DiscoverRequest valid =
        DiscoverRequest.newBuilder()
            .addColumns("x")
            .addColumns("y")
            .setTable(tensor(small, 12, 2))
            .setTarget("y")
            .setBudgetSeconds(1)
            .build();
    record Case(UnaryOperator<DiscoverRequest.Builder> change, String... mentions) {}
    double[] withNan = small.clone();
    withNan[5] = Double.NaN;
    List<Case> cases =
        List.of(
            new Case(b -> b.setTarget("z"), "target", "'z'", "[x, y]"),
            new Case(b -> b.setTable(tensor(withNan, 12, 2)), "table.data[5]", "NaN", "finite"),
            new Case(b -> b.setTable(tensor(small, 8, 3)), "table.shape", "[8, 3]", "[row, 2]"),
            new Case(b -> b.setTable(tensor(small, 24)), "table", "rank 1", "rank 2"),
            new Case(b -> b.setTable(tensor(small, 12, 3)), "table has 24 values", "36"),
            new Case(
                b -> b.setTable(tensor(new double[10], 5, 2)), "table.shape", "5 rows", "10 to"),
            new Case(b -> b.setBudgetSeconds(0), "budget_seconds = 0.0", "(0, 3600]"),
            new Case(b -> b.setBudgetSeconds(-1), "budget_seconds = -1.0"),
            new Case(b -> b.setBudgetSeconds(Double.NaN), "budget_seconds = NaN"),
            new Case(b -> b.setBudgetSeconds(1e5), "budget_seconds = 100000.0", "(0, 3600]"),
            new Case(b -> b.clearColumns().addColumns("y"), "columns has 1 names", "2 to 64"),
            new Case(b -> b.clearColumns(), "columns has 0 names"),
            new Case(b -> b.setColumns(0, "y"), "columns[1] = 'y' repeats columns[0]"),
            new Case(b -> b.setColumns(0, ""), "columns[0] = ''", "a letter"),
            new Case(b -> b.setColumns(0, "a b"), "columns[0] = 'a b'"),
            new Case(b -> b.setColumns(0, "sin"), "columns[0] = 'sin'", "pi"));
    for (Case c : cases) {
      DiscoverRequest bad = c.change().apply(valid.toBuilder()).build();
      String why =
          fails(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  symbolic
                      .withDeadlineAfter(30, TimeUnit.SECONDS)
                      .discover(bad)
                      .forEachRemaining(u -> {}));
      assertThat(why).contains(c.mentions());
    }
  }

  @Test
  void cancelEndsALongRunningJobPromptlyWithTheBestFoundSoFar() {
    Iterator<DiscoverUpdate> updates =
        symbolic.withDeadlineAfter(300, TimeUnit.SECONDS).discover(formulaRequest(600).build());
    String jobId = updates.next().getProgress().getJobId();
    // Let the search get going (the generator fit reports first).
    assertThat(updates.next().getProgress().getState()).isEqualTo(JobState.JOB_STATE_RUNNING);

    long asked = System.nanoTime();
    CancelJobResponse r =
        symbolic
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .cancel(CancelJobRequest.newBuilder().setJobId(jobId).build());
    assertThat(r.getState()).isEqualTo(JobState.JOB_STATE_CANCELLED);
    DiscoverUpdate last = null;
    while (updates.hasNext()) {
      last = updates.next();
    }
    double seconds = (System.nanoTime() - asked) / 1e9;

    assertThat(last).isNotNull();
    assertThat(last.getProgress().getState()).isEqualTo(JobState.JOB_STATE_CANCELLED);
    assertThat(last.hasResult()).isTrue();
    // The budget was 600 s of CPU time; a cancelled search stops at its next check.
    assertThat(seconds).as("seconds from Cancel to the end of the call").isLessThan(60);
    assertThat(
            symbolic
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .cancel(CancelJobRequest.newBuilder().setJobId(jobId).build())
                .getState())
        .isEqualTo(JobState.JOB_STATE_CANCELLED);
  }

  @Test
  void cancelOfAnIdThatNamesNoJobIsNotFoundAndOfAMalformedIdInvalid() {
    String why =
        fails(
            Status.Code.NOT_FOUND,
            () ->
                symbolic
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .cancel(CancelJobRequest.newBuilder().setJobId("sr-424242").build()));
    assertThat(why).contains("job_id = 'sr-424242'");
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () ->
                    symbolic
                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                        .cancel(CancelJobRequest.getDefaultInstance())))
        .contains("job_id");
  }
}
