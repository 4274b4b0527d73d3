package io.delos.actors.grpc;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on what one gRPC request may ask for, read from {@code delos.grpc.limits} and {@code
 * delos.grpc.model-hosts}; a request beyond a bound is answered {@code RESOURCE_EXHAUSTED} or
 * {@code INVALID_ARGUMENT}, naming the bound.
 *
 * @param maxBatch most sequences (rows) in one prediction, rollout or planning sample set, >= 1
 * @param maxHorizon most steps in one rollout or plan, >= 1
 * @param maxRolloutSteps most batch × horizon control steps in one rollout, >= 1
 * @param maxStepsPerCall most control steps one {@code RobotService.Step} may wait, >= 1
 * @param maxQueryRows most rows one {@code TrajectoryService.Query} answers, >= 1
 * @param maxRecordedSystems most distinct system ids clients may record under, >= 1
 * @param streamBuffer observations queued per stream before the oldest are dropped, >= 1
 * @param maxStreams most observation and control streams open at once, >= 1
 * @param maxPlanners most planner sessions alive at once, >= 1
 * @param defaultPlanBudget planning budget when a request gives none, > 0
 * @param maxPlanBudget largest planning budget a request may ask for, >= defaultPlanBudget
 * @param maxFineTuneEpochs most epochs one fine-tuning run may ask for, >= 1
 * @param maxConcurrentFineTunes fine-tuning runs at once across all models, >= 1
 * @param batchingWindow how long a model host waits to batch requests together, >= 0
 * @param maxBatchSequences most sequences a model host stacks into one forward pass, >= 1
 */
public record GrpcLimits(
    int maxBatch,
    int maxHorizon,
    long maxRolloutSteps,
    int maxStepsPerCall,
    int maxQueryRows,
    int maxRecordedSystems,
    int streamBuffer,
    int maxStreams,
    int maxPlanners,
    Duration defaultPlanBudget,
    Duration maxPlanBudget,
    int maxFineTuneEpochs,
    int maxConcurrentFineTunes,
    Duration batchingWindow,
    int maxBatchSequences) {
  /** Validates the limits. */
  public GrpcLimits {
    positive("max-batch", maxBatch);
    positive("max-horizon", maxHorizon);
    positive("max-rollout-steps", maxRolloutSteps);
    positive("max-steps-per-call", maxStepsPerCall);
    positive("max-query-rows", maxQueryRows);
    positive("max-recorded-systems", maxRecordedSystems);
    positive("stream-buffer", streamBuffer);
    positive("max-streams", maxStreams);
    positive("max-planners", maxPlanners);
    positive("max-fine-tune-epochs", maxFineTuneEpochs);
    positive("max-concurrent-fine-tunes", maxConcurrentFineTunes);
    positive("model-hosts.max-batch-sequences", maxBatchSequences);
    Objects.requireNonNull(defaultPlanBudget, "default-plan-budget");
    Objects.requireNonNull(maxPlanBudget, "max-plan-budget");
    Objects.requireNonNull(batchingWindow, "model-hosts.batching-window");
    if (defaultPlanBudget.isNegative() || defaultPlanBudget.isZero()) {
      throw new IllegalArgumentException(
          "delos.grpc.limits.default-plan-budget = " + defaultPlanBudget + ": must be > 0");
    }
    if (maxPlanBudget.compareTo(defaultPlanBudget) < 0) {
      throw new IllegalArgumentException(
          "delos.grpc.limits.max-plan-budget = "
              + maxPlanBudget
              + ": must be >= default-plan-budget ("
              + defaultPlanBudget
              + ")");
    }
    if (batchingWindow.isNegative()) {
      throw new IllegalArgumentException(
          "delos.grpc.model-hosts.batching-window = " + batchingWindow + ": must be >= 0");
    }
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException("delos.grpc." + name + " = " + value + ": must be >= 1");
    }
  }

  /** Reads {@code delos.grpc.limits} and {@code delos.grpc.model-hosts}. */
  public static GrpcLimits from(Config config) {
    Config l = config.getConfig("delos.grpc.limits");
    Config h = config.getConfig("delos.grpc.model-hosts");
    return new GrpcLimits(
        l.getInt("max-batch"),
        l.getInt("max-horizon"),
        l.getLong("max-rollout-steps"),
        l.getInt("max-steps-per-call"),
        l.getInt("max-query-rows"),
        l.getInt("max-recorded-systems"),
        l.getInt("stream-buffer"),
        l.getInt("max-streams"),
        l.getInt("max-planners"),
        l.getDuration("default-plan-budget"),
        l.getDuration("max-plan-budget"),
        l.getInt("max-fine-tune-epochs"),
        l.getInt("max-concurrent-fine-tunes"),
        h.getDuration("batching-window"),
        h.getInt("max-batch-sequences"));
  }
}
