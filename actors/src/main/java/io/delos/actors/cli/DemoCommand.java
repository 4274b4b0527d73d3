package io.delos.actors.cli;

import com.typesafe.config.ConfigFactory;
import io.delos.actors.demo.MainDemo;
import io.delos.actors.demo.SkeletonDemo;
import io.delos.actors.demo.report.RunRecord;
import io.delos.actors.robot.Pacing;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code delos demo}: the main job, end to end. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Robots from several families stream trajectories into the store while a world model",
      "learns from the stream; model-predictive controllers then drive held-out tasks through",
      "the learned model, next to the same controllers planning through the simulator. The gRPC",
      "server stays up on 127.0.0.1 meanwhile. Writes a report folder (HTML, plots, animations).",
      "Ctrl-C stops early and still writes the report."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--robots",
      split = ",",
      defaultValue = "cartpole,pendulum,acrobot,quadrotor,reacher,cheetah",
      description = "Families that stream data (default: ${DEFAULT-VALUE}).")
  List<String> robots;

  @Option(
      names = "--tasks",
      split = ",",
      defaultValue = "cartpole:swingup,pendulum:swingup,quadrotor:waypoint",
      description = "family:task pairs controlled at the end (default: ${DEFAULT-VALUE}).")
  List<String> tasks;

  @Option(
      names = "--minutes",
      defaultValue = "4",
      description =
          "Minutes for streaming and learning; control runs after (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      defaultValue = "delos-demo-report",
      description = "Report folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--no-report", description = "Do not write the report.")
  boolean noReport;

  @Option(
      names = "--control-seeds",
      defaultValue = "1",
      description = "Episodes per task and model (default: ${DEFAULT-VALUE}).")
  int controlSeeds;

  @Option(
      names = "--device",
      defaultValue = "auto",
      description = "Where models run: auto (a GPU when DJL sees one), cpu or gpu.")
  String device;

  @Option(
      names = "--skeleton",
      description = "Run the walking skeleton's loop instead: LQR balancing one cart-pole.")
  boolean skeleton;

  @Override
  public Integer call() throws Exception {
    var config = ConfigFactory.load();
    if (skeleton) {
      SkeletonDemo.Result r =
          SkeletonDemo.run(
              ConfigFactory.parseString("delos.grpc.port = 0").withFallback(config),
              Pacing.REAL_TIME,
              10,
              System.out);
      return r.upright() && r.contiguous() ? 0 : 1;
    }
    if (!List.of("auto", "cpu", "gpu").contains(device)) {
      System.err.println("--device = '" + device + "': allowed auto, cpu, gpu");
      return 2;
    }
    if (device.equals("cpu")) {
      System.setProperty("ai.djl.default_engine_device", "cpu");
    }
    MainDemo.Options options;
    try {
      options = new MainDemo.Options(robots, tasks, minutes, seed, out, !noReport, controlSeeds);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.set(true);
              try {
                // Let the main thread write the report before the JVM halts.
                finished.await(120, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "delos-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      RunRecord run = new MainDemo(options, config, System.out, stop).run();
      long ok = run.results().stream().filter(RunRecord.TaskResult::success).count();
      System.out.printf(
          "Demo finished: %d of %d controlled episodes succeeded.%n", ok, run.results().size());
      return 0;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it waits for the latch released above
      }
    }
  }
}
