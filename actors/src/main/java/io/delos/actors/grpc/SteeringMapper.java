package io.delos.actors.grpc;

import io.delos.proto.v1.ActivationNormalisation;
import io.delos.proto.v1.FitSteererRequest;
import io.delos.proto.v1.FitSteererUpdate;
import io.delos.proto.v1.JobProgress;
import io.delos.proto.v1.JobState;
import io.delos.proto.v1.SteerRequest;
import io.delos.proto.v1.SteerResponse;
import io.delos.proto.v1.SteeringMethod;
import io.delos.worldmodel.steering.BarrierConfig;
import io.delos.worldmodel.steering.BarrierFeatures;
import io.delos.worldmodel.steering.Integrator;
import io.delos.worldmodel.steering.Normalisation;
import java.util.List;

/**
 * Converts {@code delos.v1.SteeringService} messages to the steering library's types and back,
 * rejecting bad requests with {@code INVALID_ARGUMENT} (or {@code RESOURCE_EXHAUSTED} above a size
 * limit) that names the field, repeats the value and states what is allowed.
 */
final class SteeringMapper {
  /** Fewest examples per class a fit accepts: one to fit on and one to hold out. */
  static final int MIN_EXAMPLES = 2;

  /** Most examples per class a fit accepts. */
  static final int MAX_EXAMPLES = 100_000;

  /** Largest activation dimension. */
  static final int MAX_DIMENSION = 65_536;

  /** Barrier features when a request gives 0. */
  static final int DEFAULT_FEATURES = 1024;

  /** L2 penalty when a request gives 0. */
  static final double DEFAULT_RIDGE = 1e-3;

  /** Integration steps when a request gives 0. */
  static final int DEFAULT_STEPS = 10;

  /** Most integration steps. */
  static final int MAX_STEPS = 1000;

  /**
   * Most feature values a fit may hold: examples × features (the classifier's design matrix) and,
   * for random Fourier features, dimension × features (the frequencies). 200 MB of doubles.
   */
  static final long MAX_FEATURE_VALUES = 25_000_000;

  /** Most feature evaluations one steer may cost: rows × field evaluations × features. */
  static final long MAX_STEER_WORK = 500_000_000;

  private SteeringMapper() {}

  /** A checked fit request. */
  record Fit(
      double[][] positives, double[][] negatives, SteeringMethod method, BarrierConfig barrier) {}

  /** A checked steer request. */
  record Steer(
      String steererId, double[][] activations, double horizon, int steps, Integrator integrator) {
    /**
     * Rows × field evaluations × features for a barrier of {@code features}: the cost bounded by
     * {@link #MAX_STEER_WORK}. The adaptive integrator is counted at its first try, 2 × steps.
     */
    long work(int features) {
      long evaluations =
          switch (integrator) {
            case EULER -> steps;
            case RK4 -> 4L * steps;
            case ADAPTIVE -> 2L * steps;
          };
      return activations.length * evaluations * features;
    }
  }

  /** Checks {@code r} and converts it. */
  static Fit fit(FitSteererRequest r) {
    SteeringMethod method = r.getMethod();
    if (method == SteeringMethod.UNRECOGNIZED) {
      throw Problems.invalid(
          "method = "
              + r.getMethodValue()
              + ": allowed "
              + List.of(known(SteeringMethod.values())));
    }
    if (method == SteeringMethod.STEERING_METHOD_UNSPECIFIED) {
      method = SteeringMethod.STEERING_METHOD_ODESTEER;
    }
    double[][] pos = examples(r.getPositives(), "positives");
    double[][] neg = examples(r.getNegatives(), "negatives");
    if (neg[0].length != pos[0].length) {
      throw Problems.invalid(
          "negatives has dimension "
              + neg[0].length
              + ": allowed the dimension of positives, "
              + pos[0].length);
    }
    int features = r.getSketchDimension() == 0 ? DEFAULT_FEATURES : r.getSketchDimension();
    boolean fourier = method == SteeringMethod.STEERING_METHOD_ODESTEER_RFF;
    if (features < 16 || features > 65_536 || (!fourier && Integer.bitCount(features) != 1)) {
      throw Problems.invalid(
          "sketch_dimension = "
              + r.getSketchDimension()
              + ": allowed "
              + (fourier ? "16 to 65536" : "a power of two from 16 to 65536")
              + ", or 0 for "
              + DEFAULT_FEATURES);
    }
    long examples = (long) pos.length + neg.length;
    if (examples * features > MAX_FEATURE_VALUES
        || (fourier && (long) pos[0].length * features > MAX_FEATURE_VALUES)) {
      throw Problems.exhausted(
          String.format(
              java.util.Locale.ROOT,
              "%d examples of dimension %d with sketch_dimension = %d: examples x features (and,"
                  + " for random Fourier features, dimension x features) may be at most %d;"
                  + " send fewer examples or ask for fewer features",
              examples,
              pos[0].length,
              features,
              MAX_FEATURE_VALUES));
    }
    double ridge = r.getRidge();
    if (!(ridge >= 0) || Double.isInfinite(ridge)) {
      throw Problems.invalid(
          "ridge = " + ridge + ": allowed finite and >= 0, or 0 for " + DEFAULT_RIDGE);
    }
    Normalisation normalisation =
        switch (r.getNormalisation()) {
          case ACTIVATION_NORMALISATION_UNSPECIFIED, ACTIVATION_NORMALISATION_STANDARDISE ->
              Normalisation.STANDARDISE;
          case ACTIVATION_NORMALISATION_UNIT_LENGTH -> Normalisation.UNIT_LENGTH;
          case UNRECOGNIZED ->
              throw Problems.invalid(
                  "normalisation = "
                      + r.getNormalisationValue()
                      + ": allowed "
                      + List.of(known(ActivationNormalisation.values())));
        };
    BarrierConfig config =
        BarrierConfig.defaults(r.getSeed())
            .withFeatures(
                fourier ? BarrierFeatures.RANDOM_FOURIER : BarrierFeatures.POLYNOMIAL_SKETCH,
                features)
            .withRidge(ridge == 0 ? DEFAULT_RIDGE : ridge)
            .withNormalisation(normalisation);
    return new Fit(pos, neg, method, config);
  }

  /** Checks {@code r} against the batch limit and converts it. */
  static Steer steer(SteerRequest r, int maxBatch) {
    String id = Problems.requireId("steerer_id", r.getSteererId());
    Tensors.Input a = Tensors.require(r.getActivations(), "activations", "batch", "dimension");
    if (a.extent(0) > maxBatch) {
      throw Problems.exhausted(
          "activations.shape = "
              + a.shapeText()
              + ": at most "
              + maxBatch
              + " rows per call (delos.grpc.limits.max-batch)");
    }
    if (a.extent(0) < 1 || a.extent(1) < 1) {
      throw Problems.invalid(
          "activations.shape = " + a.shapeText() + ": need at least one row and one column");
    }
    double horizon = r.getHorizon();
    if (!(horizon > 0) || Double.isInfinite(horizon)) {
      throw Problems.invalid("horizon = " + horizon + ": allowed finite and > 0");
    }
    int steps = r.getSteps() == 0 ? DEFAULT_STEPS : r.getSteps();
    if (steps < 1 || steps > MAX_STEPS) {
      throw Problems.invalid(
          "steps = "
              + r.getSteps()
              + ": allowed 1 to "
              + MAX_STEPS
              + ", or 0 for "
              + DEFAULT_STEPS);
    }
    Integrator integrator =
        switch (r.getIntegrator()) {
          case INTEGRATOR_UNSPECIFIED, INTEGRATOR_EULER -> Integrator.EULER;
          case INTEGRATOR_RK4 -> Integrator.RK4;
          case INTEGRATOR_ADAPTIVE -> Integrator.ADAPTIVE;
          case UNRECOGNIZED ->
              throw Problems.invalid(
                  "integrator = "
                      + r.getIntegratorValue()
                      + ": allowed "
                      + List.of(known(io.delos.proto.v1.Integrator.values())));
        };
    return new Steer(id, rows(a), horizon, steps, integrator);
  }

  /** A progress message. */
  static FitSteererUpdate progress(String jobId, JobState state, double fraction, String message) {
    return FitSteererUpdate.newBuilder()
        .setProgress(
            JobProgress.newBuilder()
                .setJobId(jobId)
                .setState(state)
                .setFraction(Math.max(0, Math.min(1, fraction)))
                .setMessage(message))
        .build();
  }

  /** The steered batch with the barrier before and after. */
  static SteerResponse response(double[][] steered, double[] before, double[] after) {
    int b = steered.length;
    int d = steered[0].length;
    double[] flat = new double[b * d];
    for (int i = 0; i < b; i++) {
      System.arraycopy(steered[i], 0, flat, i * d, d);
    }
    SteerResponse.Builder out =
        SteerResponse.newBuilder()
            .setSteered(Tensors.of(flat, List.of("batch", "dimension"), b, d));
    for (int i = 0; i < b; i++) {
      out.addBarrierBefore(before[i]);
      out.addBarrierAfter(after[i]);
    }
    return out.build();
  }

  private static double[][] examples(io.delos.proto.v1.Tensor t, String field) {
    Tensors.Input x = Tensors.require(t, field, "example", "dimension");
    if (x.extent(0) > MAX_EXAMPLES) {
      throw Problems.exhausted(
          field + ".shape = " + x.shapeText() + ": at most " + MAX_EXAMPLES + " examples per fit");
    }
    if (x.extent(0) < MIN_EXAMPLES) {
      throw Problems.invalid(
          field
              + ".shape = "
              + x.shapeText()
              + ": need at least "
              + MIN_EXAMPLES
              + " examples (a class may not be empty)");
    }
    if (x.extent(1) < 1 || x.extent(1) > MAX_DIMENSION) {
      throw Problems.invalid(
          field + ".shape = " + x.shapeText() + ": dimension allowed 1 to " + MAX_DIMENSION);
    }
    return rows(x);
  }

  private static double[][] rows(Tensors.Input x) {
    int n = (int) x.extent(0);
    int d = (int) x.extent(1);
    double[][] out = new double[n][d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x.values(), i * d, out[i], 0, d);
    }
    return out;
  }

  private static String[] known(Enum<?>[] values) {
    return java.util.Arrays.stream(values)
        .map(Enum::name)
        .filter(n -> !n.equals("UNRECOGNIZED"))
        .toArray(String[]::new);
  }
}
