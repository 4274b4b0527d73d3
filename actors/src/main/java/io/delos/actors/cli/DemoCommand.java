package io.delos.actors.cli;

import com.typesafe.config.ConfigFactory;
import io.delos.actors.demo.SkeletonDemo;
import io.delos.actors.robot.Pacing;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code delos demo}: the main loop, end to end. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Balance a simulated cart-pole with an LQR controller actor while a trajectory store"
            + " records every step and a gRPC server answers on 127.0.0.1.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--seconds",
      defaultValue = "10",
      description = "Simulated seconds to run (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--fast",
      description = "Run as fast as possible (lock-step) instead of in real time.")
  boolean fast;

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "gRPC port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() {
    if (!(seconds > 0 && seconds <= 3600)) {
      System.err.println("--seconds = " + seconds + ": allowed (0, 3600]");
      return 2;
    }
    var config =
        ConfigFactory.parseString("delos.grpc.port = " + port).withFallback(ConfigFactory.load());
    SkeletonDemo.Result r =
        SkeletonDemo.run(config, fast ? Pacing.LOCK_STEP : Pacing.REAL_TIME, seconds, System.out);
    boolean ok = r.upright() && r.contiguous() && r.storedRows() == r.steps();
    System.out.println(ok ? "Demo finished: the loop held." : "Demo finished: the loop FAILED.");
    return ok ? 0 : 1;
  }
}
