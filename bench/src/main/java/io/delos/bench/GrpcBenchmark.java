package io.delos.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.delos.actors.grpc.GrpcLimits;
import io.delos.actors.grpc.GrpcSecurity;
import io.delos.actors.grpc.GrpcServer;
import io.delos.actors.robot.Pacing;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.runtime.GrpcSettings;
import io.delos.proto.v1.FineTuneProgress;
import io.delos.proto.v1.FineTuneRequest;
import io.delos.proto.v1.Observation;
import io.delos.proto.v1.PredictRequest;
import io.delos.proto.v1.RobotServiceGrpc;
import io.delos.proto.v1.StreamObservationsRequest;
import io.delos.proto.v1.Tensor;
import io.delos.proto.v1.Trajectory;
import io.delos.proto.v1.WorldModelServiceGrpc;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.Channel;
import io.delos.sim.EndReason;
import io.delos.sim.Environment;
import io.delos.sim.Snapshot;
import io.delos.sim.Space;
import io.delos.sim.StepInfo;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * gRPC on loopback, client and server in one JVM: the latency of unary {@code Predict} calls with a
 * 1 KiB request (p50, p99, p99.9, one call in flight), and the rate of {@code StreamObservations}
 * messages from a free-running robot.
 *
 * <p>Run: {@code java -cp ... io.delos.bench.GrpcBenchmark [CALLS] [STREAM_SECONDS]} (defaults
 * 20000 and 10).
 */
public final class GrpcBenchmark {
  private GrpcBenchmark() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Config config =
        ConfigFactory.parseString(
                "delos.store.rows-in-memory = 100000\ndelos.grpc.limits.stream-buffer = 4096")
            .withFallback(ConfigFactory.load());
    System.out.printf(
        Locale.ROOT,
        "Delos gRPC benchmark: %d cores, Java %s, load average %.2f%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    try (DelosRuntime runtime = DelosRuntime.start(config, "grpc-bench");
        GrpcServer server =
            GrpcServer.start(
                new GrpcSettings("127.0.0.1", 0, 4 << 20, Duration.ofSeconds(30)),
                GrpcSecurity.none(),
                GrpcLimits.from(config),
                runtime)) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        train(channel);
        healthLatency(channel, calls);
        for (String model : List.of("cartpole-mlp", "cartpole-simulator")) {
          latency(channel, model, calls);
        }
        RobotSystem cartpole = Catalogue.system("cartpole");
        // Streams are read on the transport's thread, as a high-rate client would.
        ManagedChannel direct =
            NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .directExecutor()
                .build();
        stream(
            runtime,
            direct,
            "cartpole-free",
            () -> cartpole.environment(cartpole.defaultTask()),
            seconds);
        stream(runtime, direct, "counter-free", Counter::new, seconds);
        direct.shutdown().awaitTermination(10, TimeUnit.SECONDS);
      } finally {
        channel.shutdownNow();
      }
      runtime.stopRobots(Duration.ofSeconds(10));
    }
  }

  /** Trains the served MLP on random-action cart-pole episodes so it can answer. */
  private static void train(ManagedChannel channel) {
    RobotSystem cartpole = Catalogue.system("cartpole");
    FineTuneRequest.Builder request =
        FineTuneRequest.newBuilder().setModelId("cartpole-mlp").setEpochs(5).setSeed(1);
    SplittableRandom r = new SplittableRandom(1);
    for (int e = 0; e < 10; e++) {
      MorphologyEnvironment env = cartpole.environment(cartpole.task("swingup"));
      Vec o = env.reset(e);
      Trajectory.Builder t = Trajectory.newBuilder().setSystemId("bench");
      Tensor.Builder obs = Tensor.newBuilder();
      Tensor.Builder act = Tensor.newBuilder();
      int rows = 0;
      for (int k = 0; k < 150; k++) {
        double u = r.nextDouble(-1, 1);
        StepResult s = env.step(new double[] {u});
        t.addTimes(k * 0.02).addRewards(s.reward()).addFlags(k == 0 ? 1 : 0);
        for (double v : o.toArray()) {
          obs.addData((float) v);
        }
        act.addData((float) u);
        rows++;
        o = s.observation();
        if (s.done()) {
          break;
        }
      }
      t.setObservations(obs.addShape(rows).addShape(5)).setActions(act.addShape(rows).addShape(1));
      request.addTrajectories(t);
    }
    FineTuneProgress last = null;
    for (var it =
            WorldModelServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.MINUTES)
                .fineTune(request.build());
        it.hasNext(); ) {
      last = it.next();
    }
    System.out.printf(
        Locale.ROOT,
        "trained cartpole-mlp %s on %d transitions (validation loss %.4f)%n",
        last.getModelVersion(),
        last.getTransitions(),
        last.getValidationLoss());
  }

  /** A Predict request of about 1 KiB: as many (observation, action) rows as fit. */
  static PredictRequest request(String model) {
    PredictRequest best = null;
    for (int batch = 1; batch < 200; batch++) {
      Tensor.Builder obs = Tensor.newBuilder().addShape(batch).addShape(5);
      Tensor.Builder act = Tensor.newBuilder().addShape(batch).addShape(1);
      for (int b = 0; b < batch; b++) {
        obs.addData(0.1f * (b % 7)).addData(0.05f).addData(0.99f).addData(0.2f).addData(-0.1f);
        act.addData(b % 2 == 0 ? 0.5f : -0.5f);
      }
      PredictRequest p =
          PredictRequest.newBuilder()
              .setModelId(model)
              .setObservations(obs)
              .setActions(act)
              .build();
      if (p.getSerializedSize() > 1024) {
        break;
      }
      best = p;
    }
    return best;
  }

  /** The floor: a unary call answered by gRPC's health service, no actors involved. */
  private static void healthLatency(ManagedChannel channel, int calls) {
    HealthGrpc.HealthBlockingStub stub = HealthGrpc.newBlockingStub(channel);
    HealthCheckRequest request = HealthCheckRequest.getDefaultInstance();
    for (int i = 0; i < Math.max(1000, calls / 5); i++) {
      stub.withDeadlineAfter(10, TimeUnit.SECONDS).check(request);
    }
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      stub.withDeadlineAfter(10, TimeUnit.SECONDS).check(request);
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "Health.Check (no actors, reference)     : p50 %6.1f us, p99 %7.1f us, p99.9 %7.1f us%n",
        nanos[calls / 2] / 1e3,
        nanos[(int) (calls * 0.99)] / 1e3,
        nanos[(int) (calls * 0.999)] / 1e3);
  }

  private static void latency(ManagedChannel channel, String model, int calls) {
    PredictRequest request = request(model);
    WorldModelServiceGrpc.WorldModelServiceBlockingStub stub =
        WorldModelServiceGrpc.newBlockingStub(channel);
    int warmup = Math.max(1000, calls / 5);
    for (int i = 0; i < warmup; i++) {
      stub.withDeadlineAfter(10, TimeUnit.SECONDS).predict(request);
    }
    long[] nanos = new long[calls];
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      stub.withDeadlineAfter(10, TimeUnit.SECONDS).predict(request);
      nanos[i] = System.nanoTime() - t0;
    }
    double total = (System.nanoTime() - start) / 1e9;
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "Predict %-18s request %4d B (batch %d): p50 %6.1f us, p99 %7.1f us, p99.9 %7.1f us,"
            + " mean %6.1f us, %d calls, %.0f calls/s%n",
        model,
        request.getSerializedSize(),
        request.getObservations().getShape(0),
        nanos[calls / 2] / 1e3,
        nanos[(int) (calls * 0.99)] / 1e3,
        nanos[(int) (calls * 0.999)] / 1e3,
        Arrays.stream(nanos).average().orElse(0) / 1e3,
        calls,
        calls / total);
  }

  private static void stream(
      DelosRuntime runtime,
      ManagedChannel channel,
      String id,
      Supplier<Environment> environment,
      int seconds)
      throws InterruptedException {
    String family = id.startsWith("cartpole") ? "cartpole" : "counter";
    runtime.spawnRobot(
        id, family, environment, runtime.robotDefaults().withPacing(Pacing.FREE_RUN));
    AtomicLong received = new AtomicLong();
    AtomicLong dropped = new AtomicLong();
    Context.CancellableContext context = Context.current().withCancellation();
    context.run(
        () ->
            RobotServiceGrpc.newStub(channel)
                .streamObservations(
                    StreamObservationsRequest.newBuilder().setSystemId(id).build(),
                    new StreamObserver<Observation>() {
                      @Override
                      public void onNext(Observation o) {
                        received.incrementAndGet();
                        dropped.addAndGet(o.getDropped());
                      }

                      @Override
                      public void onError(Throwable t) {}

                      @Override
                      public void onCompleted() {}
                    }));
    Thread.sleep(2000); // warm-up
    long r0 = received.get();
    long d0 = dropped.get();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long r1 = received.get();
    long d1 = dropped.get();
    context.cancel(null);
    Thread.sleep(500); // let the server see the cancellation
    System.out.printf(
        Locale.ROOT,
        "StreamObservations %-14s %9.0f messages/s received, %9.0f/s dropped (robot faster than"
            + " the client)%n",
        id,
        (r1 - r0) / elapsed,
        (d1 - d0) / elapsed);
  }

  /**
   * A trivial robot: five observation channels counting steps, one action. Streams from it measure
   * the runtime and gRPC, not the physics.
   */
  static final class Counter implements Environment {
    private static final Space OBSERVATIONS =
        new Space(
            List.of(
                Channel.unbounded("a", "1"),
                Channel.unbounded("b", "1"),
                Channel.unbounded("c", "1"),
                Channel.unbounded("d", "1"),
                Channel.unbounded("e", "1")));
    private static final Space ACTIONS = new Space(List.of(new Channel("u", "1", -1, 1)));
    private final double[] x = new double[5];
    private double time;

    @Override
    public Space observationSpace() {
      return OBSERVATIONS;
    }

    @Override
    public Space actionSpace() {
      return ACTIONS;
    }

    @Override
    public double controlPeriod() {
      return 0.02;
    }

    @Override
    public Vec reset(long seed) {
      Arrays.fill(x, 0);
      time = 0;
      return Vec.of(x);
    }

    @Override
    public StepResult step(double[] action) {
      for (int i = 0; i < x.length; i++) {
        x[i] += 1 + action[0];
      }
      time += 0.02;
      return new StepResult(Vec.of(x), 0, false, false, new StepInfo(time, EndReason.NONE, false));
    }

    @Override
    public double time() {
      return time;
    }

    @Override
    public Snapshot snapshot() {
      throw new UnsupportedOperationException("the counter keeps no snapshots");
    }

    @Override
    public void restore(Snapshot snapshot) {
      throw new UnsupportedOperationException("the counter keeps no snapshots");
    }
  }
}
