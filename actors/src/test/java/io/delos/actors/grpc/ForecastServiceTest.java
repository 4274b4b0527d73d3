package io.delos.actors.grpc;

import static io.delos.actors.grpc.Rpc.fails;
import static io.delos.actors.grpc.Rpc.tensor;
import static io.delos.actors.grpc.Rpc.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.delos.actors.eval.ForecastData;
import io.delos.actors.eval.ForecastEvalSettings;
import io.delos.proto.v1.ForecastRequest;
import io.delos.proto.v1.ForecastResponse;
import io.delos.proto.v1.ForecastServiceGrpc;
import io.delos.proto.v1.ForecasterInfo;
import io.delos.proto.v1.ForecasterInfoRequest;
import io.delos.proto.v1.Tensor;
import io.delos.proto.v1.TimedObservation;
import io.delos.sim.Trajectory;
import io.delos.sim.json.Json;
import io.delos.worldmodel.data.Normalizer;
import io.delos.worldmodel.physsm.ActionSchedule;
import io.delos.worldmodel.physsm.Arm;
import io.delos.worldmodel.physsm.Forecast;
import io.delos.worldmodel.physsm.ForecastConfig;
import io.delos.worldmodel.physsm.ForecastWindow;
import io.delos.worldmodel.physsm.Forecaster;
import io.delos.worldmodel.physsm.ForecasterCheckpoint;
import io.delos.worldmodel.physsm.KnownPhysics;
import io.delos.worldmodel.physsm.TrainingListener;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ForecastService} over the in-process channel, serving a small Phy-SSM forecaster of the
 * catalogue pendulum trained for the class (sixty steps on 32 windows, seconds) and saved into the
 * models directory. On this data it reaches about a sixth of the hold-last extrapolation error, so
 * the bound of one half leaves room for other platforms' round-off.
 */
class ForecastServiceTest {
  private static final String MODEL = "pendulum-physsm";

  /** The forecast's extrapolation MAE must be below this share of holding the last measurement. */
  private static final double BEAT_HOLD_LAST = 0.5;

  /** Agreement of the served mean with the forecaster's own, SI units (float32 on the wire). */
  private static final double WIRE_TOLERANCE = 1e-5;

  @TempDir static Path models;

  private static ForecastData.SystemData data;
  private static Forecaster trained;
  private static InProcessDelos delos;
  private static ForecastServiceGrpc.ForecastServiceBlockingStub forecasts;

  @BeforeAll
  static void trainSaveAndServe() throws IOException {
    // Before the engine starts, unless another test started it: PyTorch's default thread pool
    // makes this small model train about ten times slower on a loaded two-core machine.
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "1");
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    ForecastEvalSettings s = ForecastEvalSettings.defaults();
    ForecastEvalSettings small =
        new ForecastEvalSettings(
            s.controlFrequency(),
            36,
            24,
            s.warmupSteps(),
            s.noiseFraction(),
            s.dropMin(),
            s.dropMax(),
            32,
            12,
            s.systems(),
            s.config());
    data = ForecastData.generate(small, "pendulum", 3);
    ForecastConfig config =
        ForecastConfig.read(
            Json.parse(
                "{\"width\": 16, \"encoderState\": 8, \"decoderHidden\": 32, \"cellWidth\": 16,"
                    + " \"cellState\": 8, \"batchSize\": 8, \"validateEvery\": 40,"
                    + " \"iterations\": 60}",
                "test"),
            ForecastConfig.defaults());
    trained =
        Forecaster.train(
            data.train(),
            KnownPhysics.forFamily("pendulum"),
            Arm.PHY_SSM,
            config,
            TrainingListener.NONE);
    trained.save(models.resolve(MODEL), Map.of("purpose", "ForecastServiceTest"));
    Path broken = Files.createDirectories(models.resolve("broken"));
    Files.writeString(broken.resolve(ForecasterCheckpoint.METADATA), "{\"format\": \"other\"}");
    Files.write(broken.resolve(ForecasterCheckpoint.PARAMETERS), new byte[0]);
    delos =
        new InProcessDelos(
            "delos.models.directory = \"" + models.toString().replace("\\", "/") + "\"");
    forecasts =
        ForecastServiceGrpc.newBlockingStub(delos.channel)
            .withDeadlineAfter(InProcessDelos.deadlineSeconds(), TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    delos.close();
    trained.close();
  }

  /** The window's measured observed points, its forecast times and the actions at those times. */
  private static ForecastRequest.Builder request(ForecastWindow w) {
    ForecastRequest.Builder r = ForecastRequest.newBuilder().setModelId(MODEL);
    int o = w.observationSize();
    for (int k = 0; k < w.observedSteps(); k++) {
      if (!w.kept(k)) {
        continue;
      }
      double[] v = new double[o];
      for (int c = 0; c < o; c++) {
        v[c] = w.measured(k, c);
      }
      r.addObservations(
          TimedObservation.newBuilder()
              .setTime(w.time(k))
              .setValues(tensor(v, o))
              .setAction(tensor(new double[] {w.action(k, 0)}, 1)));
    }
    int q = w.length() - w.observedSteps();
    double[] actions = new double[q];
    for (int i = 0; i < q; i++) {
      r.addQueryTimes(w.time(w.observedSteps() + i));
      actions[i] = w.action(w.observedSteps() + i, 0);
    }
    return r.setQueryActions(tensor(actions, q, 1));
  }

  @Test
  void getForecasterInfoDescribesTheSystemChannelsAndKnownPhysics() {
    ForecasterInfo info =
        forecasts.getForecasterInfo(ForecasterInfoRequest.newBuilder().setModelId(MODEL).build());
    assertThat(info.getModelId()).isEqualTo(MODEL);
    assertThat(info.getFamily()).isEqualTo("pendulum");
    assertThat(info.getObservationNamesList()).isEqualTo(data.channels());
    assertThat(info.getActionNamesList()).containsExactly("torque");
    assertThat(info.getKnownPhysics())
        .contains("known A: [theta, omega] = 1.0;")
        .contains("unknown A: [omega, omega]")
        .contains("unknown B: [omega, torque]");
    assertThat(info.getVersion()).isEqualTo(trained.fingerprint());
  }

  @Test
  void forecastsOfHeldOutWindowsBeatHoldingTheLastMeasurementAndMatchTheForecaster() {
    Normalizer n = Forecaster.normalizerOf(data.train());
    double[] std = n.std();
    double model = 0;
    double hold = 0;
    long count = 0;
    for (ForecastWindow w : data.test()) {
      ForecastRequest r = request(w).build();
      ForecastResponse answer = forecasts.forecast(r);
      int q = r.getQueryTimesCount();
      int o = w.observationSize();
      assertThat(answer.getMean().getShapeList()).containsExactly((long) q, (long) o);
      assertThat(answer.getStd().getShapeList()).containsExactly((long) q, (long) o);
      assertThat(answer.getModelVersion()).isEqualTo(trained.fingerprint());
      double[] mean = values(answer.getMean());
      double[] spread = values(answer.getStd());
      double total = 0;
      for (double v : spread) {
        assertThat(v).isFinite().isGreaterThanOrEqualTo(0);
        total += v;
      }
      assertThat(total).as("the posterior spread of the forecast window").isPositive();

      // The same forecast made directly: the service adds nothing and loses nothing.
      Forecast direct = trained.forecast(observed(w), schedule(w), queryTimes(r));
      int last = -1;
      for (int k = 0; k < w.observedSteps(); k++) {
        if (w.kept(k)) {
          last = k;
        }
      }
      for (int i = 0; i < q; i++) {
        int k = w.observedSteps() + i;
        for (int c = 0; c < o; c++) {
          assertThat(mean[i * o + c]).isCloseTo(direct.observation(i, c), within(WIRE_TOLERANCE));
          model += Math.abs(mean[i * o + c] - w.truth(k, c)) / std[c];
          hold += Math.abs(w.measured(last, c) - w.truth(k, c)) / std[c];
          count++;
        }
      }
    }
    assertThat(model / count)
        .as("extrapolation MAE (normalised) of the forecast; holding the last: %s", hold / count)
        .isLessThan(BEAT_HOLD_LAST * hold / count);
  }

  private static Trajectory observed(ForecastWindow w) {
    Trajectory.Builder b = Trajectory.builder("pendulum", w.observationSize(), 1);
    for (int k = 0; k < w.observedSteps(); k++) {
      if (w.kept(k)) {
        double[] v = new double[w.observationSize()];
        for (int c = 0; c < v.length; c++) {
          v[c] = (float) w.measured(k, c);
        }
        b.add(w.time(k), v, new double[] {(float) w.action(k, 0)}, 0, 0);
      }
    }
    return b.build();
  }

  private static ActionSchedule schedule(ForecastWindow w) {
    int q = w.length() - w.observedSteps();
    double[] t = new double[q];
    double[] a = new double[q];
    for (int i = 0; i < q; i++) {
      t[i] = w.time(w.observedSteps() + i);
      a[i] = (float) w.action(w.observedSteps() + i, 0);
    }
    return ActionSchedule.of(t, a, 1);
  }

  private static double[] queryTimes(ForecastRequest r) {
    return r.getQueryTimesList().stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void unknownAndUnloadableModelsAreNotFoundAndFailedPrecondition() {
    ForecastRequest good = request(data.test().get(0)).build();
    String unknown =
        fails(
            Status.Code.NOT_FOUND,
            () -> forecasts.forecast(good.toBuilder().setModelId("cartpole-physsm").build()));
    assertThat(unknown).contains("'cartpole-physsm'").contains(MODEL);
    assertThat(
            fails(
                Status.Code.NOT_FOUND,
                () ->
                    forecasts.getForecasterInfo(
                        ForecasterInfoRequest.newBuilder().setModelId("nothing").build())))
        .contains("'nothing'");
    assertThat(
            fails(
                Status.Code.FAILED_PRECONDITION,
                () -> forecasts.forecast(good.toBuilder().setModelId("broken").build())))
        .contains("'broken'")
        .contains("found format 'other'");
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () -> forecasts.forecast(good.toBuilder().setModelId("a b").build())))
        .contains("model_id = 'a b'");
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () ->
                    forecasts.getForecasterInfo(
                        ForecasterInfoRequest.newBuilder().setModelId("..").build())))
        .contains("model_id = '..': must not start with '.'");
  }

  @Test
  void badObservationsAreInvalidArgumentsNamingTheFieldAndWhatIsAllowed() {
    ForecastRequest good = request(data.test().get(0)).build();
    TimedObservation first = good.getObservations(0);
    assertThat(invalid(good.toBuilder().clearObservations().addObservations(first).build()))
        .contains("observations has 1 entries: allowed 2 to 10000");
    assertThat(invalid(good.toBuilder().setObservations(1, first).build()))
        .contains("observations[1].time = " + first.getTime() + " s")
        .contains("increase strictly");
    assertThat(
            invalid(
                good.toBuilder().setObservations(0, first.toBuilder().setTime(Double.NaN)).build()))
        .contains("observations[0].time = NaN s: must be finite");
    assertThat(
            invalid(
                good.toBuilder()
                    .setObservations(
                        0, first.toBuilder().setValues(tensor(new double[] {0, Double.NaN, 1}, 3)))
                    .build()))
        .contains("observations[0].values.data[1] = NaN");
    assertThat(
            invalid(
                good.toBuilder()
                    .setObservations(0, first.toBuilder().setValues(tensor(new double[] {0, 1}, 2)))
                    .build()))
        .contains("observations[0].values.shape = [2]")
        .contains("reads 3 observation channels " + data.channels());
    assertThat(
            invalid(good.toBuilder().setObservations(0, first.toBuilder().clearAction()).build()))
        .contains("observations[0].action is empty")
        .contains("[torque]");
  }

  @Test
  void badQueriesAreInvalidArgumentsNamingTheFieldAndWhatIsAllowed() {
    ForecastRequest good = request(data.test().get(0)).build();
    double t0 = good.getObservations(0).getTime();
    assertThat(invalid(good.toBuilder().clearQueryTimes().clearQueryActions().build()))
        .contains("query_times has 0 entries: allowed 1 to 10000");
    double[] many = new double[10_001];
    Arrays.fill(many, t0 + 1);
    ForecastRequest.Builder tooMany = good.toBuilder().clearQueryTimes().clearQueryActions();
    for (double t : many) {
      tooMany.addQueryTimes(t);
    }
    assertThat(invalid(tooMany.build())).contains("query_times has 10001 entries");
    assertThat(invalid(good.toBuilder().setQueryTimes(0, t0 - 1).build()))
        .contains("query_times[0] = " + (t0 - 1) + " s")
        .contains(">= the first observation's time, " + t0 + " s");
    assertThat(invalid(good.toBuilder().setQueryTimes(0, Double.POSITIVE_INFINITY).build()))
        .contains("query_times[0] = Infinity s");
    assertThat(invalid(good.toBuilder().setQueryTimes(0, t0 + 1e6).build()))
        .contains("query_times reach")
        .contains("at most 20000 steps");
    assertThat(invalid(good.toBuilder().setQueryActions(tensor(new double[] {1, 2}, 2)).build()))
        .contains("query_actions has rank 1");
    int q = good.getQueryTimesCount();
    double[] clash = values(good.getQueryActions());
    clash[1] = clash[0] + 1;
    assertThat(
            invalid(
                good.toBuilder()
                    .setQueryTimes(1, good.getQueryTimes(0))
                    .setQueryActions(tensor(clash, q, 1))
                    .build()))
        .contains("query_actions rows 0 and 1 differ for the same query time");
    Tensor wrongCount = tensor(new double[] {1, 2, 3}, 3, 1);
    assertThat(invalid(good.toBuilder().setQueryActions(wrongCount).build()))
        .contains("query_actions.shape = [3, 1]")
        .contains("[" + good.getQueryTimesCount() + ", 1]");
  }

  @Test
  void aRequestWhosePlacementMatrixWouldBeTooLargeIsResourceExhaustedSayingWhy() {
    ForecastRequest.Builder r = ForecastRequest.newBuilder().setModelId(MODEL);
    for (int k = 0; k < ForecastMapper.MAX_OBSERVATIONS; k++) {
      r.addObservations(
          TimedObservation.newBuilder()
              .setTime(k * trained.controlPeriod())
              .setValues(tensor(new double[] {0, -1, 0}, 3))
              .setAction(tensor(new double[] {0}, 1)));
    }
    r.addQueryTimes(ForecastMapper.MAX_OBSERVATIONS * trained.controlPeriod());
    assertThat(fails(Status.Code.RESOURCE_EXHAUSTED, () -> forecasts.forecast(r.build())))
        .contains("observations (10000) x integration points")
        .contains("allowed at most " + ForecastMapper.MAX_PLACEMENTS);
  }

  @Test
  void withoutQueryActionsTheLastObservedActionHolds() {
    ForecastRequest r = request(data.test().get(1)).clearQueryActions().build();
    ForecastResponse answer = forecasts.forecast(r);
    Forecast direct = trained.forecast(observed(data.test().get(1)), null, queryTimes(r));
    double[] mean = values(answer.getMean());
    for (int i = 0; i < direct.count(); i++) {
      for (int c = 0; c < direct.observationSize(); c++) {
        assertThat(mean[i * direct.observationSize() + c])
            .isCloseTo(direct.observation(i, c), within(WIRE_TOLERANCE));
      }
    }
  }

  private static String invalid(ForecastRequest r) {
    return fails(Status.Code.INVALID_ARGUMENT, () -> forecasts.forecast(r));
  }
}
