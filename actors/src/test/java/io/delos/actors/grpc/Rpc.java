package io.delos.actors.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.delos.proto.v1.Tensor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.assertj.core.api.ThrowableAssert;

/** Helpers for gRPC assertions. */
final class Rpc {
  private Rpc() {}

  /**
   * Runs a call that must fail with {@code code}; returns its description for further checks.
   *
   * @param code the expected status code
   * @param call the call
   */
  static String fails(Status.Code code, ThrowableAssert.ThrowingCallable call) {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call);
    assertThat(e).as("the call must fail with %s", code).isNotNull();
    assertThat(e.getStatus().getCode()).as("status of: %s", e.getStatus()).isEqualTo(code);
    assertThat(e.getStatus().getDescription()).isNotBlank().doesNotContain("\tat ");
    return e.getStatus().getDescription();
  }

  static Tensor tensor(double[] values, long... shape) {
    Tensor.Builder b = Tensor.newBuilder();
    for (long s : shape) {
      b.addShape(s);
    }
    for (double v : values) {
      b.addData((float) v);
    }
    return b.build();
  }

  static double[] values(Tensor t) {
    double[] out = new double[t.getDataCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.getData(i);
    }
    return out;
  }
}
