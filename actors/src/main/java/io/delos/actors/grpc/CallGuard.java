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
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a service so that nothing a client sends can make it answer {@code INTERNAL} or crash:
 *
 * <ul>
 *   <li>a request that is not a valid protobuf message of the method's type is answered {@code
 *       INVALID_ARGUMENT} (gRPC alone would answer {@code INTERNAL});
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
    java.util.List<ServerMethodDefinition<?, ?>> methods = new java.util.ArrayList<>();
    for (ServerMethodDefinition<?, ?> m : service.getMethods()) {
      ServerMethodDefinition<?, ?> guarded = guardParsing(m);
      descriptor.addMethod(guarded.getMethodDescriptor());
      methods.add(guarded);
    }
    ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(descriptor.build());
    for (ServerMethodDefinition<?, ?> m : methods) {
      b.addMethod(m);
    }
    return ServerInterceptors.intercept(b.build(), new ExceptionBoundary());
  }

  private static <Q, R> ServerMethodDefinition<Q, R> guardParsing(ServerMethodDefinition<Q, R> m) {
    MethodDescriptor<Q, R> d = m.getMethodDescriptor();
    MethodDescriptor<Q, R> guarded =
        d.toBuilder()
            .setRequestMarshaller(new ParseGuard<>(d.getRequestMarshaller(), d.getFullMethodName()))
            .build();
    return ServerMethodDefinition.create(guarded, m.getServerCallHandler());
  }

  /** Turns a parse failure into {@code INVALID_ARGUMENT}. */
  private static final class ParseGuard<T> implements MethodDescriptor.Marshaller<T> {
    private final MethodDescriptor.Marshaller<T> delegate;
    private final String method;

    ParseGuard(MethodDescriptor.Marshaller<T> delegate, String method) {
      this.delegate = delegate;
      this.method = method;
    }

    @Override
    public InputStream stream(T value) {
      return delegate.stream(value);
    }

    @Override
    public T parse(InputStream stream) {
      try {
        return delegate.parse(stream);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.INTERNAL) {
          throw e;
        }
        throw Problems.invalid(
            "the request is not a valid protobuf message for "
                + method
                + ": "
                + (e.getCause() == null
                    ? e.getStatus().getDescription()
                    : e.getCause().getMessage()));
      } catch (RuntimeException e) {
        throw Problems.invalid(
            "the request is not a valid protobuf message for " + method + ": " + e.getMessage());
      }
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
