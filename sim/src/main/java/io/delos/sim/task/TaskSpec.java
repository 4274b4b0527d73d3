package io.delos.sim.task;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task as data: how episodes start, the reward, when an episode ends, what counts as success, and
 * the cost a planner minimises. Loaded from task files by {@link TaskFormat}.
 *
 * @param name task name, for example {@code "swingup"}
 * @param robot the catalogue family it is written for, for example {@code "cartpole"}
 * @param maxSteps episode length in control steps, >= 1
 * @param jointStarts initial joint ranges (unlisted joints start at 0, at rest)
 * @param rootStarts initial root-body ranges (unlisted roots start at their reference pose)
 * @param reward terms summed into the step reward (evaluated on the next observation)
 * @param stayWithin the episode terminates as soon as one of these fails
 * @param success success conditions and the window they must hold over
 * @param cost running cost terms for planners (summed); empty means the negated reward
 * @param terminalCost cost terms on the last predicted observation
 * @param operatingPoint observation values of the goal, by channel (others 0), for linearisation
 */
public record TaskSpec(
    String name,
    String robot,
    int maxSteps,
    List<JointStart> jointStarts,
    List<RootStart> rootStarts,
    List<Term> reward,
    List<Condition> stayWithin,
    Success success,
    List<Term> cost,
    List<Term> terminalCost,
    Map<String, Double> operatingPoint) {

  /** Validates the spec. */
  public TaskSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(robot, "robot");
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps = " + maxSteps + ": must be >= 1");
    }
    jointStarts = List.copyOf(jointStarts);
    rootStarts = List.copyOf(rootStarts);
    reward = List.copyOf(reward);
    stayWithin = List.copyOf(stayWithin);
    Objects.requireNonNull(success, "success");
    cost = List.copyOf(cost);
    terminalCost = List.copyOf(terminalCost);
    operatingPoint = Map.copyOf(operatingPoint);
  }

  /**
   * A uniform range.
   *
   * @param low lower end
   * @param high upper end, >= low
   */
  public record Range(double low, double high) {
    /** A range holding one value. */
    public static final Range ZERO = new Range(0, 0);

    /** Validates the range. */
    public Range {
      if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
        throw new IllegalArgumentException(
            "range [" + low + ", " + high + "]: need finite low <= high");
      }
    }

    /** Draws a value uniformly. */
    public double draw(java.util.SplittableRandom random) {
      return low == high ? low : low + (high - low) * random.nextDouble();
    }
  }

  /**
   * Initial ranges of one joint.
   *
   * @param joint joint name
   * @param position rad or m
   * @param velocity rad/s or m/s
   */
  public record JointStart(String joint, Range position, Range velocity) {}

  /**
   * Initial ranges of one root body.
   *
   * @param body body name
   * @param x metres
   * @param y metres
   * @param angle radians
   * @param vx m/s
   * @param vy m/s
   * @param omega rad/s
   */
  public record RootStart(
      String body, Range x, Range y, Range angle, Range vx, Range vy, Range omega) {}

  /**
   * What counts as success.
   *
   * <p>In {@link Mode#HOLD} every condition must hold at each of the last {@code window} steps and
   * the episode must not terminate early (balance, hover, reach-and-stay). In {@link Mode#REACH}
   * success is the first time the conditions hold for {@code window} consecutive steps, and the
   * episode ends there, as Gymnasium's goal-reaching tasks do (the acrobot's tip above the line).
   *
   * @param window number of steps checked, >= 1
   * @param conditions the conditions
   * @param mode hold to the end, or reach once
   */
  public record Success(int window, List<Condition> conditions, Mode mode) {
    /** Validates the window. */
    public Success {
      if (window < 1) {
        throw new IllegalArgumentException("success.window = " + window + ": must be >= 1");
      }
      conditions = List.copyOf(conditions);
      Objects.requireNonNull(mode, "success.mode");
    }

    /** Success by holding the conditions over the final window. */
    public Success(int window, List<Condition> conditions) {
      this(window, conditions, Mode.HOLD);
    }

    /** How success is judged. */
    public enum Mode {
      /** The conditions hold over the last window of an episode that ran to its end. */
      HOLD,
      /** The conditions hold over some window; the episode ends there. */
      REACH
    }
  }
}
