package io.delos.actors.grpc;

import static io.delos.actors.grpc.Rpc.fails;
import static io.delos.actors.grpc.Rpc.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import io.delos.actors.symbolic.SymbolicRegressionActor;
import io.delos.actors.symbolic.SymbolicSettings;
import io.delos.proto.v1.CancelJobRequest;
import io.delos.proto.v1.DiscoverRequest;
import io.delos.proto.v1.DiscoverUpdate;
import io.delos.proto.v1.JobState;
import io.delos.proto.v1.SymbolicRegressionServiceGrpc;
import io.delos.proto.v1.SymbolicRegressionServiceGrpc.SymbolicRegressionServiceBlockingStub;
import io.delos.worldmodel.symbolic.Candidate;
import io.delos.worldmodel.symbolic.ExprParser;
import io.delos.worldmodel.symbolic.ProgressListener;
import io.delos.worldmodel.symbolic.SymbolicRegressionRequest;
import io.delos.worldmodel.symbolic.SymbolicRegressionResult;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code SymbolicRegressionService} over a job host whose engine the test controls (one job at a
 * time): failing engines, client cancellation, a full host.
 */
class SymbolicJobsServiceTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  /** How long a test waits for something that must happen, s. */
  private static final long WAIT_SECONDS = 20;

  private final AtomicReference<SymbolicRegressionActor.Engine> engine = new AtomicReference<>();
  private ExecutorService pool;
  private Server server;
  private ManagedChannel channel;
  private SymbolicRegressionServiceBlockingStub symbolic;

  /** A fresh job host (one job at a time) and server for each test. */
  @BeforeEach
  void start() throws IOException {
    pool = Executors.newFixedThreadPool(1);
    ActorRef<SymbolicRegressionActor.Command> host =
        KIT.spawn(
            SymbolicRegressionActor.create(
                1, pool, (request, listener, c) -> engine.get().run(request, listener, c)));
    SymbolicRegressionServiceImpl service =
        new SymbolicRegressionServiceImpl(
            KIT.system(),
            host,
            new SymbolicSettings(1, Duration.ofMinutes(1), SymbolicRegressionRequest.Clock.WALL),
            Duration.ofSeconds(5));
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .addService(CallGuard.guard(service.bindService()))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).build();
    symbolic = SymbolicRegressionServiceGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow();
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    pool.shutdownNow();
  }

  @AfterAll
  static void shutDown() {
    KIT.shutdownTestKit();
  }

  /** y = 2x + 1 on 12 rows. */
  static DiscoverRequest request() {
    double[] t = new double[24];
    for (int i = 0; i < 12; i++) {
      t[2 * i] = i;
      t[2 * i + 1] = 2 * i + 1;
    }
    return DiscoverRequest.newBuilder()
        .addColumns("x")
        .addColumns("y")
        .setTable(tensor(t, 12, 2))
        .setTarget("y")
        .setBudgetSeconds(5)
        .build();
  }

  /** Answers 2*x + 1 at once. */
  static SymbolicRegressionResult exact(SymbolicRegressionRequest r, boolean cancelled) {
    Candidate c = Candidate.of(ExprParser.parse("2*x + 1", List.of("x")), 0);
    return new SymbolicRegressionResult(
        r.inputNames(),
        r.target(),
        List.of(c),
        c,
        Double.NaN,
        1,
        Duration.ofMillis(1),
        cancelled,
        List.of());
  }

  /** Reports once, then waits until cancelled and answers; counts the cancellation down. */
  static SymbolicRegressionActor.Engine untilCancelled(CountDownLatch cancelled) {
    return (request, listener, cancellation) -> {
      listener.onProgress(
          new ProgressListener.Progress(ProgressListener.Stage.SEARCH, "searching", 0.1));
      while (!cancellation.isCancelled()) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      cancelled.countDown();
      return exact(request, true);
    };
  }

  private List<DiscoverUpdate> discover(DiscoverRequest r) {
    List<DiscoverUpdate> out = new ArrayList<>();
    symbolic
        .withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS)
        .discover(r)
        .forEachRemaining(out::add);
    return out;
  }

  @Test
  void anEngineThatThrowsEndsItsCallAndTheNextDiscoverSucceeds() {
    engine.set(
        (request, listener, c) -> {
          throw new IllegalStateException("the solver diverged");
        });
    String why = fails(Status.Code.UNAVAILABLE, () -> discover(request()));
    assertThat(why).contains("failed").contains("the solver diverged");

    engine.set(
        (request, listener, c) -> {
          throw new IllegalArgumentException("every input is constant");
        });
    assertThat(fails(Status.Code.INVALID_ARGUMENT, () -> discover(request())))
        .contains("every input is constant");

    engine.set((request, listener, c) -> exact(request, false));
    List<DiscoverUpdate> updates = discover(request());
    DiscoverUpdate last = updates.get(updates.size() - 1);
    assertThat(last.getProgress().getState()).isEqualTo(JobState.JOB_STATE_SUCCEEDED);
    assertThat(last.getResult().getBestInfix()).isEqualTo("2*x + 1");
    assertThat(last.getResult().getFront(0).getMse()).isZero();
    assertThat(last.getResult().getFront(0).getR2()).isEqualTo(1);
    assertThat(last.getResult().getFront(0).getLatex()).contains("x");
  }

  @Test
  void cancellingTheCallCancelsItsJob() throws InterruptedException {
    CountDownLatch cancelled = new CountDownLatch(1);
    engine.set(untilCancelled(cancelled));
    Context.CancellableContext call = Context.current().withCancellation();
    AtomicReference<Iterator<DiscoverUpdate>> updates = new AtomicReference<>();
    call.run(
        () -> updates.set(symbolic.withDeadlineAfter(60, TimeUnit.SECONDS).discover(request())));
    assertThat(updates.get().next().getProgress().getJobId()).isNotBlank();
    assertThat(updates.get().next().getProgress().getMessage()).contains("searching");

    call.cancel(null);

    assertThat(cancelled.await(WAIT_SECONDS, TimeUnit.SECONDS))
        .as("the engine saw the cancellation")
        .isTrue();
  }

  @Test
  void aDiscoverWhileTheHostIsFullIsResourceExhaustedAndCancelEndsTheRunningOne()
      throws InterruptedException {
    CountDownLatch cancelled = new CountDownLatch(1);
    engine.set(untilCancelled(cancelled));
    Iterator<DiscoverUpdate> running =
        symbolic.withDeadlineAfter(60, TimeUnit.SECONDS).discover(request());
    String jobId = running.next().getProgress().getJobId();

    String why = fails(Status.Code.RESOURCE_EXHAUSTED, () -> discover(request()));
    assertThat(why).contains("delos.symbolic.max-jobs");

    assertThat(
            symbolic
                .withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS)
                .cancel(CancelJobRequest.newBuilder().setJobId(jobId).build())
                .getState())
        .isEqualTo(JobState.JOB_STATE_CANCELLED);
    DiscoverUpdate last = null;
    while (running.hasNext()) {
      last = running.next();
    }
    assertThat(last).isNotNull();
    assertThat(last.getProgress().getState()).isEqualTo(JobState.JOB_STATE_CANCELLED);
    assertThat(last.getResult().getBestInfix()).isEqualTo("2*x + 1");
    assertThat(cancelled.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
  }
}
