package io.delos.actors.grpc;

import io.delos.actors.robot.RobotSystemActor;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.proto.v1.ListSystemsRequest;
import io.delos.proto.v1.ListSystemsResponse;
import io.delos.proto.v1.RobotServiceGrpc;
import io.delos.proto.v1.SystemInfo;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;

/** {@code delos.v1.RobotService}: the robots running in this runtime. */
final class RobotServiceImpl extends RobotServiceGrpc.RobotServiceImplBase {
  private final DelosRuntime runtime;
  private final Duration timeout;

  RobotServiceImpl(DelosRuntime runtime, Duration timeout) {
    this.runtime = runtime;
    this.timeout = timeout;
  }

  @Override
  public void listSystems(ListSystemsRequest request, StreamObserver<ListSystemsResponse> out) {
    runtime
        .robotStatuses(timeout)
        .whenComplete(
            (statuses, error) -> {
              if (error != null) {
                out.onError(
                    Status.UNAVAILABLE
                        .withDescription(
                            "robots did not answer within " + timeout.toMillis() + " ms")
                        .asRuntimeException());
                return;
              }
              ListSystemsResponse.Builder b = ListSystemsResponse.newBuilder();
              for (RobotSystemActor.Status s : statuses) {
                b.addSystems(toProto(s));
              }
              out.onNext(b.build());
              out.onCompleted();
            });
  }

  static SystemInfo toProto(RobotSystemActor.Status s) {
    return SystemInfo.newBuilder()
        .setSystemId(s.systemId())
        .setFamily(s.family())
        .setObservationSize(s.observationSize())
        .setActionSize(s.actionSize())
        .setControlPeriod(s.controlPeriod())
        .setSteps(s.steps())
        .build();
  }
}
