package io.delos.actors.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.proto.v1.SensingServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The services whose capability has not landed: registered, NOT_SERVING, FAILED_PRECONDITION. */
class PendingServicesTest {
  private static InProcessDelos delos;

  @BeforeAll
  static void start() {
    delos = new InProcessDelos();
  }

  @AfterAll
  static void stop() {
    delos.close();
  }

  private static final List<ServiceDescriptor> PENDING =
      List.of(SensingServiceGrpc.getServiceDescriptor());

  @Test
  void everyMethodOfAPendingServiceIsAFailedPreconditionNamingTheMissingCapability() {
    int methods = 0;
    for (ServiceDescriptor service : PENDING) {
      for (MethodDescriptor<?, ?> m : service.getMethods()) {
        Status s = RawCalls.call(delos.channel, m, List.of(new byte[0]), 1, 10_000);
        assertThat(s.getCode())
            .as(m.getFullMethodName())
            .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(s.getDescription())
            .contains(service.getName())
            .contains(DelosServices.PENDING.get(service.getName()));
        methods++;
      }
    }
    assertThat(methods).isEqualTo(2);
  }

  @Test
  void healthReportsPendingServicesNotServingAndTheOthersServing() {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(delos.channel);
    for (ServiceDescriptor service : PENDING) {
      assertThat(
              health
                  .check(HealthCheckRequest.newBuilder().setService(service.getName()).build())
                  .getStatus())
          .as(service.getName())
          .isEqualTo(ServingStatus.NOT_SERVING);
    }
    for (String name : DelosServices.SERVING) {
      assertThat(health.check(HealthCheckRequest.newBuilder().setService(name).build()).getStatus())
          .as(name)
          .isEqualTo(ServingStatus.SERVING);
    }
    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
    assertThat(DelosServices.PENDING.keySet())
        .containsExactlyInAnyOrderElementsOf(
            PENDING.stream().map(ServiceDescriptor::getName).toList());
  }
}
