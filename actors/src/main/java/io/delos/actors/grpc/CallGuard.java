package io.delos.actors.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a service so that nothing a client sends can make it answer {@code INTERNAL} or crash:
 *
 * <ul>
 *   <li>a request that is not a valid protobuf message of the method's type is answered {@code
 *       INVALID_ARGUMENT} (gRPC alone would answer {@code UNKNOWN} or {@code INTERNAL}): requests
 *       arrive as bytes and are parsed inside the handler;
 *   <li>a handler that throws a status is answered with that status; any other exception is logged
 *       with its stack trace and answered {@code UNKNOWN} with a short description.
 * </ul>
 */
final class CallGuard {
  private static final Logger LOG = LoggerFactory.getLogger(CallGuard.class);

  private CallGuard() {}

  /** {@code service} with every method guarded. */
  static ServerServiceDefinition guard(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(original.getSchemaDescriptor());
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> m : service.getMethods()) {
      ServerMethodDefinition<?, ?> guarded = parseInHandler(m);
      descriptor.addMethod(guarded.getMethodDescriptor());
      methods.add(guarded);
    }
    ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(descriptor.build());
    for (ServerMethodDefinition<?, ?> m : methods) {
      b.addMethod(m);
    }
    return ServerInterceptors.intercept(b.build(), new ExceptionBoundary());
  }

  /**
   * The method with raw-byte requests, parsed by its handler: gRPC itself would answer a parse
   * failure with {@code UNKNOWN} or {@code INTERNAL}; this answers {@code INVALID_ARGUMENT}.
   */
  private static <Q, R> ServerMethodDefinition<byte[], R> parseInHandler(
      ServerMethodDefinition<Q, R> m) {
    MethodDescriptor<Q, R> typed = m.getMethodDescriptor();
    MethodDescriptor<byte[], R> raw =
        MethodDescriptor.<byte[], R>newBuilder()
            .setType(typed.getType())
            .setFullMethodName(typed.getFullMethodName())
            .setRequestMarshaller(RAW)
            .setResponseMarshaller(typed.getResponseMarshaller())
            .setSchemaDescriptor(typed.getSchemaDescriptor())
            .setIdempotent(typed.isIdempotent())
            .setSafe(typed.isSafe())
            .setSampledToLocalTracing(typed.isSampledToLocalTracing())
            .build();
    ServerCallHandler<Q, R> handler = m.getServerCallHandler();
    ServerCallHandler<byte[], R> parsing =
        (call, headers) -> {
          TypedCall<Q, R> inner = new TypedCall<>(call, typed);
          ServerCall.Listener<Q> listener = handler.startCall(inner, headers);
          return new ServerCall.Listener<>() {
            @Override
            public void onMessage(byte[] bytes) {
              if (inner.closed) {
                return;
              }
              Q request;
              try {
                request = typed.parseRequest(new ByteArrayInputStream(bytes));
              } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                inner.close(
                    Status.INVALID_ARGUMENT.withDescription(
                        Problems.cut(
                            "the request is not a valid protobuf message for "
                                + typed.getFullMethodName()
                                + ": "
                                + cause.getMessage())),
                    new Metadata());
                return;
              }
              listener.onMessage(request);
            }

            @Override
            public void onHalfClose() {
              if (!inner.closed) {
                listener.onHalfClose();
              }
            }

            @Override
            public void onCancel() {
              listener.onCancel();
            }

            @Override
            public void onComplete() {
              listener.onComplete();
            }

            @Override
            public void onReady() {
              if (!inner.closed) {
                listener.onReady();
              }
            }
          };
        };
    return ServerMethodDefinition.create(raw, parsing);
  }

  /** Requests as the bytes that arrived. */
  private static final MethodDescriptor.Marshaller<byte[]> RAW =
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

  /** The call as its typed handler sees it; remembers whether it was closed. */
  private static final class TypedCall<Q, R> extends ServerCall<Q, R> {
    private final ServerCall<byte[], R> call;
    private final MethodDescriptor<Q, R> method;
    volatile boolean closed;

    TypedCall(ServerCall<byte[], R> call, MethodDescriptor<Q, R> method) {
      this.call = call;
      this.method = method;
    }

    @Override
    public void request(int numMessages) {
      call.request(numMessages);
    }

    @Override
    public void sendHeaders(Metadata headers) {
      call.sendHeaders(headers);
    }

    @Override
    public void sendMessage(R message) {
      call.sendMessage(message);
    }

    @Override
    public boolean isReady() {
      return call.isReady();
    }

    @Override
    public synchronized void close(Status status, Metadata trailers) {
      if (closed) {
        return;
      }
      closed = true;
      call.close(status, trailers);
    }

    @Override
    public boolean isCancelled() {
      return call.isCancelled();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      call.setMessageCompression(enabled);
    }

    @Override
    public void setCompression(String compressor) {
      call.setCompression(compressor);
    }

    @Override
    public io.grpc.Attributes getAttributes() {
      return call.getAttributes();
    }

    @Override
    public String getAuthority() {
      return call.getAuthority();
    }

    @Override
    public MethodDescriptor<Q, R> getMethodDescriptor() {
      return method;
    }

    @Override
    public io.grpc.SecurityLevel getSecurityLevel() {
      return call.getSecurityLevel();
    }
  }

  /** Answers exceptions that escape a handler. */
  private static final class ExceptionBoundary implements io.grpc.ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      AtomicBoolean closed = new AtomicBoolean();
      ServerCall<Q, R> tracked =
          new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
              closed.set(true);
              super.close(status, trailers);
            }
          };
      ServerCall.Listener<Q> listener;
      try {
        listener = next.startCall(tracked, headers);
      } catch (RuntimeException e) {
        fail(tracked, closed, e);
        return new ServerCall.Listener<>() {};
      }
      return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
        @Override
        public void onMessage(Q message) {
          try {
            super.onMessage(message);
          } catch (RuntimeException e) {
            fail(tracked, closed, e);
          }
        }

        @Override
        public void onHalfClose() {
          try {
            super.onHalfClose();
          } catch (RuntimeException e) {
            fail(tracked, closed, e);
          }
        }

        @Override
        public void onReady() {
          try {
            super.onReady();
          } catch (RuntimeException e) {
            fail(tracked, closed, e);
          }
        }
      };
    }

    private static void fail(ServerCall<?, ?> call, AtomicBoolean closed, RuntimeException e) {
      Status status;
      Metadata trailers = new Metadata();
      if (e instanceof StatusRuntimeException s) {
        status = s.getStatus();
        if (s.getTrailers() != null) {
          trailers = s.getTrailers();
        }
      } else if (e.getCause() instanceof StatusException s) {
        status = s.getStatus();
      } else {
        LOG.error("unexpected failure in {}", call.getMethodDescriptor().getFullMethodName(), e);
        status =
            Status.UNKNOWN.withDescription(
                "unexpected server error; see the server log for details");
      }
      if (closed.compareAndSet(false, true)) {
        try {
          call.close(status, trailers);
        } catch (IllegalStateException alreadyClosed) {
          LOG.debug("call already closed when answering {}", status);
        }
      }
    }
  }
}
