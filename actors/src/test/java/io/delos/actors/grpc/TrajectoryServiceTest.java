package io.delos.actors.grpc;

import static io.delos.actors.grpc.Rpc.fails;
import static io.delos.actors.grpc.Rpc.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import io.delos.proto.v1.ExportChunk;
import io.delos.proto.v1.ExportFormat;
import io.delos.proto.v1.ExportRequest;
import io.delos.proto.v1.QueryRequest;
import io.delos.proto.v1.QueryResponse;
import io.delos.proto.v1.RecordRequest;
import io.delos.proto.v1.RecordResponse;
import io.delos.proto.v1.Trajectory;
import io.delos.proto.v1.TrajectoryServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrajectoryServiceTest {
  private static InProcessDelos delos;
  private static TrajectoryServiceGrpc.TrajectoryServiceBlockingStub blocking;

  @BeforeAll
  static void start() {
    delos =
        new InProcessDelos("delos.grpc.limits { max-query-rows = 100, max-recorded-systems = 4 }");
    blocking =
        TrajectoryServiceGrpc.newBlockingStub(delos.channel)
            .withDeadlineAfter(InProcessDelos.deadlineSeconds(), TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    delos.close();
  }

  /** Rows {@code from..to} of a 3-observation, 2-action trajectory whose values encode the row. */
  static Trajectory chunk(String id, int from, int to) {
    Trajectory.Builder b = Trajectory.newBuilder().setSystemId(id);
    double[] obs = new double[(to - from) * 3];
    double[] act = new double[(to - from) * 2];
    for (int k = from; k < to; k++) {
      b.addTimes(0.02 * k).addRewards(k).addFlags(k == 0 ? 1 : 0);
      for (int c = 0; c < 3; c++) {
        obs[(k - from) * 3 + c] = k + 0.25 * c;
      }
      for (int c = 0; c < 2; c++) {
        act[(k - from) * 2 + c] = -k - 0.5 * c;
      }
    }
    return b.setObservations(tensor(obs, to - from, 3))
        .setActions(tensor(act, to - from, 2))
        .build();
  }

  /** Records chunks in one call; returns the response, or throws the call's failure. */
  static RecordResponse record(List<Trajectory> chunks) throws Exception {
    CompletableFuture<RecordResponse> result = new CompletableFuture<>();
    StreamObserver<RecordRequest> in =
        TrajectoryServiceGrpc.newStub(delos.channel)
            .withDeadlineAfter(InProcessDelos.deadlineSeconds(), TimeUnit.SECONDS)
            .record(
                new StreamObserver<>() {
                  @Override
                  public void onNext(RecordResponse value) {
                    result.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    result.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    for (Trajectory c : chunks) {
      in.onNext(RecordRequest.newBuilder().setChunk(c).build());
    }
    in.onCompleted();
    try {
      return result.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private static Status.Code recordFails(List<Trajectory> chunks) {
    try {
      record(chunks);
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getDescription()).isNotBlank();
      return e.getStatus().getCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("Record succeeded");
  }

  @Test
  void recordedChunksAreQueriedBackExactly() throws Exception {
    RecordResponse r = record(List.of(chunk("client-a", 0, 30), chunk("client-a", 30, 50)));
    assertThat(r.getRowsRecorded()).isEqualTo(50);
    assertThat(r.getChunksRecorded()).isEqualTo(2);
    QueryResponse q =
        blocking.query(
            QueryRequest.newBuilder()
                .setSystemId("client-a")
                .setFirstRow(25)
                .setMaxRows(10)
                .build());
    assertThat(q.getTotalRows()).isEqualTo(50);
    assertThat(q.getFirstRow()).isEqualTo(25);
    Trajectory t = q.getTrajectory();
    assertThat(t.getTimesList()).hasSize(10);
    assertThat(t.getTimes(0)).isEqualTo(0.02 * 25);
    assertThat(t.getObservations().getShapeList()).containsExactly(10L, 3L);
    assertThat(t.getObservations().getData(3 * 7 + 2)).isEqualTo(32.5f);
    assertThat(t.getActions().getData(2 * 9 + 1)).isEqualTo(-34.5f);
    assertThat(t.getRewards(4)).isEqualTo(29);

    QueryResponse past =
        blocking.query(QueryRequest.newBuilder().setSystemId("client-a").setFirstRow(80).build());
    assertThat(past.getTrajectory().getTimesCount()).isZero();
    assertThat(past.getFirstRow()).isEqualTo(50);
  }

  @Test
  void exportWritesCsvWithAHeaderAndOneLinePerRow() throws Exception {
    record(List.of(chunk("client-csv", 0, 40)));
    StringBuilder csv = new StringBuilder();
    blocking
        .export(
            ExportRequest.newBuilder()
                .setSystemId("client-csv")
                .setFormat(ExportFormat.EXPORT_FORMAT_CSV)
                .build())
        .forEachRemaining(
            (ExportChunk c) -> {
              assertThat(c.getMediaType()).isEqualTo("text/csv");
              assertThat(c.getRows()).isEqualTo(40);
              csv.append(c.getData().toString(StandardCharsets.UTF_8));
            });
    String[] lines = csv.toString().split("\n");
    assertThat(lines).hasSize(41);
    assertThat(lines[0]).isEqualTo("time,reward,flags,o.0,o.1,o.2,a.0,a.1");
    assertThat(lines[1]).isEqualTo("0.0,0.0,1,0.0,0.25,0.5,0.0,-0.5");
    assertThat(lines[40]).startsWith("0.78,39.0,0,39.0,39.25,39.5,-39.0,-39.5");
  }

  @Test
  void aRunningRobotsRowsAreQueriedAndExportedWithChannelNames() throws Exception {
    QueryResponse q = null;
    for (int i = 0; i < 100; i++) {
      try {
        q = blocking.query(QueryRequest.newBuilder().setSystemId(InProcessDelos.ROBOT).build());
        break;
      } catch (StatusRuntimeException e) {
        Thread.sleep(100); // no chunk stored yet
      }
    }
    assertThat(q).isNotNull();
    assertThat(q.getTrajectory().getObservations().getShape(1)).isEqualTo(5);
    String header =
        blocking
            .export(ExportRequest.newBuilder().setSystemId(InProcessDelos.ROBOT).build())
            .next()
            .getData()
            .toString(StandardCharsets.UTF_8)
            .lines()
            .findFirst()
            .orElseThrow();
    assertThat(header)
        .isEqualTo("time,reward,flags,o.cart_x,o.pole.sin,o.pole.cos,o.cart_v,o.pole_rate,a.force");
  }

  @Test
  void recordingUnderARunningRobotsIdIsAFailedPrecondition() {
    assertThat(recordFails(List.of(chunk(InProcessDelos.ROBOT, 0, 5))))
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void malformedChunksAreInvalidArguments() throws Exception {
    Trajectory good = chunk("client-bad", 0, 5);
    assertThat(recordFails(List.of(good.toBuilder().addTimes(1).build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(recordFails(List.of(good.toBuilder().setRewards(2, Double.NaN).build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(recordFails(List.of(good.toBuilder().setFlags(1, 16).build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(
            recordFails(
                List.of(
                    good.toBuilder()
                        .setObservations(good.getObservations().toBuilder().setData(0, Float.NaN))
                        .build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(recordFails(List.of(good, chunk("client-other", 5, 8))))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(recordFails(List.of(good.toBuilder().setSystemId("a b").build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(recordFails(List.of())).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void laterChunksMustKeepTheSizesStoredUnderTheId() throws Exception {
    record(List.of(chunk("client-sizes", 0, 5)));
    Trajectory other =
        chunk("client-sizes", 5, 8).toBuilder().setActions(tensor(new double[3], 3, 1)).build();
    assertThat(recordFails(List.of(other))).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void tooManyRecordedIdsAreResourceExhausted() throws Exception {
    List<Status.Code> codes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      try {
        record(List.of(chunk("many-" + i, 0, 2)));
        codes.add(Status.Code.OK);
      } catch (StatusRuntimeException e) {
        codes.add(e.getStatus().getCode());
      }
    }
    assertThat(codes).contains(Status.Code.RESOURCE_EXHAUSTED);
  }

  @Test
  void queriesAndExportsOfUnknownOrMalformedRequestsAreAnswered() {
    String d =
        fails(
            Status.Code.NOT_FOUND,
            () -> blocking.query(QueryRequest.newBuilder().setSystemId("never-recorded").build()));
    assertThat(d).contains("'never-recorded'");
    d =
        fails(
            Status.Code.INVALID_ARGUMENT,
            () ->
                blocking.query(QueryRequest.newBuilder().setSystemId("x").setMaxRows(101).build()));
    assertThat(d).contains("max_rows = 101").contains("1 to 100");
    fails(
        Status.Code.INVALID_ARGUMENT,
        () -> blocking.query(QueryRequest.newBuilder().setSystemId("x").setFirstRow(-1).build()));
    d =
        fails(
            Status.Code.FAILED_PRECONDITION,
            () ->
                blocking
                    .export(
                        ExportRequest.newBuilder()
                            .setSystemId("x")
                            .setFormat(ExportFormat.EXPORT_FORMAT_NPZ)
                            .build())
                    .hasNext());
    assertThat(d).contains("EXPORT_FORMAT_CSV");
    fails(
        Status.Code.INVALID_ARGUMENT,
        () ->
            blocking
                .export(ExportRequest.newBuilder().setSystemId("x").setFormatValue(99).build())
                .hasNext());
    fails(
        Status.Code.NOT_FOUND,
        () -> blocking.export(ExportRequest.newBuilder().setSystemId("nothing").build()).hasNext());
  }
}
