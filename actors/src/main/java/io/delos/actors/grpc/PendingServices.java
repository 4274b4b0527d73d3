package io.delos.actors.grpc;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;

/**
 * Services whose capability has not landed in this build: registered (so clients and reflection see
 * the contract), reported {@code NOT_SERVING} by the health service, and answering every method
 * with {@code FAILED_PRECONDITION} and a description naming the missing capability.
 */
final class PendingServices {
  private PendingServices() {}

  /**
   * A service that refuses every call.
   *
   * @param descriptor the generated service descriptor
   * @param missing what has not landed, for example "the Phy-SSM forecaster (issue [physsm])"
   */
  static ServerServiceDefinition refusing(ServiceDescriptor descriptor, String missing) {
    String why =
        descriptor.getName()
            + " is not available in this build: it needs "
            + missing
            + ", which has not landed yet";
    ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(descriptor);
    for (MethodDescriptor<?, ?> m : descriptor.getMethods()) {
      add(b, m, why);
    }
    return b.build();
  }

  private static <Q, R> void add(
      ServerServiceDefinition.Builder b, MethodDescriptor<Q, R> method, String why) {
    ServerCallHandler<Q, R> handler =
        (call, headers) -> {
          call.close(Status.FAILED_PRECONDITION.withDescription(why), new Metadata());
          return new ServerCall.Listener<>() {};
        };
    b.addMethod(method, handler);
  }
}
