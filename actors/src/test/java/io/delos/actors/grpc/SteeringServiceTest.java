package io.delos.actors.grpc;

import static io.delos.actors.grpc.Rpc.fails;
import static io.delos.actors.grpc.Rpc.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import io.delos.proto.v1.CancelJobRequest;
import io.delos.proto.v1.FitSteererRequest;
import io.delos.proto.v1.FitSteererUpdate;
import io.delos.proto.v1.JobState;
import io.delos.proto.v1.SteerRequest;
import io.delos.proto.v1.SteerResponse;
import io.delos.proto.v1.SteeringMethod;
import io.delos.proto.v1.SteeringServiceGrpc;
import io.delos.worldmodel.steering.SyntheticActivations;
import io.delos.worldmodel.steering.SyntheticActivations.Layout;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SteeringServiceTest {
  /** Held-out accuracy the XOR barrier must reach, dimensionless. */
  private static final double MIN_ACCURACY = 0.9;

  /** Integration time and the baselines' step, activation units. */
  private static final double HORIZON = 1.5;

  private static final int DIMENSION = 4;

  private static final SyntheticActivations TRAIN =
      SyntheticActivations.draw(Layout.XOR, 200, DIMENSION, 41);
  private static final SyntheticActivations TEST =
      SyntheticActivations.draw(Layout.XOR, 60, DIMENSION, 42);

  private static InProcessDelos delos;
  private static SteeringServiceGrpc.SteeringServiceBlockingStub steering;

  @BeforeAll
  static void start() {
    delos = new InProcessDelos();
    steering =
        SteeringServiceGrpc.newBlockingStub(delos.channel).withDeadlineAfter(120, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    delos.close();
  }

  private static io.delos.proto.v1.Tensor rows(double[][] x) {
    double[] flat = new double[x.length * x[0].length];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, flat, i * x[0].length, x[0].length);
    }
    return tensor(flat, x.length, x[0].length);
  }

  private static FitSteererRequest.Builder xor(SteeringMethod method) {
    return FitSteererRequest.newBuilder()
        .setPositives(rows(TRAIN.positives()))
        .setNegatives(rows(TRAIN.negatives()))
        .setMethod(method)
        .setSketchDimension(256)
        .setSeed(5);
  }

  private static List<FitSteererUpdate> fit(FitSteererRequest request) {
    List<FitSteererUpdate> updates = new ArrayList<>();
    steering.fitSteerer(request).forEachRemaining(updates::add);
    return updates;
  }

  /** Mean true log-ratio gain of the held-out negatives steered by {@code steererId}. */
  private static double trueGain(String steererId, SteerResponse response) {
    double[] out = Rpc.values(response.getSteered());
    double gain = 0;
    double[][] neg = TEST.negatives();
    for (int i = 0; i < neg.length; i++) {
      double[] b = new double[DIMENSION];
      System.arraycopy(out, i * DIMENSION, b, 0, DIMENSION);
      gain += (TEST.trueLogRatio(b) - TEST.trueLogRatio(neg[i])) / neg.length;
    }
    assertThat(steererId).isNotEmpty();
    return gain;
  }

  @Test
  void odeSteerFitStreamsProgressThenSteersXorNegativesFurtherUpTheTrueRatioThanCaa() {
    List<FitSteererUpdate> ode = fit(xor(SteeringMethod.STEERING_METHOD_ODESTEER).build());
    List<FitSteererUpdate> caa = fit(xor(SteeringMethod.STEERING_METHOD_CAA).build());

    assertThat(ode.get(0).getProgress().getState()).isEqualTo(JobState.JOB_STATE_QUEUED);
    FitSteererUpdate last = ode.get(ode.size() - 1);
    assertThat(last.getProgress().getState()).isEqualTo(JobState.JOB_STATE_SUCCEEDED);
    assertThat(last.getAccuracy()).isGreaterThan(MIN_ACCURACY);
    String odeId = last.getSteererId();
    String caaId = caa.get(caa.size() - 1).getSteererId();

    SteerResponse odeOut =
        steering.steer(
            SteerRequest.newBuilder()
                .setSteererId(odeId)
                .setActivations(rows(TEST.negatives()))
                .setHorizon(HORIZON)
                .setSteps(10)
                .build());
    SteerResponse caaOut =
        steering.steer(
            SteerRequest.newBuilder()
                .setSteererId(caaId)
                .setActivations(rows(TEST.negatives()))
                .setHorizon(HORIZON)
                .build());

    assertThat(odeOut.getSteered().getShapeList()).containsExactly(60L, (long) DIMENSION);
    assertThat(odeOut.getBarrierBeforeCount()).isEqualTo(60);
    for (int i = 0; i < 60; i++) {
      assertThat(odeOut.getBarrierAfter(i)).isGreaterThan(odeOut.getBarrierBefore(i));
    }
    // Euler paths of length T move at most T; CAA moves exactly T: ODESteer gets no more movement.
    assertThat(trueGain(odeId, odeOut)).isGreaterThan(2 * trueGain(caaId, caaOut));
  }

  @Test
  void everyBaselineFitsAndSteersWithItsBarrierReported() {
    for (SteeringMethod m :
        List.of(
            SteeringMethod.STEERING_METHOD_ODESTEER_RFF,
            SteeringMethod.STEERING_METHOD_ITI,
            SteeringMethod.STEERING_METHOD_REPE,
            SteeringMethod.STEERING_METHOD_LINACT)) {
      List<FitSteererUpdate> u = fit(xor(m).build());
      String id = u.get(u.size() - 1).getSteererId();
      SteerResponse r =
          steering.steer(
              SteerRequest.newBuilder()
                  .setSteererId(id)
                  .setActivations(rows(TEST.negatives()))
                  .setHorizon(0.5)
                  .build());
      assertThat(r.getBarrierAfterCount()).as(m.name()).isEqualTo(60);
    }
  }

  @Test
  void mismatchedDimensionsAreInvalidArgumentsNamingTheField() {
    double[][] narrow = {{1, 2}, {3, 4}, {5, 6}};
    String d =
        fails(
            Status.Code.INVALID_ARGUMENT,
            () ->
                fit(
                    xor(SteeringMethod.STEERING_METHOD_ODESTEER)
                        .setNegatives(rows(narrow))
                        .build()));
    assertThat(d).contains("negatives has dimension 2").contains("dimension of positives, 4");
  }

  @Test
  void aClassWithFewerThanTwoExamplesIsRefused() {
    double[][] one = {{1, 2, 3, 4}};
    String d =
        fails(
            Status.Code.INVALID_ARGUMENT,
            () -> fit(xor(SteeringMethod.STEERING_METHOD_CAA).setPositives(rows(one)).build()));
    assertThat(d).contains("positives.shape = [1, 4]").contains("at least 2 examples");
  }

  @Test
  void nanActivationsAreRefused() {
    double[][] bad = {{1, 2, 3, 4}, {1, Double.NaN, 3, 4}};
    String d =
        fails(
            Status.Code.INVALID_ARGUMENT,
            () ->
                fit(xor(SteeringMethod.STEERING_METHOD_ODESTEER).setNegatives(rows(bad)).build()));
    assertThat(d).contains("negatives.data[5] = NaN").contains("finite");
  }

  @Test
  void sketchDimensionThatIsNotAPowerOfTwoIsRefused() {
    String d =
        fails(
            Status.Code.INVALID_ARGUMENT,
            () ->
                fit(xor(SteeringMethod.STEERING_METHOD_ODESTEER).setSketchDimension(1000).build()));
    assertThat(d).contains("sketch_dimension = 1000").contains("a power of two from 16 to 65536");
  }

  @Test
  void fitWhoseFeatureMatrixWouldBeTooLargeIsResourceExhausted() {
    String d =
        fails(
            Status.Code.RESOURCE_EXHAUSTED,
            () ->
                fit(
                    xor(SteeringMethod.STEERING_METHOD_ODESTEER)
                        .setSketchDimension(65536)
                        .build()));
    assertThat(d).contains("400 examples").contains("sketch_dimension = 65536");
  }

  @Test
  void steerRefusesUnknownIdsBadHorizonsStepsAndDimensions() {
    List<FitSteererUpdate> u = fit(xor(SteeringMethod.STEERING_METHOD_ODESTEER).build());
    String id = u.get(u.size() - 1).getSteererId();
    SteerRequest.Builder ok =
        SteerRequest.newBuilder()
            .setSteererId(id)
            .setActivations(rows(TEST.negatives()))
            .setHorizon(1);

    assertThat(
            fails(
                Status.Code.NOT_FOUND,
                () -> steering.steer(ok.clone().setSteererId("nobody").build())))
        .contains("steerer_id = 'nobody'")
        .contains(id);
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () -> steering.steer(ok.clone().setHorizon(-1).build())))
        .contains("horizon = -1.0")
        .contains("finite and > 0");
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () -> steering.steer(ok.clone().setSteps(5000).build())))
        .contains("steps = 5000")
        .contains("1 to 1000");
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () ->
                    steering.steer(
                        ok.clone().setActivations(rows(new double[][] {{1, 2, 3}})).build())))
        .contains("activations.shape = [1, 3]")
        .contains("expected [batch, 4]");
    double[][] wide = new double[1000][DIMENSION];
    assertThat(
            fails(
                Status.Code.RESOURCE_EXHAUSTED,
                () ->
                    steering.steer(
                        ok.clone()
                            .setActivations(rows(wide))
                            .setSteps(1000)
                            .setIntegrator(io.delos.proto.v1.Integrator.INTEGRATOR_RK4)
                            .build())))
        .contains("1000 rows x 1000 steps (RK4) x 256 features");
  }

  @Test
  void cancelReportsTheFinalStateOfAnEndedFitAndRefusesUnknownJobs() {
    List<FitSteererUpdate> u = fit(xor(SteeringMethod.STEERING_METHOD_CAA).build());
    String job = u.get(0).getProgress().getJobId();

    assertThat(steering.cancel(CancelJobRequest.newBuilder().setJobId(job).build()).getState())
        .isEqualTo(JobState.JOB_STATE_SUCCEEDED);
    assertThat(
            fails(
                Status.Code.NOT_FOUND,
                () ->
                    steering.cancel(CancelJobRequest.newBuilder().setJobId("steer-job-x").build())))
        .contains("steer-job-x");
  }
}
