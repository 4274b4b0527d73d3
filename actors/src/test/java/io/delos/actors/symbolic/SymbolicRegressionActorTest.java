package io.delos.actors.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.worldmodel.symbolic.Cancellation;
import io.delos.worldmodel.symbolic.ProgressListener;
import io.delos.worldmodel.symbolic.SymbolicRegressionRequest;
import io.delos.worldmodel.symbolic.SymbolicRegressionResult;
import io.delos.worldmodel.symbolic.Table;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job host, with stand-in engines: capacity, cancellation, failures, event order. */
class SymbolicRegressionActorTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  /** How long a test waits for an event that must come. */
  private static final Duration WAIT = Duration.ofSeconds(10);

  private ExecutorService pool;

  @BeforeEach
  void startPool() {
    pool =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "symbolic-test-job");
              t.setDaemon(true);
              return t;
            });
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @AfterAll
  static void shutDown() {
    KIT.shutdownTestKit();
  }

  static SymbolicRegressionRequest request() {
    double[][] cols = new double[2][12];
    for (int i = 0; i < 12; i++) {
      cols[0][i] = i;
      cols[1][i] = 2 * i + 1;
    }
    return SymbolicRegressionRequest.of(
        new Table(List.of("x", "y"), cols), "y", Duration.ofSeconds(1), 1);
  }

  static SymbolicRegressionResult result(SymbolicRegressionRequest r, boolean cancelled) {
    return new SymbolicRegressionResult(
        r.inputNames(),
        r.target(),
        List.of(),
        null,
        Double.NaN,
        0,
        Duration.ZERO,
        cancelled,
        List.of());
  }

  /** Reports progress until cancelled, then returns an empty result marked cancelled. */
  static final SymbolicRegressionActor.Engine UNTIL_CANCELLED =
      (request, listener, cancellation) -> {
        int i = 0;
        while (!cancellation.isCancelled()) {
          if (i++ < 3) {
            listener.onProgress(
                new ProgressListener.Progress(ProgressListener.Stage.SEARCH, "step " + i, 0.1));
          }
          sleep(5);
        }
        return result(request, true);
      };

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ActorRef<SymbolicRegressionActor.Command> host(
      int maxJobs, SymbolicRegressionActor.Engine engine) {
    return KIT.spawn(SymbolicRegressionActor.create(maxJobs, pool, engine));
  }

  private static String accepted(TestProbe<SymbolicRegressionActor.Event> p) {
    return p.expectMessageClass(SymbolicRegressionActor.Accepted.class, WAIT).jobId();
  }

  private static SymbolicRegressionActor.JobState cancel(
      ActorRef<SymbolicRegressionActor.Command> host, String id) {
    TestProbe<SymbolicRegressionActor.CancelOutcome> p = KIT.createTestProbe();
    host.tell(new SymbolicRegressionActor.Cancel(id, p.getRef()));
    return p.expectMessageClass(SymbolicRegressionActor.CancelOutcome.class, WAIT).state();
  }

  @Test
  void eventsOfAJobArriveAcceptedThenProgressThenFinishedAndItRunsOffTheActorsThreads() {
    AtomicReference<String> thread = new AtomicReference<>();
    SymbolicRegressionActor.Engine engine =
        (request, listener, cancellation) -> {
          thread.set(Thread.currentThread().getName());
          for (int i = 0; i < 5; i++) {
            listener.onProgress(
                new ProgressListener.Progress(ProgressListener.Stage.SEARCH, "step " + i, i / 5.0));
          }
          return result(request, false);
        };
    ActorRef<SymbolicRegressionActor.Command> host = host(1, engine);
    TestProbe<SymbolicRegressionActor.Event> p = KIT.createTestProbe();
    host.tell(new SymbolicRegressionActor.Start(request(), p.getRef()));
    String id = accepted(p);
    for (int i = 0; i < 5; i++) {
      SymbolicRegressionActor.Progressed m =
          p.expectMessageClass(SymbolicRegressionActor.Progressed.class, WAIT);
      assertThat(m.jobId()).isEqualTo(id);
      assertThat(m.progress().message()).isEqualTo("step " + i);
    }
    SymbolicRegressionActor.Finished f =
        p.expectMessageClass(SymbolicRegressionActor.Finished.class, WAIT);
    assertThat(f.jobId()).isEqualTo(id);
    assertThat(f.result().cancelled()).isFalse();
    assertThat(thread.get()).isEqualTo("symbolic-test-job");
    assertThat(cancel(host, id)).isEqualTo(SymbolicRegressionActor.JobState.SUCCEEDED);
  }

  @Test
  void aJobBeyondMaxJobsIsRefusedAndOneIsAcceptedOnceASlotFrees() {
    ActorRef<SymbolicRegressionActor.Command> host = host(1, UNTIL_CANCELLED);
    TestProbe<SymbolicRegressionActor.Event> first = KIT.createTestProbe();
    host.tell(new SymbolicRegressionActor.Start(request(), first.getRef()));
    String id = accepted(first);

    TestProbe<SymbolicRegressionActor.Event> second = KIT.createTestProbe();
    host.tell(new SymbolicRegressionActor.Start(request(), second.getRef()));
    SymbolicRegressionActor.Refused refused =
        second.expectMessageClass(SymbolicRegressionActor.Refused.class, WAIT);
    assertThat(refused.full()).isTrue();
    assertThat(refused.reason()).contains("delos.symbolic.max-jobs");

    assertThat(cancel(host, id)).isEqualTo(SymbolicRegressionActor.JobState.CANCELLED);
    first.fishForMessage(
        WAIT,
        m ->
            m instanceof SymbolicRegressionActor.Finished
                ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
                : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
    TestProbe<SymbolicRegressionActor.Event> third = KIT.createTestProbe();
    host.tell(new SymbolicRegressionActor.Start(request(), third.getRef()));
    String next = accepted(third);
    assertThat(next).isNotEqualTo(id);
    cancel(host, next);
  }

  @Test
  void aCancelledJobEndsWithTheResultItHadAndReportsCancelledAfterwards() {
    ActorRef<SymbolicRegressionActor.Command> host = host(2, UNTIL_CANCELLED);
    TestProbe<SymbolicRegressionActor.Event> p = KIT.createTestProbe();
    host.tell(new SymbolicRegressionActor.Start(request(), p.getRef()));
    String id = accepted(p);
    p.expectMessageClass(SymbolicRegressionActor.Progressed.class, WAIT);

    assertThat(cancel(host, id)).isEqualTo(SymbolicRegressionActor.JobState.CANCELLED);
    SymbolicRegressionActor.Event last;
    do {
      last = p.receiveMessage(WAIT);
    } while (last instanceof SymbolicRegressionActor.Progressed);
    assertThat(last).isInstanceOf(SymbolicRegressionActor.Finished.class);
    assertThat(((SymbolicRegressionActor.Finished) last).result().cancelled()).isTrue();
    assertThat(cancel(host, id)).isEqualTo(SymbolicRegressionActor.JobState.CANCELLED);
  }

  @Test
  void cancellingAnIdThatNamesNoJobAnswersUnknown() {
    ActorRef<SymbolicRegressionActor.Command> host = host(1, UNTIL_CANCELLED);
    assertThat(cancel(host, "sr-999")).isEqualTo(SymbolicRegressionActor.JobState.UNKNOWN);
  }

  @Test
  void anEngineThatThrowsFailsItsJobAndTheHostServesTheNextOne() {
    AtomicInteger calls = new AtomicInteger();
    SymbolicRegressionActor.Engine engine =
        (request, listener, cancellation) -> {
          switch (calls.incrementAndGet()) {
            case 1 -> throw new IllegalStateException("solver diverged");
            case 2 -> throw new IllegalArgumentException("every input is constant");
            case 3 -> throw new StackOverflowError();
            default -> {
              return result(request, false);
            }
          }
        };
    ActorRef<SymbolicRegressionActor.Command> host = host(1, engine);
    for (int i = 0; i < 3; i++) {
      TestProbe<SymbolicRegressionActor.Event> p = KIT.createTestProbe();
      host.tell(new SymbolicRegressionActor.Start(request(), p.getRef()));
      String id = accepted(p);
      SymbolicRegressionActor.Failed f =
          p.expectMessageClass(SymbolicRegressionActor.Failed.class, WAIT);
      assertThat(f.jobId()).isEqualTo(id);
      assertThat(f.rejectedInput()).isEqualTo(i == 1);
      assertThat(cancel(host, id)).isEqualTo(SymbolicRegressionActor.JobState.FAILED);
    }
    TestProbe<SymbolicRegressionActor.Event> p = KIT.createTestProbe();
    host.tell(new SymbolicRegressionActor.Start(request(), p.getRef()));
    accepted(p);
    assertThat(p.expectMessageClass(SymbolicRegressionActor.Finished.class, WAIT).result())
        .isNotNull();
  }

  @Test
  void stoppingTheHostCancelsItsJobsAndTellsTheirRequesters() {
    Cancellation[] seen = new Cancellation[1];
    SymbolicRegressionActor.Engine engine =
        (request, listener, cancellation) -> {
          seen[0] = cancellation;
          return UNTIL_CANCELLED.run(request, listener, cancellation);
        };
    ActorRef<SymbolicRegressionActor.Command> host = host(1, engine);
    TestProbe<SymbolicRegressionActor.Event> p = KIT.createTestProbe();
    host.tell(new SymbolicRegressionActor.Start(request(), p.getRef()));
    accepted(p);
    p.expectMessageClass(SymbolicRegressionActor.Progressed.class, WAIT);
    host.tell(new SymbolicRegressionActor.Stop());
    SymbolicRegressionActor.Event last;
    do {
      last = p.receiveMessage(WAIT);
    } while (last instanceof SymbolicRegressionActor.Progressed);
    assertThat(last).isInstanceOf(SymbolicRegressionActor.Failed.class);
    assertThat(seen[0].isCancelled()).isTrue();
  }
}
