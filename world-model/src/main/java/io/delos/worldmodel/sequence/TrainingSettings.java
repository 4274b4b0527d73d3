package io.delos.worldmodel.sequence;

import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a sequence model is trained: AdamW (Loshchilov and Hutter, ICLR 2019) with a linear warm-up
 * and a cosine decay, gradient clipping by global norm, and mixed batches across systems.
 *
 * @param batchSize windows per step, >= 1
 * @param steps optimiser steps, >= 1
 * @param learningRate peak learning rate, > 0
 * @param minLearningRate learning rate at the end of the cosine, in [0, learningRate]
 * @param warmupSteps steps of linear warm-up from 0, >= 0
 * @param weightDecay decoupled weight decay, >= 0
 * @param beta1 first-moment decay, in [0, 1)
 * @param beta2 second-moment decay, in [0, 1)
 * @param epsilon added to the root of the second moment, > 0
 * @param clipNorm largest global gradient norm, > 0 (larger gradients are scaled down)
 * @param fullPrefixShare share of WestWorld's windows given the full observed prefix; the rest get
 *     a prefix drawn from 1..observed, so that short prefixes (planning) are learned too
 * @param buckets size buckets of the batch sampler ({@link TrajectoryWindows}), >= 1
 * @param checkpointEvery steps between checkpoints when a checkpoint file is given, >= 1
 * @param seed seeds batches and initial parameters
 */
public record TrainingSettings(
    int batchSize,
    int steps,
    double learningRate,
    double minLearningRate,
    int warmupSteps,
    double weightDecay,
    double beta1,
    double beta2,
    double epsilon,
    double clipNorm,
    double fullPrefixShare,
    int buckets,
    int checkpointEvery,
    long seed) {
  /** Validates the settings, naming the field, the value and what is allowed. */
  public TrainingSettings {
    if (batchSize < 1 || steps < 1 || buckets < 1 || checkpointEvery < 1 || warmupSteps < 0) {
      throw new IllegalArgumentException(
          "batchSize "
              + batchSize
              + ", steps "
              + steps
              + ", buckets "
              + buckets
              + ", checkpointEvery "
              + checkpointEvery
              + " must be >= 1 and warmupSteps "
              + warmupSteps
              + " >= 0");
    }
    if (!(learningRate > 0) || !(minLearningRate >= 0) || minLearningRate > learningRate) {
      throw new IllegalArgumentException(
          "learningRate = "
              + learningRate
              + ", minLearningRate = "
              + minLearningRate
              + ": need 0 <= minLearningRate <= learningRate and learningRate > 0");
    }
    if (!(weightDecay >= 0) || !(epsilon > 0) || !(clipNorm > 0)) {
      throw new IllegalArgumentException(
          "weightDecay = "
              + weightDecay
              + " (>= 0), epsilon = "
              + epsilon
              + " (> 0), clipNorm = "
              + clipNorm
              + " (> 0)");
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException(
          "beta1 = " + beta1 + ", beta2 = " + beta2 + ": each must lie in [0, 1)");
    }
    if (!(fullPrefixShare >= 0 && fullPrefixShare <= 1)) {
      throw new IllegalArgumentException(
          "fullPrefixShare = " + fullPrefixShare + ": allowed [0, 1]");
    }
  }

  /**
   * The learning rate at step s (0-based): linear warm-up to the peak, then a cosine to the minimum
   * at the last step.
   *
   * <pre>
   *   η(s) = η_max (s + 1) / w                                   for s < w
   *   η(s) = η_min + ½ (η_max − η_min) (1 + cos(π (s − w) / (S − w)))   otherwise
   * </pre>
   */
  public double learningRate(int step) {
    if (step < warmupSteps) {
      return learningRate * (step + 1) / warmupSteps;
    }
    int span = Math.max(1, steps - warmupSteps);
    double progress = Math.min(1.0, (double) (step - warmupSteps) / span);
    return minLearningRate
        + 0.5 * (learningRate - minLearningRate) * (1 + Math.cos(Math.PI * progress));
  }

  /** These settings with another step count, warm-up and seed. */
  public TrainingSettings withSteps(int newSteps, int newWarmup) {
    return new TrainingSettings(
        batchSize,
        newSteps,
        learningRate,
        minLearningRate,
        newWarmup,
        weightDecay,
        beta1,
        beta2,
        epsilon,
        clipNorm,
        fullPrefixShare,
        buckets,
        checkpointEvery,
        seed);
  }

  /** These settings with another seed. */
  public TrainingSettings withSeed(long newSeed) {
    return new TrainingSettings(
        batchSize,
        steps,
        learningRate,
        minLearningRate,
        warmupSteps,
        weightDecay,
        beta1,
        beta2,
        epsilon,
        clipNorm,
        fullPrefixShare,
        buckets,
        checkpointEvery,
        newSeed);
  }

  /** These settings with other learning rates. */
  public TrainingSettings withLearningRate(double peak, double min) {
    return new TrainingSettings(
        batchSize,
        steps,
        peak,
        min,
        warmupSteps,
        weightDecay,
        beta1,
        beta2,
        epsilon,
        clipNorm,
        fullPrefixShare,
        buckets,
        checkpointEvery,
        seed);
  }

  /** These settings with another batch size. */
  public TrainingSettings withBatchSize(int newBatch) {
    return new TrainingSettings(
        newBatch,
        steps,
        learningRate,
        minLearningRate,
        warmupSteps,
        weightDecay,
        beta1,
        beta2,
        epsilon,
        clipNorm,
        fullPrefixShare,
        buckets,
        checkpointEvery,
        seed);
  }

  /** The built-in training settings of configuration {@code cpu} or {@code paper}. */
  public static TrainingSettings builtIn(String name) {
    String path = "/io/delos/worldmodel/westworld/" + name + ".json";
    try (InputStream in = TrainingSettings.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no built-in WestWorld configuration '" + name + "'; built in: cpu, paper");
      }
      JsonValue root = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
      return fromJson(root.get("training"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the fields written by {@link #toJson}. */
  public static TrainingSettings fromJson(JsonValue t) {
    t.allowOnly(
        "batchSize",
        "steps",
        "learningRate",
        "minLearningRate",
        "warmupSteps",
        "weightDecay",
        "beta1",
        "beta2",
        "epsilon",
        "clipNorm",
        "fullPrefixShare",
        "buckets",
        "checkpointEvery",
        "seed");
    return new TrainingSettings(
        t.get("batchSize").asInt(),
        t.get("steps").asInt(),
        t.get("learningRate").asDouble(),
        t.get("minLearningRate").asDouble(),
        t.get("warmupSteps").asInt(),
        t.get("weightDecay").asDouble(),
        t.optDouble("beta1", 0.9),
        t.optDouble("beta2", 0.999),
        t.optDouble("epsilon", 1e-8),
        t.get("clipNorm").asDouble(),
        t.optDouble("fullPrefixShare", 0.5),
        t.optInt("buckets", 8),
        t.optInt("checkpointEvery", 500),
        t.get("seed").asLong());
  }

  /** The settings as plain maps for JSON. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("batchSize", batchSize);
    m.put("steps", steps);
    m.put("learningRate", learningRate);
    m.put("minLearningRate", minLearningRate);
    m.put("warmupSteps", warmupSteps);
    m.put("weightDecay", weightDecay);
    m.put("beta1", beta1);
    m.put("beta2", beta2);
    m.put("epsilon", epsilon);
    m.put("clipNorm", clipNorm);
    m.put("fullPrefixShare", fullPrefixShare);
    m.put("buckets", buckets);
    m.put("checkpointEvery", checkpointEvery);
    m.put("seed", seed);
    return m;
  }
}
