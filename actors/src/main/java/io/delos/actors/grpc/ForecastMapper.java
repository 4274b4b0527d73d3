package io.delos.actors.grpc;

import io.delos.actors.forecast.ForecasterHost;
import io.delos.proto.v1.ForecastRequest;
import io.delos.proto.v1.ForecastResponse;
import io.delos.proto.v1.ForecasterInfo;
import io.delos.proto.v1.Tensor;
import io.delos.proto.v1.TimedObservation;
import io.delos.sim.Trajectory;
import io.delos.sim.Vec;
import io.delos.worldmodel.physsm.ActionSchedule;
import io.delos.worldmodel.physsm.Forecast;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Converts {@code ForecastService} messages to the forecaster host's and back, checking every
 * field: the bounds in {@code forecast.proto}, the channel counts of the forecaster, and a bound on
 * the work one request may ask for.
 */
final class ForecastMapper {
  /** Fewest observations a request may carry. */
  static final int MIN_OBSERVATIONS = 2;

  /** Most observations a request may carry. */
  static final int MAX_OBSERVATIONS = 10_000;

  /** Most query times a request may carry. */
  static final int MAX_QUERIES = 10_000;

  /**
   * Most integration steps from the first observation to the last query: the forecaster steps at
   * most one control period at a time.
   */
  static final long MAX_STEPS = 20_000;

  /**
   * Most entries of observations × integration points. The network places every observation on the
   * integration grid with a dense {@code [points, observations]} matrix of float32, so this bounds
   * one pass's largest tensor at 256 MiB.
   */
  static final long MAX_PLACEMENTS = 1L << 26;

  private ForecastMapper() {}

  /** A checked request, in domain types. */
  record Query(String id, Trajectory observed, ActionSchedule future, Vec queryTimes) {}

  /**
   * Checks what can be checked without the forecaster: counts, times and that values are finite.
   *
   * @throws io.grpc.StatusRuntimeException {@code INVALID_ARGUMENT} naming the field, the value and
   *     what is allowed
   */
  static void checkShape(ForecastRequest r) {
    int n = r.getObservationsCount();
    if (n < MIN_OBSERVATIONS || n > MAX_OBSERVATIONS) {
      throw Problems.invalid(
          "observations has "
              + n
              + " entries: allowed "
              + MIN_OBSERVATIONS
              + " to "
              + MAX_OBSERVATIONS);
    }
    double previous = Double.NaN;
    for (int i = 0; i < n; i++) {
      double t = r.getObservations(i).getTime();
      if (!Double.isFinite(t)) {
        throw Problems.invalid("observations[" + i + "].time = " + t + " s: must be finite");
      }
      if (i > 0 && !(t > previous)) {
        throw Problems.invalid(
            "observations["
                + i
                + "].time = "
                + t
                + " s: times must increase strictly; observations["
                + (i - 1)
                + "].time = "
                + previous
                + " s");
      }
      previous = t;
    }
    int q = r.getQueryTimesCount();
    if (q < 1 || q > MAX_QUERIES) {
      throw Problems.invalid("query_times has " + q + " entries: allowed 1 to " + MAX_QUERIES);
    }
    double first = r.getObservations(0).getTime();
    for (int i = 0; i < q; i++) {
      double t = r.getQueryTimes(i);
      if (!Double.isFinite(t) || t < first) {
        throw Problems.invalid(
            "query_times["
                + i
                + "] = "
                + t
                + " s: must be finite and >= the first observation's time, "
                + first
                + " s");
      }
    }
  }

  /**
   * The request in domain types, checked against the forecaster that will answer it.
   *
   * @param r a request that passed {@link #checkShape}
   * @param info the forecaster
   * @throws io.grpc.StatusRuntimeException {@code INVALID_ARGUMENT} for channel counts or shapes
   *     that do not fit, or a horizon beyond {@link #MAX_STEPS}; {@code RESOURCE_EXHAUSTED} for a
   *     request beyond {@link #MAX_PLACEMENTS}
   */
  static Query query(ForecastRequest r, ForecasterHost.Info info) {
    int o = info.observationNames().size();
    int m = info.actionNames().size();
    int n = r.getObservationsCount();
    Trajectory.Builder observed = Trajectory.builder(info.family(), o, m);
    for (int i = 0; i < n; i++) {
      TimedObservation ob = r.getObservations(i);
      double[] values = vector(ob.getValues(), "observations[" + i + "].values", info, false);
      double[] action = vector(ob.getAction(), "observations[" + i + "].action", info, true);
      observed.add(ob.getTime(), values, action, 0, 0);
    }
    double first = r.getObservations(0).getTime();
    double last = r.getObservations(n - 1).getTime();
    double[] queries = new double[r.getQueryTimesCount()];
    double end = last;
    for (int i = 0; i < queries.length; i++) {
      queries[i] = r.getQueryTimes(i);
      end = Math.max(end, queries[i]);
    }
    double steps = Math.ceil((end - first) / info.controlPeriod());
    if (steps > MAX_STEPS) {
      throw Problems.invalid(
          String.format(
              Locale.ROOT,
              "query_times reach %s s, %.6g s after the first observation: forecaster '%s'"
                  + " integrates in steps of %.6g s and allows at most %d steps (%.6g s) from the"
                  + " first observation",
              end,
              end - first,
              info.id(),
              info.controlPeriod(),
              MAX_STEPS,
              MAX_STEPS * info.controlPeriod()));
    }
    ActionSchedule future = future(r, info, queries, last, m);
    long points = (long) n + queries.length + (future == null ? 0 : future.count()) + (long) steps;
    if (points * n > MAX_PLACEMENTS) {
      throw Problems.exhausted(
          "observations ("
              + n
              + ") x integration points (up to "
              + points
              + ") = "
              + points * n
              + ": allowed at most "
              + MAX_PLACEMENTS
              + "; send fewer observations or forecast a shorter span");
    }
    return new Query(info.id(), observed.build(), future, Vec.of(queries));
  }

  /** A vector field with the forecaster's channel count. */
  private static double[] vector(Tensor t, String field, ForecasterHost.Info info, boolean action) {
    List<String> names = action ? info.actionNames() : info.observationNames();
    boolean empty = t.getShapeCount() == 0 && t.getDataCount() == 0;
    if (empty && names.isEmpty()) {
      return new double[0];
    }
    if (empty) {
      throw Problems.invalid(
          field
              + " is empty: forecaster '"
              + info.id()
              + "' reads "
              + names.size()
              + (action ? " action channels " : " observation channels ")
              + names);
    }
    Tensors.Input in = Tensors.require(t, field, "channel");
    if (in.extent(0) != names.size()) {
      throw Problems.invalid(
          field
              + ".shape = "
              + in.shapeText()
              + ": forecaster '"
              + info.id()
              + "' reads "
              + names.size()
              + (action ? " action channels " : " observation channels ")
              + names);
    }
    return in.values();
  }

  /**
   * The actions given for query times after the last observation, as a schedule; null when none are
   * given (the last observed action holds) or the system has no actions. Actions given for query
   * times inside the observed window are not used: there the observations' actions apply.
   */
  private static ActionSchedule future(
      ForecastRequest r, ForecasterHost.Info info, double[] queries, double last, int m) {
    Tensor t = r.getQueryActions();
    boolean empty = t.getShapeCount() == 0 && t.getDataCount() == 0;
    if (empty || m == 0) {
      if (!empty) {
        throw Problems.invalid(
            "query_actions has shape "
                + t.getShapeList()
                + ": forecaster '"
                + info.id()
                + "' has no action channels; leave it empty");
      }
      return null;
    }
    Tensors.Input in = Tensors.require(t, "query_actions", "query", "action channel");
    String pattern =
        "["
            + queries.length
            + ", "
            + m
            + "] (one row per query time, "
            + m
            + " action channels "
            + info.actionNames()
            + ")";
    in.requireExtent(0, queries.length, pattern);
    in.requireExtent(1, m, pattern);
    Integer[] order = new Integer[queries.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> queries[i]));
    double[] times = new double[queries.length];
    double[] actions = new double[queries.length * m];
    int count = 0;
    int previous = -1;
    for (int i : order) {
      if (!(queries[i] > last)) {
        continue;
      }
      double[] a = Arrays.copyOfRange(in.values(), i * m, (i + 1) * m);
      if (count > 0 && queries[i] == times[count - 1]) {
        double[] kept = Arrays.copyOfRange(actions, (count - 1) * m, count * m);
        if (!Arrays.equals(kept, a)) {
          throw Problems.invalid(
              "query_actions rows "
                  + previous
                  + " and "
                  + i
                  + " differ for the same query time "
                  + queries[i]
                  + " s: give one action per time");
        }
        continue;
      }
      times[count] = queries[i];
      System.arraycopy(a, 0, actions, count * m, m);
      count++;
      previous = i;
    }
    if (count == 0) {
      return null;
    }
    return ActionSchedule.of(Arrays.copyOf(times, count), Arrays.copyOf(actions, count * m), m);
  }

  /** The answer: mean and standard deviation {@code [query, channel]}. */
  static ForecastResponse response(Forecast f, String version) {
    int q = f.count();
    int o = f.observationSize();
    double[] std = new double[q * o];
    for (int i = 0; i < q; i++) {
      for (int c = 0; c < o; c++) {
        std[i * o + c] = f.std(i, c);
      }
    }
    return ForecastResponse.newBuilder()
        .setMean(Tensors.of(f.observations(), List.of("query", "channel"), q, o))
        .setStd(Tensors.of(std, List.of("query", "channel"), q, o))
        .setModelVersion(version)
        .build();
  }

  /** The description of a forecaster. */
  static ForecasterInfo info(ForecasterHost.Info info) {
    return ForecasterInfo.newBuilder()
        .setModelId(info.id())
        .setFamily(info.family())
        .addAllObservationNames(info.observationNames())
        .addAllActionNames(info.actionNames())
        .setKnownPhysics(info.knownPhysics())
        .setVersion(info.version())
        .build();
  }
}
