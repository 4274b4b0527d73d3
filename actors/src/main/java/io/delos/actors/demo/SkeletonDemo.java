package io.delos.actors.demo;

import com.typesafe.config.Config;
import io.delos.actors.control.ControllerActor;
import io.delos.actors.grpc.GrpcServer;
import io.delos.actors.robot.Pacing;
import io.delos.actors.robot.RobotSettings;
import io.delos.actors.robot.RobotSystemActor;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.runtime.GrpcSettings;
import io.delos.controllers.lqr.Lqr;
import io.delos.controllers.lqr.LqrSettings;
import io.delos.proto.v1.ListSystemsRequest;
import io.delos.proto.v1.ListSystemsResponse;
import io.delos.proto.v1.RobotServiceGrpc;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.Trajectory;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.SimulatorDynamics;
import io.delos.sim.task.TaskSpec;
import io.delos.worldmodel.linear.LeastSquaresDynamics;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The walking skeleton's closed loop: a simulated cart-pole owned by a robot-system actor, an LQR
 * controller actor balancing it from a 0.2 rad tilt, a trajectory store receiving the stream, and a
 * gRPC server answering the health check and {@code ListSystems}; at the end a least-squares world
 * model is fitted on the recorded stream. It crosses every module: sim, robots, controllers,
 * world-model, proto and actors.
 */
public final class SkeletonDemo {
  /** The start tilt of the pole, radians. */
  public static final double START_ANGLE = 0.2;

  /**
   * What the loop measured.
   *
   * @param simulatedSeconds simulated time covered, seconds
   * @param steps control steps the robot took
   * @param storedRows rows the store holds
   * @param contiguous the stored rows are exactly steps 0 to steps−1, in order, without gaps
   * @param maxAngleAfterStart largest |pole angle| after the first step, radians
   * @param health the health service's answer
   * @param listedSystems system ids {@code ListSystems} returned
   * @param modelError one-step mean squared error of the least-squares world model fitted on the
   *     stream, on the stream itself
   * @param holdError the same error for holding the last observation, the naive baseline
   */
  public record Result(
      double simulatedSeconds,
      long steps,
      long storedRows,
      boolean contiguous,
      double maxAngleAfterStart,
      String health,
      List<String> listedSystems,
      double modelError,
      double holdError) {
    /** True when the pole stayed within 0.2 rad after the start and every step was stored. */
    public boolean upright() {
      return maxAngleAfterStart < START_ANGLE;
    }
  }

  private SkeletonDemo() {}

  /**
   * Runs the loop.
   *
   * @param config resolved configuration
   * @param pacing real time for people watching, lock-step for tests
   * @param seconds simulated seconds to run
   * @param out where progress goes
   */
  public static Result run(Config config, Pacing pacing, double seconds, PrintStream out) {
    RobotSystem cartpole = Catalogue.system("cartpole");
    TaskSpec balance = cartpole.task("balance");
    TaskSpec task =
        new TaskSpec(
            "balance-from-tilt",
            balance.robot(),
            balance.maxSteps(),
            List.of(
                new TaskSpec.JointStart(
                    "hinge", new TaskSpec.Range(START_ANGLE, START_ANGLE), TaskSpec.Range.ZERO)),
            List.of(),
            balance.reward(),
            List.of(),
            balance.success(),
            balance.cost(),
            balance.terminalCost(),
            balance.operatingPoint());
    long steps = Math.round(seconds / SimConfig.DEFAULT.controlPeriod());

    out.println("Delos skeleton: a cart-pole balanced by LQR, through actors, with gRPC.");
    SimulatorDynamics oracle = new SimulatorDynamics(cartpole.morphology(), SimConfig.DEFAULT);
    Lqr lqr =
        LqrSettings.builtIn("cartpole", "balance")
            .design(
                oracle,
                balance,
                cartpole.morphology().observationSpace(),
                cartpole.morphology().actionSpace());
    out.println("  designed LQR from the simulator's linearisation around the upright pole");

    try (DelosRuntime runtime = DelosRuntime.start(config, "delos-demo");
        GrpcServer grpc = GrpcServer.start(GrpcSettings.from(config), runtime)) {
      RobotSettings defaults = runtime.robotDefaults();
      // In lock-step the loop waits for every action, however loaded the machine is; in real
      // time a late action falls back to holding the previous one.
      Duration wait = pacing == Pacing.LOCK_STEP ? Duration.ofSeconds(30) : Duration.ofMillis(15);
      RobotSettings settings =
          new RobotSettings(
              pacing,
              defaults.chunkSize(),
              defaults.maxChunksInFlight(),
              pacing == Pacing.LOCK_STEP ? Duration.ofSeconds(60) : defaults.actionTimeout(),
              defaults.seed(),
              steps);
      ActorRef<RobotSystemActor.Command> robot =
          runtime.spawnRobot("cartpole-0", "cartpole", () -> cartpole.environment(task), settings);
      runtime.spawnController(
          "controller-cartpole-0",
          lqr,
          new double[] {0},
          new ControllerActor.Settings(wait, new ControllerActor.Fallback.Hold(), false),
          robot);
      out.printf(
          "  robot cartpole-0 started at %.2f rad, %s pacing, %d steps; gRPC on 127.0.0.1:%d%n",
          START_ANGLE,
          pacing.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
          steps,
          grpc.port());

      long last = -1;
      while (true) {
        RobotSystemActor.Status s =
            runtime.robotStatuses(Duration.ofSeconds(5)).toCompletableFuture().join().get(0);
        if (s.steps() >= steps) {
          break;
        }
        if (pacing == Pacing.REAL_TIME && s.steps() / 50 != last) {
          last = s.steps() / 50;
          out.printf("  t = %4.1f s, %d steps%n", s.steps() * s.controlPeriod(), s.steps());
        }
        sleep(pacing == Pacing.REAL_TIME ? 100 : 10);
      }

      String health;
      List<String> listed;
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", grpc.port()).usePlaintext().build();
      try {
        health =
            HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("").build())
                .getStatus()
                .name();
        ListSystemsResponse systems =
            RobotServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .listSystems(ListSystemsRequest.getDefaultInstance());
        listed = systems.getSystemsList().stream().map(x -> x.getSystemId()).toList();
      } finally {
        channel.shutdownNow();
      }
      out.printf("  gRPC health: %s; delos.v1.RobotService/ListSystems: %s%n", health, listed);

      runtime.stopRobots(Duration.ofSeconds(10));
      Trajectory t = runtime.trajectory("cartpole-0");
      boolean contiguous = t.length() == steps;
      for (int k = 1; k < t.length() && contiguous; k++) {
        contiguous = t.time(k) > t.time(k - 1);
      }
      double maxAngle = 0;
      for (int k = 1; k < t.length(); k++) {
        maxAngle =
            Math.max(maxAngle, Math.abs(Math.atan2(t.observation(k, 1), t.observation(k, 2))));
      }
      LeastSquaresDynamics model = LeastSquaresDynamics.fit(List.of(t), 1e-6);
      double[] errors = model.oneStepErrors(t);
      out.printf(
          "  world model (least squares on the stream): one-step MSE %.2e, holding the"
              + " observation %.2e%n",
          errors[0], errors[1]);
      Result r =
          new Result(
              steps * SimConfig.DEFAULT.controlPeriod(),
              steps,
              t.length(),
              contiguous,
              maxAngle,
              health,
              listed,
              errors[0],
              errors[1]);
      out.printf(
          "Result: pole angle stayed within %.3f rad (bound %.1f) for %.1f s; store received %d of"
              + " %d steps%s.%n",
          maxAngle,
          START_ANGLE,
          r.simulatedSeconds(),
          r.storedRows(),
          steps,
          contiguous ? ", in order" : ", with gaps");
      return r;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
