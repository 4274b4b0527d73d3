package io.delos.actors.grpc;

import io.delos.proto.v1.ConceptGroup;
import io.delos.proto.v1.ExplainResponse;
import io.delos.proto.v1.FitInterpretableRequest;
import io.delos.proto.v1.FitInterpretableUpdate;
import io.delos.proto.v1.JobProgress;
import io.delos.proto.v1.JobState;
import io.delos.proto.v1.PolynomialTerm;
import io.delos.worldmodel.interpretable.CatConfig;
import io.delos.worldmodel.interpretable.Polynomial;
import io.delos.worldmodel.interpretable.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts {@code delos.v1.InterpretableModelService} messages to the CAT domain records and back,
 * rejecting bad requests with {@code INVALID_ARGUMENT} (or {@code RESOURCE_EXHAUSTED} for a table
 * above the row limit) that names the field, repeats the value and states what is allowed.
 */
final class InterpretableMapper {
  /** Fewest rows a fit accepts. */
  static final int MIN_ROWS = Table.MIN_ROWS;

  /** Most rows a fit accepts. */
  static final int MAX_ROWS = 1_000_000;

  /** Most concept groups. */
  static final int MAX_CONCEPTS = 64;

  /** Printing threshold when a request gives 0, target units. */
  static final double DEFAULT_THRESHOLD = 0.01;

  private static final int DEFAULT_ORDER = 2;
  private static final int DEFAULT_RANK = 8;
  private static final double DEFAULT_VALIDATION_FRACTION = 0.2;

  private InterpretableMapper() {}

  /** A checked fit request: the table, the concept groups and the settings. */
  record Fit(
      Table table,
      List<io.delos.worldmodel.interpretable.ConceptGroup> concepts,
      CatConfig config,
      boolean binaryTarget) {}

  /** Checks {@code r} and converts it. */
  static Fit fit(FitInterpretableRequest r) {
    List<String> names = r.getFeatureNamesList();
    if (names.isEmpty()) {
      throw Problems.invalid("feature_names is empty: give one name per feature column");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n.isBlank()) {
        throw Problems.invalid("feature_names[" + i + "] is blank: names must be non-blank");
      }
      if (!seen.add(n)) {
        throw Problems.invalid(
            "feature_names[" + i + "] = " + Problems.quote(n) + " repeats a name: must be unique");
      }
    }
    Tensors.Input x = Tensors.require(r.getFeatures(), "features", "row", "feature");
    long rows = x.extent(0);
    if (rows > MAX_ROWS) {
      throw Problems.exhausted(
          "features.shape = " + x.shapeText() + ": at most " + MAX_ROWS + " rows per fit");
    }
    if (rows < MIN_ROWS) {
      throw Problems.invalid(
          "features.shape = " + x.shapeText() + ": need at least " + MIN_ROWS + " rows");
    }
    x.requireExtent(1, names.size(), "[row, " + names.size() + "] (one column per feature_names)");
    Tensors.Input y = Tensors.require(r.getTarget(), "target", "row");
    y.requireExtent(0, rows, "[" + rows + "] (one value per features row)");
    int n = (int) rows;
    int f = names.size();
    double[][] xs = new double[n][f];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x.values(), i * f, xs[i], 0, f);
    }
    double[] ys = y.values();
    List<io.delos.worldmodel.interpretable.ConceptGroup> concepts = concepts(r, seen);
    CatConfig config = config(r);
    return new Fit(new Table(names, xs, ys), concepts, config, binary(ys));
  }

  private static List<io.delos.worldmodel.interpretable.ConceptGroup> concepts(
      FitInterpretableRequest r, Set<String> features) {
    int count = r.getConceptsCount();
    if (count < 1 || count > MAX_CONCEPTS) {
      throw Problems.invalid(
          "concepts has "
              + count
              + " groups: allowed 1 to "
              + MAX_CONCEPTS
              + ", covering every"
              + " feature");
    }
    Map<String, Integer> owner = new HashMap<>();
    Set<String> conceptNames = new HashSet<>();
    List<io.delos.worldmodel.interpretable.ConceptGroup> out = new ArrayList<>();
    for (int g = 0; g < count; g++) {
      ConceptGroup c = r.getConcepts(g);
      String field = "concepts[" + g + "]";
      if (c.getName().isBlank()) {
        throw Problems.invalid(field + ".name is blank: give each concept a name");
      }
      if (!conceptNames.add(c.getName())) {
        throw Problems.invalid(
            field + ".name = " + Problems.quote(c.getName()) + " repeats a name: must be unique");
      }
      if (c.getFeaturesCount() == 0) {
        throw Problems.invalid(field + ".features is empty: give at least one feature name");
      }
      for (int k = 0; k < c.getFeaturesCount(); k++) {
        String feature = c.getFeatures(k);
        if (!features.contains(feature)) {
          throw Problems.invalid(
              field
                  + ".features["
                  + k
                  + "] = "
                  + Problems.quote(feature)
                  + ": not in feature_names "
                  + Problems.list(r.getFeatureNamesList()));
        }
        Integer before = owner.putIfAbsent(feature, g);
        if (before != null) {
          throw Problems.invalid(
              field
                  + ".features["
                  + k
                  + "] = "
                  + Problems.quote(feature)
                  + ": already in concepts["
                  + before
                  + "]; each feature belongs to one group");
        }
      }
      out.add(new io.delos.worldmodel.interpretable.ConceptGroup(c.getName(), c.getFeaturesList()));
    }
    List<String> uncovered =
        r.getFeatureNamesList().stream().filter(n -> !owner.containsKey(n)).toList();
    if (!uncovered.isEmpty()) {
      throw Problems.invalid(
          "concepts leave features "
              + Problems.list(uncovered)
              + " in no group: every feature belongs to one group");
    }
    return out;
  }

  private static CatConfig config(FitInterpretableRequest r) {
    int order = r.getOrder() == 0 ? DEFAULT_ORDER : r.getOrder();
    if (order != 2 && order != 3) {
      throw Problems.invalid("order = " + r.getOrder() + ": allowed 2 or 3, or 0 for 2");
    }
    int rank = r.getRank() == 0 ? DEFAULT_RANK : r.getRank();
    if (rank < 1 || rank > 64) {
      throw Problems.invalid("rank = " + r.getRank() + ": allowed 1 to 64, or 0 for 8");
    }
    double penalty = r.getPenalty();
    if (!(penalty >= 0) || Double.isInfinite(penalty)) {
      throw Problems.invalid("penalty = " + penalty + ": allowed finite and >= 0");
    }
    double v =
        r.getValidationFraction() == 0 ? DEFAULT_VALIDATION_FRACTION : r.getValidationFraction();
    if (!(v > 0 && v < 0.5)) {
      throw Problems.invalid(
          "validation_fraction = "
              + r.getValidationFraction()
              + ": allowed (0, 0.5), or 0 for "
              + DEFAULT_VALIDATION_FRACTION);
    }
    CatConfig d = CatConfig.defaults(r.getSeed()).withOrder(order).withRank(rank);
    return new CatConfig(
        d.order(),
        d.rank(),
        d.encoderHidden(),
        penalty,
        v,
        d.maxEpochs(),
        d.patience(),
        d.batchSize(),
        d.learningRate(),
        d.seed());
  }

  /** Whether every target value is 0 or 1. */
  private static boolean binary(double[] y) {
    for (double v : y) {
      if (v != 0 && v != 1) {
        return false;
      }
    }
    return true;
  }

  /** A progress message of job {@code jobId}. */
  static FitInterpretableUpdate progress(
      String jobId, JobState state, double fraction, String message) {
    return FitInterpretableUpdate.newBuilder()
        .setProgress(
            JobProgress.newBuilder()
                .setJobId(jobId)
                .setState(state)
                .setFraction(Math.max(0, Math.min(1, fraction)))
                .setMessage(message))
        .build();
  }

  /** The explanation as a response. */
  static ExplainResponse explanation(String polynomial, List<Polynomial.Term> terms, double t) {
    ExplainResponse.Builder b = ExplainResponse.newBuilder().setPolynomial(polynomial);
    for (Polynomial.Term term : terms) {
      b.addTerms(
          PolynomialTerm.newBuilder()
              .addAllConcepts(term.concepts())
              .setCoefficient(term.coefficient()));
    }
    return b.setThreshold(t).build();
  }
}
