package io.delos.actors.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls any method with raw request bytes, whatever its kind, and returns the status it ends with:
 * the way to send malformed messages, and to call every method of a service generically.
 */
final class RawCalls {
  private RawCalls() {}

  /** Passes bytes through unchanged. */
  static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  /** {@code method} with byte-array marshallers. */
  static MethodDescriptor<byte[], byte[]> raw(MethodDescriptor<?, ?> method) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(method.getType())
        .setFullMethodName(method.getFullMethodName())
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();
  }

  /**
   * Sends {@code requests}, half-closes, reads up to {@code maxResponses} answers, then cancels if
   * the call is still open.
   *
   * @return the status the call ended with (OK or the server's status; CANCELLED when the client
   *     stopped a still-running stream)
   */
  static Status call(
      Channel channel,
      MethodDescriptor<?, ?> method,
      List<byte[]> requests,
      int maxResponses,
      long timeoutMillis) {
    ClientCall<byte[], byte[]> call =
        channel.newCall(
            raw(method),
            CallOptions.DEFAULT.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS));
    CompletableFuture<Status> done = new CompletableFuture<>();
    int[] received = new int[1];
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onMessage(byte[] message) {
            received[0]++;
            if (received[0] >= maxResponses) {
              call.cancel("enough responses", null);
            } else {
              call.request(1);
            }
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            done.complete(status);
          }
        },
        new Metadata());
    call.request(1);
    for (byte[] r : requests) {
      call.sendMessage(r);
    }
    call.halfClose();
    try {
      return done.get(timeoutMillis + 5000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      call.cancel("test timeout", e);
      throw new AssertionError("no status from " + method.getFullMethodName() + ": " + e, e);
    }
  }
}
