package io.delos.actors.demo;

import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.Dynamics;
import io.delos.sim.Trajectory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The learned world model(s) the demo trains on the stream and plans through. */
interface LearnedModels extends AutoCloseable {
  /** Loss reports while learning. */
  interface Listener {
    /**
     * One point of a learning curve.
     *
     * @param curve which curve (a robot family, or the shared model)
     * @param step optimiser step or epoch
     * @param loss training or validation loss
     */
    void loss(String curve, int step, double loss);
  }

  /** Short name shown in the report, for example {@code "westworld"}. */
  String name();

  /**
   * Learns from the streamed trajectories.
   *
   * @param systems the robots, by family
   * @param data trajectories by family
   * @param budget wall time allowed
   * @param listener loss reports
   * @param stop true when the user asked to stop
   */
  void learn(
      Map<String, RobotSystem> systems,
      Map<String, List<Trajectory>> data,
      Duration budget,
      Listener listener,
      BooleanSupplier stop);

  /** The model of one family, for planning; null when none was learned. */
  Dynamics dynamics(String family);

  @Override
  void close();
}
