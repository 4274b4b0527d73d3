package io.delos.actors.grpc;

import static io.delos.actors.grpc.Rpc.fails;
import static io.delos.actors.grpc.Rpc.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import io.delos.proto.v1.FineTuneProgress;
import io.delos.proto.v1.FineTuneRequest;
import io.delos.proto.v1.ListModelsRequest;
import io.delos.proto.v1.ModelInfo;
import io.delos.proto.v1.ModelInfoRequest;
import io.delos.proto.v1.ModelKind;
import io.delos.proto.v1.PredictRequest;
import io.delos.proto.v1.PredictResponse;
import io.delos.proto.v1.RolloutRequest;
import io.delos.proto.v1.RolloutResponse;
import io.delos.proto.v1.Trajectory;
import io.delos.proto.v1.WorldModelServiceGrpc;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.State;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.SimulatorDynamics;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorldModelServiceTest {
  /** Float32 transport of predictions, in the channels' units (values are of order 1). */
  private static final double FLOAT_TOLERANCE = 1e-5;

  private static InProcessDelos delos;
  private static WorldModelServiceGrpc.WorldModelServiceBlockingStub models;
  private static final RobotSystem CARTPOLE = Catalogue.system("cartpole");

  @BeforeAll
  static void start() {
    delos =
        new InProcessDelos(
            "delos.grpc.limits { max-batch = 8, max-horizon = 50, max-rollout-steps = 100,"
                + " max-fine-tune-epochs = 5 }");
    models =
        WorldModelServiceGrpc.newBlockingStub(delos.channel)
            .withDeadlineAfter(120, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    delos.close();
  }

  /** A start observation, rounded to float32 as it travels. */
  private static double[] start(long seed) {
    MorphologyEnvironment env = CARTPOLE.environment(CARTPOLE.defaultTask());
    double[] o = env.reset(seed).toArray();
    for (int i = 0; i < o.length; i++) {
      o[i] = (float) o[i];
    }
    return o;
  }

  @Test
  void everyFamilyHasASimulatorAndAnMlp() {
    List<ModelInfo> listed =
        models.listModels(ListModelsRequest.getDefaultInstance()).getModelsList();
    assertThat(listed)
        .extracting(ModelInfo::getModelId)
        .contains("cartpole-simulator", "cartpole-mlp");
    ModelInfo sim =
        models.getModelInfo(ModelInfoRequest.newBuilder().setModelId("cartpole-simulator").build());
    assertThat(sim.getKind()).isEqualTo(ModelKind.MODEL_KIND_SIMULATOR);
    assertThat(sim.getReady()).isTrue();
    assertThat(sim.getObservationNamesList()).hasSize(5);
    assertThat(sim.getActionNamesList()).containsExactly("force");
  }

  @Test
  void simulatorPredictionsEqualTheSimulatorItself() {
    double[] a = start(3);
    double[] b = start(4);
    double[] obs = new double[10];
    System.arraycopy(a, 0, obs, 0, 5);
    System.arraycopy(b, 0, obs, 5, 5);
    PredictResponse p =
        models.predict(
            PredictRequest.newBuilder()
                .setModelId("cartpole-simulator")
                .setObservations(tensor(obs, 2, 5))
                .setActions(tensor(new double[] {0.5, -1}, 2, 1))
                .build());
    assertThat(p.getObservations().getShapeList()).containsExactly(2L, 5L);
    SimulatorDynamics direct = new SimulatorDynamics(CARTPOLE.morphology(), SimConfig.DEFAULT);
    double[] expected =
        direct.rollout(List.of(State.of(a), State.of(b)), 1, new double[] {0.5, -1});
    double[] got = Rpc.values(p.getObservations());
    for (int i = 0; i < expected.length; i++) {
      assertThat(got[i])
          .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(FLOAT_TOLERANCE));
    }
  }

  @Test
  void rolloutsAnswerEveryStepOfEverySequence() {
    double[] s = start(5);
    double[] actions = new double[3 * 2 * 1];
    java.util.Arrays.fill(actions, 0.25);
    double[] obs = new double[15];
    for (int b = 0; b < 3; b++) {
      System.arraycopy(s, 0, obs, b * 5, 5);
    }
    RolloutResponse r =
        models.rollout(
            RolloutRequest.newBuilder()
                .setModelId("cartpole-simulator")
                .setObservations(tensor(obs, 3, 5))
                .setActions(tensor(actions, 3, 2, 1))
                .build());
    assertThat(r.getObservations().getShapeList()).containsExactly(3L, 2L, 5L);
    double[] v = Rpc.values(r.getObservations());
    // Equal starts and actions give equal sequences (a reused simulator world carries solver
    // warm starts, which move results by about 1e-8).
    for (int i = 0; i < 10; i++) {
      assertThat(v[10 + i]).isCloseTo(v[i], org.assertj.core.data.Offset.offset(FLOAT_TOLERANCE));
    }
  }

  @Test
  void badShapesValuesAndSizesAreAnsweredWithTheRightCodes() {
    double[] s = start(6);
    PredictRequest.Builder ok =
        PredictRequest.newBuilder()
            .setModelId("cartpole-simulator")
            .setObservations(tensor(s, 1, 5))
            .setActions(tensor(new double[] {0}, 1, 1));
    String d =
        fails(
            Status.Code.INVALID_ARGUMENT,
            () -> models.predict(ok.clone().setObservations(tensor(new double[6], 1, 6)).build()));
    assertThat(d).contains("observations.shape = [1, 6]").contains("[batch, 5]");
    d =
        fails(
            Status.Code.INVALID_ARGUMENT,
            () -> models.predict(ok.clone().setActions(tensor(new double[] {0, 0}, 2, 1)).build()));
    assertThat(d).contains("actions.shape = [2, 1]");
    d =
        fails(
            Status.Code.INVALID_ARGUMENT,
            () ->
                models.predict(
                    ok.clone().setActions(tensor(new double[] {Double.NaN}, 1, 1)).build()));
    assertThat(d).contains("actions.data[0] = NaN");
    d =
        fails(
            Status.Code.INVALID_ARGUMENT,
            () ->
                models.predict(
                    ok.clone()
                        .setObservations(tensor(new double[] {1e9, 0, 1, 0, 0}, 1, 5))
                        .build()));
    assertThat(d).contains("simulator accepts values within");
    d =
        fails(
            Status.Code.RESOURCE_EXHAUSTED,
            () ->
                models.predict(
                    ok.clone()
                        .setObservations(tensor(new double[45], 9, 5))
                        .setActions(tensor(new double[9], 9, 1))
                        .build()));
    assertThat(d).contains("max-batch").contains("8");
    d =
        fails(
            Status.Code.NOT_FOUND,
            () -> models.predict(ok.clone().setModelId("walker-westworld").build()));
    assertThat(d).contains("cartpole-simulator");
    fails(
        Status.Code.INVALID_ARGUMENT,
        () -> models.predict(ok.clone().setObservations(tensor(new double[0], 0, 5)).build()));
    fails(
        Status.Code.INVALID_ARGUMENT,
        () -> models.predict(ok.clone().setObservations(tensor(s, 5)).build()));
    RolloutRequest.Builder roll =
        RolloutRequest.newBuilder()
            .setModelId("cartpole-simulator")
            .setObservations(tensor(s, 1, 5));
    d =
        fails(
            Status.Code.INVALID_ARGUMENT,
            () ->
                models.rollout(roll.clone().setActions(tensor(new double[51], 1, 51, 1)).build()));
    assertThat(d).contains("horizon").contains("1 to 50");
    double[] many = new double[40];
    d =
        fails(
            Status.Code.RESOURCE_EXHAUSTED,
            () ->
                models.rollout(
                    RolloutRequest.newBuilder()
                        .setModelId("cartpole-simulator")
                        .setObservations(tensor(many, 8, 5))
                        .setActions(tensor(new double[8 * 20], 8, 20, 1))
                        .build()));
    assertThat(d).contains("max-rollout-steps");
  }

  @Test
  void theMlpIsNotReadyBeforeTrainingAndTheSimulatorCannotBeTrained() {
    // Runs before or after the fine-tuning test: only the untrained case asserts readiness.
    ModelInfo mlp =
        models.getModelInfo(ModelInfoRequest.newBuilder().setModelId("cartpole-mlp").build());
    if (!mlp.getReady()) {
      String d =
          fails(
              Status.Code.FAILED_PRECONDITION,
              () ->
                  models.predict(
                      PredictRequest.newBuilder()
                          .setModelId("cartpole-mlp")
                          .setObservations(tensor(new double[5], 1, 5))
                          .setActions(tensor(new double[1], 1, 1))
                          .build()));
      assertThat(d).contains("FineTune");
    }
    String d =
        fails(
            Status.Code.FAILED_PRECONDITION,
            () ->
                models
                    .fineTune(
                        FineTuneRequest.newBuilder()
                            .setModelId("cartpole-simulator")
                            .addSystemIds(InProcessDelos.ROBOT)
                            .build())
                    .hasNext());
    assertThat(d).contains("cartpole-mlp");
    fails(
        Status.Code.INVALID_ARGUMENT,
        () ->
            models
                .fineTune(
                    FineTuneRequest.newBuilder()
                        .setModelId("cartpole-mlp")
                        .addSystemIds("x")
                        .setEpochs(6)
                        .build())
                .hasNext());
    fails(
        Status.Code.INVALID_ARGUMENT,
        () ->
            models
                .fineTune(FineTuneRequest.newBuilder().setModelId("cartpole-mlp").build())
                .hasNext());
    fails(
        Status.Code.NOT_FOUND,
        () ->
            models
                .fineTune(
                    FineTuneRequest.newBuilder()
                        .setModelId("cartpole-mlp")
                        .addSystemIds("never-stored")
                        .build())
                .hasNext());
  }

  /** Random-action episodes of the cart-pole, as client trajectories. */
  private static List<Trajectory> episodes(int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Trajectory> out = new ArrayList<>();
    for (int e = 0; e < count; e++) {
      MorphologyEnvironment env = CARTPOLE.environment(CARTPOLE.task("swingup"));
      Vec o = env.reset(seed + e);
      Trajectory.Builder b = Trajectory.newBuilder().setSystemId("episodes");
      List<Double> obs = new ArrayList<>();
      List<Double> act = new ArrayList<>();
      int rows = 0;
      for (int k = 0; k < 100; k++) {
        double u = r.nextDouble(-1, 1);
        StepResult s = env.step(new double[] {u});
        b.addTimes(k * 0.02).addRewards(s.reward()).addFlags(k == 0 ? 1 : 0);
        for (double v : o.toArray()) {
          obs.add(v);
        }
        act.add(u);
        rows++;
        o = s.observation();
        if (s.done()) {
          break;
        }
      }
      b.setObservations(tensor(obs.stream().mapToDouble(Double::doubleValue).toArray(), rows, 5));
      b.setActions(tensor(act.stream().mapToDouble(Double::doubleValue).toArray(), rows, 1));
      out.add(b.build());
    }
    return out;
  }

  @Test
  void fineTuningStreamsOneMessagePerEpochThenServesTheNewWeights() {
    List<FineTuneProgress> first = new ArrayList<>();
    models
        .fineTune(
            FineTuneRequest.newBuilder()
                .setModelId("cartpole-mlp")
                .addAllTrajectories(episodes(4, 10))
                .setEpochs(3)
                .setSeed(1)
                .build())
        .forEachRemaining(first::add);
    assertThat(first.get(0).getEpoch()).isZero();
    assertThat(first.get(0).getTransitions()).isGreaterThan(100);
    FineTuneProgress last = first.get(first.size() - 1);
    assertThat(last.getDone()).isTrue();
    assertThat(last.getModelVersion()).isEqualTo("v1");
    assertThat(first).hasSizeBetween(3, 5);
    for (int i = 1; i < first.size() - 1; i++) {
      assertThat(first.get(i).getEpoch()).isEqualTo(i);
      assertThat(first.get(i).getMaxEpochs()).isEqualTo(3);
    }

    PredictResponse p =
        models.predict(
            PredictRequest.newBuilder()
                .setModelId("cartpole-mlp")
                .setObservations(tensor(start(1), 1, 5))
                .setActions(tensor(new double[] {0}, 1, 1))
                .build());
    assertThat(p.getModelVersion()).isEqualTo("v1");
    assertThat(p.getObservations().getShapeList()).containsExactly(1L, 5L);

    List<FineTuneProgress> second = new ArrayList<>();
    models
        .fineTune(
            FineTuneRequest.newBuilder()
                .setModelId("cartpole-mlp")
                .addAllTrajectories(episodes(2, 20))
                .setEpochs(2)
                .build())
        .forEachRemaining(second::add);
    assertThat(second.get(second.size() - 1).getModelVersion()).isEqualTo("v2");
    ModelInfo info =
        models.getModelInfo(ModelInfoRequest.newBuilder().setModelId("cartpole-mlp").build());
    assertThat(info.getReady()).isTrue();
    assertThat(info.getVersion()).isEqualTo("v2");
    assertThat(info.getValidationLoss()).isPositive();
  }
}
