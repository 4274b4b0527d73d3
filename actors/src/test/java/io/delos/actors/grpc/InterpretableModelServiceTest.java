package io.delos.actors.grpc;

import static io.delos.actors.grpc.Rpc.fails;
import static io.delos.actors.grpc.Rpc.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import io.delos.proto.v1.CancelJobRequest;
import io.delos.proto.v1.ConceptGroup;
import io.delos.proto.v1.ExplainRequest;
import io.delos.proto.v1.ExplainResponse;
import io.delos.proto.v1.FitInterpretableRequest;
import io.delos.proto.v1.FitInterpretableUpdate;
import io.delos.proto.v1.InterpretableModelServiceGrpc;
import io.delos.proto.v1.JobState;
import io.delos.proto.v1.PolynomialTerm;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InterpretableModelServiceTest {
  /** Validation R² the fit must reach on noise-free planted data, dimensionless. */
  private static final double MIN_R2 = 0.95;

  /** Smallest |coefficient| the planted interaction must keep, target units. */
  private static final double PLANTED_TERM = 0.1;

  private static final int ROWS = 400;

  private static InProcessDelos delos;
  private static InterpretableModelServiceGrpc.InterpretableModelServiceBlockingStub cat;

  @BeforeAll
  static void start() {
    delos = new InProcessDelos();
    cat =
        InterpretableModelServiceGrpc.newBlockingStub(delos.channel)
            .withDeadlineAfter(300, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    delos.close();
  }

  /**
   * Rows of three features in two concepts, a = x1 + x2 and b = x3, with the target y = 1 + a + b +
   * 2·a·b.
   */
  private static FitInterpretableRequest.Builder planted() {
    SplittableRandom r = new SplittableRandom(7);
    double[] x = new double[ROWS * 3];
    double[] y = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      double x1 = r.nextDouble(-1, 1);
      double x2 = r.nextDouble(-1, 1);
      double x3 = r.nextDouble(-1, 1);
      x[3 * i] = x1;
      x[3 * i + 1] = x2;
      x[3 * i + 2] = x3;
      double a = x1 + x2;
      y[i] = 1 + a + x3 + 2 * a * x3;
    }
    return FitInterpretableRequest.newBuilder()
        .addAllFeatureNames(List.of("x1", "x2", "x3"))
        .setFeatures(tensor(x, ROWS, 3))
        .setTarget(tensor(y, ROWS))
        .addConcepts(ConceptGroup.newBuilder().setName("a").addFeatures("x1").addFeatures("x2"))
        .addConcepts(ConceptGroup.newBuilder().setName("b").addFeatures("x3"))
        .setSeed(3);
  }

  @Test
  void fitStreamsProgressThenHostsAModelWhoseExplanationKeepsThePlantedInteraction() {
    List<FitInterpretableUpdate> updates = new ArrayList<>();
    cat.fit(planted().build()).forEachRemaining(updates::add);

    assertThat(updates).hasSizeGreaterThan(2);
    String job = updates.get(0).getProgress().getJobId();
    assertThat(job).isNotBlank();
    assertThat(updates).allSatisfy(u -> assertThat(u.getProgress().getJobId()).isEqualTo(job));
    assertThat(updates.get(1).getProgress().getState()).isEqualTo(JobState.JOB_STATE_RUNNING);
    FitInterpretableUpdate last = updates.get(updates.size() - 1);
    assertThat(last.getProgress().getState()).isEqualTo(JobState.JOB_STATE_SUCCEEDED);
    assertThat(last.getProgress().getFraction()).isEqualTo(1.0);
    assertThat(last.getModelId()).isNotBlank();
    assertThat(last.getValidationScore()).isGreaterThan(MIN_R2);

    ExplainResponse e =
        cat.explain(ExplainRequest.newBuilder().setModelId(last.getModelId()).build());
    assertThat(e.getThreshold()).isEqualTo(InterpretableMapper.DEFAULT_THRESHOLD);
    assertThat(e.getPolynomial()).startsWith("y = ").contains("a·b");
    assertThat(e.getTermsList())
        .anySatisfy(
            t -> {
              assertThat(t.getConceptsList()).containsExactly("a", "b");
              assertThat(Math.abs(t.getCoefficient())).isGreaterThan(PLANTED_TERM);
            });
    assertThat(e.getTermsList())
        .allSatisfy(
            t -> assertThat(Math.abs(t.getCoefficient())).isGreaterThanOrEqualTo(e.getThreshold()));

    double high = 1e6;
    ExplainResponse none =
        cat.explain(
            ExplainRequest.newBuilder().setModelId(last.getModelId()).setThreshold(high).build());
    assertThat(none.getTermsList()).extracting(PolynomialTerm::getCoefficient).isEmpty();

    assertThat(cat.cancel(CancelJobRequest.newBuilder().setJobId(job).build()).getState())
        .as("a finished job reports its final state")
        .isEqualTo(JobState.JOB_STATE_SUCCEEDED);
  }

  @Test
  void cancelStopsARunningFitWhichEndsCancelledWithoutAModel() {
    Iterator<FitInterpretableUpdate> it = cat.fit(planted().setSeed(11).build());
    FitInterpretableUpdate first = it.next();
    String job = first.getProgress().getJobId();
    assertThat(first.getProgress().getState()).isEqualTo(JobState.JOB_STATE_QUEUED);

    assertThat(cat.cancel(CancelJobRequest.newBuilder().setJobId(job).build()).getState())
        .isEqualTo(JobState.JOB_STATE_CANCELLED);
    FitInterpretableUpdate last = first;
    while (it.hasNext()) {
      last = it.next();
    }
    assertThat(last.getProgress().getState()).isEqualTo(JobState.JOB_STATE_CANCELLED);
    assertThat(last.getModelId()).isEmpty();
    assertThat(cat.cancel(CancelJobRequest.newBuilder().setJobId(job).build()).getState())
        .isEqualTo(JobState.JOB_STATE_CANCELLED);
  }

  @Test
  void badFitRequestsAreInvalidArgumentsNamingTheFieldAndTheValue() {
    assertThat(fitFails(planted().setFeatureNames(2, "x1"))).contains("feature_names[2]", "'x1'");
    assertThat(fitFails(planted().setFeatures(tensor(new double[ROWS * 2], ROWS, 2))))
        .contains("features.shape = [400, 2]", "[row, 3]");
    assertThat(fitFails(planted().setTarget(tensor(new double[5], 5))))
        .contains("target.shape = [5]", "[400]");
    assertThat(
            fitFails(
                planted()
                    .setConcepts(
                        1, ConceptGroup.newBuilder().setName("b").addFeatures("x4").build())))
        .contains("concepts[1].features[0] = 'x4'", "feature_names");
    assertThat(
            fitFails(
                planted()
                    .setConcepts(
                        1, ConceptGroup.newBuilder().setName("b").addFeatures("x1").build())))
        .contains("'x1'", "already in concepts[0]");
    assertThat(fitFails(planted().removeConcepts(1))).contains("x3", "every feature");
    assertThat(fitFails(planted().setOrder(4))).contains("order = 4", "2 or 3");
    assertThat(fitFails(planted().setRank(65))).contains("rank = 65", "1 to 64");
    assertThat(fitFails(planted().setPenalty(-1))).contains("penalty = -1.0", ">= 0");
    assertThat(fitFails(planted().setValidationFraction(0.6)))
        .contains("validation_fraction = 0.6", "(0, 0.5)");
  }

  private static String fitFails(FitInterpretableRequest.Builder request) {
    return fails(
        Status.Code.INVALID_ARGUMENT,
        () -> {
          Iterator<FitInterpretableUpdate> it = cat.fit(request.build());
          while (it.hasNext()) {
            it.next();
          }
        });
  }

  @Test
  void unknownIdsAreNotFoundAndBadThresholdsInvalid() {
    assertThat(
            fails(
                Status.Code.NOT_FOUND,
                () -> cat.explain(ExplainRequest.newBuilder().setModelId("nope").build())))
        .contains("model_id = 'nope'");
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () -> cat.explain(ExplainRequest.newBuilder().setModelId("").build())))
        .contains("model_id");
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () ->
                    cat.explain(
                        ExplainRequest.newBuilder().setModelId("nope").setThreshold(-1).build())))
        .contains("threshold = -1.0", ">= 0");
    assertThat(
            fails(
                Status.Code.NOT_FOUND,
                () -> cat.cancel(CancelJobRequest.newBuilder().setJobId("cat-job-999").build())))
        .contains("job_id = 'cat-job-999'");
  }
}
