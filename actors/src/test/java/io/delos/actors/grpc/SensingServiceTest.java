package io.delos.actors.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.actors.eval.SensingData;
import io.delos.actors.eval.SensingEvaluation;
import io.delos.proto.v1.EmbedRequest;
import io.delos.proto.v1.EmbedResponse;
import io.delos.proto.v1.LocalizeRequest;
import io.delos.proto.v1.LocalizeResponse;
import io.delos.proto.v1.SensingServiceGrpc;
import io.delos.proto.v1.SensorNode;
import io.delos.proto.v1.Tensor;
import io.delos.worldmodel.sensing.SensorScene;
import io.delos.worldmodel.sensing.SparCheckpoint;
import io.delos.worldmodel.sensing.SparConfig;
import io.delos.worldmodel.sensing.SparProbe;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SensingService} serving a small SPAR model that {@link SensingEvaluation#trainAndSave}
 * trained on the simulated floor sensor field: it locates impacts on held-out layouts better than
 * guessing the mean position, its embeddings are the saved model's, and bad input is refused naming
 * the field.
 */
class SensingServiceTest {
  private static final String MODEL = "floor-field";

  @TempDir static Path models;

  private static SensingEvaluation.Saved saved;
  private static SensingEvaluation.Settings settings;
  private static InProcessDelos delos;

  @BeforeAll
  static void trainSaveAndServe() throws IOException {
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "1");
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    SparConfig spar =
        new SparConfig(
            SensingData.WINDOW,
            4,
            2,
            16,
            2,
            2,
            16,
            0.3,
            true,
            true,
            0.3,
            0.3,
            1,
            1,
            8,
            32,
            2e-3,
            1);
    settings =
        new SensingEvaluation.Settings(
            1200,
            120,
            24,
            4,
            false,
            0.05,
            spar,
            new SparProbe.Settings(32, 60, 32, 2e-3, 1),
            1,
            1,
            "SensingServiceTest");
    saved =
        SensingEvaluation.trainAndSave(
            settings,
            models.resolve(MODEL),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    Path broken = Files.createDirectories(models.resolve("broken"));
    Files.writeString(broken.resolve(SparCheckpoint.METADATA), "{\"format\": \"other\"}");
    delos =
        new InProcessDelos(
            "delos.models.directory = \"" + models.toString().replace("\\", "/") + "\"");
  }

  @AfterAll
  static void stop() {
    if (delos != null) {
      delos.close();
    }
  }

  private static SensingServiceGrpc.SensingServiceBlockingStub stub() {
    return SensingServiceGrpc.newBlockingStub(delos.channel)
        .withDeadlineAfter(InProcessDelos.deadlineSeconds(), TimeUnit.SECONDS);
  }

  /** Held-out scenes of impacts from other simulated runs than the training ones. */
  private static List<SensingData.Sample> heldOutScenes(int count) {
    List<SensingData.Impact> impacts = SensingData.impacts(count, 77);
    List<Integer> layouts = new ArrayList<>();
    for (int i = 0; i < settings.heldOutLayouts(); i++) {
      layouts.add(settings.trainLayouts() + i);
    }
    return SensingData.scenes(
        impacts,
        layouts,
        settings.seed(),
        SensingData.terciles(impacts),
        1,
        3,
        settings.noise(),
        78);
  }

  private static List<SensorNode> nodes(SensorScene scene) {
    List<SensorNode> out = new ArrayList<>();
    for (int i = 0; i < scene.size(); i++) {
      io.delos.worldmodel.sensing.SensorNode n = scene.nodes().get(i);
      Tensor.Builder signal =
          Tensor.newBuilder().addShape(n.signal().size()).addShape(1).addDims("time");
      signal.addDims("channel");
      for (int k = 0; k < n.signal().size(); k++) {
        signal.addData((float) n.signal().get(k));
      }
      out.add(
          SensorNode.newBuilder()
              .setNodeId("node-" + i)
              .setX(n.x())
              .setY(n.y())
              .setRole(
                  SensingData.MOUNTINGS.get(n.mounting())
                      + "/"
                      + SensingData.MODALITIES.get(n.modality()))
              .setSignal(signal)
              .build());
    }
    return out;
  }

  private static LocalizeRequest localize(SensorScene scene) {
    return LocalizeRequest.newBuilder()
        .setModelId(MODEL)
        .setSampleRate(SensingData.SAMPLE_RATE)
        .addAllNodes(nodes(scene))
        .build();
  }

  @Test
  void localisesImpactsOnHeldOutLayoutsBetterThanGuessingTheMeanPosition() {
    List<SensingData.Sample> samples = heldOutScenes(60);
    double error = 0;
    double centre = 0;
    double[] mean = new double[2];
    for (SensingData.Sample s : samples) {
      mean[0] += s.impact().x() / samples.size();
      mean[1] += s.impact().y() / samples.size();
    }
    for (SensingData.Sample s : samples) {
      LocalizeResponse r = stub().localize(localize(s.scene()));
      assertThat(r.getUncertainty()).isEqualTo(saved.uncertainty());
      error += Math.hypot(r.getX() - s.impact().x(), r.getY() - s.impact().y()) / samples.size();
      centre += Math.hypot(mean[0] - s.impact().x(), mean[1] - s.impact().y()) / samples.size();
    }
    System.out.printf(
        java.util.Locale.ROOT,
        "SensingServiceTest: served error %.3f m, guessing these impacts' mean %.3f m; at training"
            + " %.3f m against %.3f m%n",
        error,
        centre,
        saved.errorMetres(),
        saved.centreError());
    // Measured on this machine: served 0.963 m against 1.147 m (the printed line); the
    // baseline is the mean of these very test impacts, which no model without the signals can beat
    // (a constant answer at best equals it), so beating it means the served model reads the nodes.
    assertThat(error).as("error of the served model, m").isLessThan(centre);
    // At training, on the held-out split, against the protocol's baseline (the training impacts'
    // mean position): 0.885 m against 1.476 m here.
    assertThat(saved.errorMetres()).isLessThan(0.8 * saved.centreError());
  }

  @Test
  void embeddingsAreTheSavedModelsRepresentationsOfTheNodesAndTheSet() {
    SensorScene scene = heldOutScenes(10).get(0).scene();
    EmbedResponse r =
        stub()
            .embed(
                EmbedRequest.newBuilder()
                    .setModelId(MODEL)
                    .setSampleRate(SensingData.SAMPLE_RATE)
                    .addAllNodes(nodes(scene))
                    .build());
    try (SparCheckpoint c = SparCheckpoint.read(models.resolve(MODEL))) {
      int features = c.model().representationSize();
      assertThat(r.getNodeEmbeddings().getShapeList())
          .containsExactly((long) scene.size(), (long) features);
      assertThat(r.getNodeEmbeddings().getDimsList()).containsExactly("node", "feature");
      assertThat(r.getSetEmbedding().getShapeList()).containsExactly((long) features);
      // The scene as the server sees it: signals rounded to float32 on the wire.
      List<io.delos.worldmodel.sensing.SensorNode> wire = new ArrayList<>();
      for (io.delos.worldmodel.sensing.SensorNode n : scene.nodes()) {
        double[] w = n.signal().toArray();
        for (int k = 0; k < w.length; k++) {
          w[k] = (float) w[k];
        }
        wire.add(n.withSignal(io.delos.sim.Vec.of(w)));
      }
      SensorScene sent = new SensorScene(wire);
      double[][] expected = c.model().nodeRepresentations(List.of(sent)).get(0);
      double[] set = c.model().representation(List.of(sent))[0];
      for (int i = 0; i < scene.size(); i++) {
        for (int k = 0; k < features; k++) {
          assertThat(r.getNodeEmbeddings().getData(i * features + k))
              .isEqualTo((float) expected[i][k]);
        }
      }
      for (int k = 0; k < features; k++) {
        assertThat(r.getSetEmbedding().getData(k)).isEqualTo((float) set[k]);
      }
    }
  }

  private static Status localizeStatus(UnaryOperator<LocalizeRequest.Builder> change) {
    SensorScene scene = heldOutScenes(10).get(1).scene();
    try {
      stub().localize(change.apply(localize(scene).toBuilder()).build());
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  @Test
  void badInputIsRefusedNamingTheFieldTheValueAndWhatIsAllowed() {
    Status unknown = localizeStatus(b -> b.setModelId("no-such-model"));
    assertThat(unknown.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(unknown.getDescription()).contains("no SPAR model 'no-such-model'").contains(MODEL);

    Status broken = localizeStatus(b -> b.setModelId("broken"));
    assertThat(broken.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(broken.getDescription())
        .contains("model_id = 'broken'")
        .contains("cannot be served");

    Status escape = localizeStatus(b -> b.setModelId(".."));
    assertThat(escape.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);

    Status none = localizeStatus(LocalizeRequest.Builder::clearNodes);
    assertThat(none.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(none.getDescription()).contains("nodes has 0 entries: allowed 1 to 1024");

    Status rate = localizeStatus(b -> b.setSampleRate(400));
    assertThat(rate.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(rate.getDescription())
        .contains("sample_rate = 400.0 Hz")
        .contains("allowed 500.0 Hz");

    Status role =
        localizeStatus(b -> b.setNodes(0, b.getNodes(0).toBuilder().setRole("ceiling/mic")));
    assertThat(role.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(role.getDescription())
        .contains("nodes[0].role = 'ceiling/mic'")
        .contains("floor/geophone");

    Status twin = localizeStatus(b -> b.setNodes(1, b.getNodes(1).toBuilder().setNodeId("node-0")));
    assertThat(twin.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(twin.getDescription())
        .contains("nodes[1].node_id = 'node-0': already used by nodes[0]");

    Status nan = localizeStatus(b -> b.setNodes(2, b.getNodes(2).toBuilder().setX(Double.NaN)));
    assertThat(nan.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(nan.getDescription()).contains("nodes[2] position (x, y) = (NaN");

    Status shortWindow =
        localizeStatus(
            b -> {
              for (int i = 0; i < b.getNodesCount(); i++) {
                Tensor.Builder t = b.getNodes(i).getSignal().toBuilder();
                List<Float> half = new ArrayList<>(t.getDataList().subList(0, 32));
                t.clearData().addAllData(half).setShape(0, 32);
                b.setNodes(i, b.getNodes(i).toBuilder().setSignal(t));
              }
              return b;
            });
    assertThat(shortWindow.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(shortWindow.getDescription())
        .contains("nodes[0].signal has 32 samples")
        .contains("allowed 64");

    Status ragged =
        localizeStatus(
            b -> {
              Tensor.Builder t = b.getNodes(1).getSignal().toBuilder();
              t.addData(0f).setShape(0, 65);
              return b.setNodes(1, b.getNodes(1).toBuilder().setSignal(t));
            });
    assertThat(ragged.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(ragged.getDescription())
        .contains("nodes[1].signal.shape = [65, 1]: allowed the length of nodes[0].signal, 64");

    Status twoChannels =
        localizeStatus(
            b -> {
              Tensor.Builder t = b.getNodes(0).getSignal().toBuilder();
              t.setShape(0, 32).setShape(1, 2);
              return b.setNodes(0, b.getNodes(0).toBuilder().setSignal(t));
            });
    assertThat(twoChannels.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(twoChannels.getDescription()).contains("nodes[0].signal.shape = [32, 2]");

    // After all that, a valid call still works.
    assertThat(localizeStatus(b -> b).getCode()).isEqualTo(Status.Code.OK);
  }

  @Test
  void healthReportsEveryServiceServing() {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(delos.channel);
    assertThat(DelosServices.SERVING).hasSize(10).contains(SensingServiceGrpc.SERVICE_NAME);
    for (String name : DelosServices.SERVING) {
      assertThat(health.check(HealthCheckRequest.newBuilder().setService(name).build()).getStatus())
          .as(name)
          .isEqualTo(ServingStatus.SERVING);
    }
  }
}
