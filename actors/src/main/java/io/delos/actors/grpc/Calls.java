package io.delos.actors.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs calls against the actors: deadlines, replies and the mapping of failures to statuses. */
final class Calls {
  private static final Logger LOG = LoggerFactory.getLogger(Calls.class);

  private Calls() {}

  /**
   * How long this call may wait for the actors: the configured call timeout, or less when the
   * client's deadline comes sooner.
   *
   * @throws StatusRuntimeException {@code DEADLINE_EXCEEDED} when the client's deadline passed
   */
  static Duration timeout(Duration configured) {
    Deadline deadline = Context.current().getDeadline();
    if (deadline == null) {
      return configured;
    }
    long left = deadline.timeRemaining(TimeUnit.MILLISECONDS);
    if (left <= 0) {
      throw Status.DEADLINE_EXCEEDED
          .withDescription("the call's deadline passed")
          .asRuntimeException();
    }
    return configured.toMillis() < left ? configured : Duration.ofMillis(left);
  }

  /**
   * Answers a unary call with the value {@code work} completes with, or with the status its failure
   * maps to. Failures thrown by {@code work} itself are answered the same way.
   *
   * @param out the call's observer
   * @param what what the call waits for, for a timeout message, for example "robot 'cartpole-0'"
   * @param timeout how long it waits, for a timeout message
   * @param work starts the work
   */
  static <T> void unary(
      StreamObserver<T> out, String what, Duration timeout, Supplier<CompletionStage<T>> work) {
    CompletionStage<T> stage;
    try {
      stage = work.get();
    } catch (RuntimeException e) {
      out.onError(toStatus(e, what, timeout));
      return;
    }
    stage.whenComplete(
        (value, error) -> {
          if (error != null) {
            out.onError(toStatus(error, what, timeout));
          } else {
            out.onNext(value);
            out.onCompleted();
          }
        });
  }

  /**
   * The status a failure maps to: a status failure keeps its status, a timeout is {@code
   * UNAVAILABLE}, anything else is an unexpected error, logged with its stack trace and answered
   * {@code UNKNOWN} with a short description.
   */
  static StatusRuntimeException toStatus(Throwable error, String what, Duration timeout) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof StatusRuntimeException s) {
      return s;
    }
    if (e instanceof StatusException s) {
      return s.getStatus().asRuntimeException(s.getTrailers());
    }
    if (e instanceof TimeoutException) {
      return Problems.unavailable(what + " did not answer within " + timeout.toMillis() + " ms");
    }
    LOG.error("unexpected failure while waiting for {}", what, e);
    return Problems.of(
        Status.UNKNOWN,
        "unexpected server error while waiting for " + what + "; see the server log");
  }
}
