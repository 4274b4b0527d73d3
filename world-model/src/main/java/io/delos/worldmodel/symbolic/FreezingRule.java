package io.delos.worldmodel.symbolic;

import io.delos.sim.Vec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides which constants of a skeleton are true constants and which depend on variables still held
 * fixed (control-variable GP, Jiang and Xue 2023, as used by ScaleSR, Chu et al. 2023, arXiv
 * 2306.04718, Section 3.2): the skeleton is fitted K times, each time with fresh values of the
 * fixed variables. Only if every fit is good does the rule decide anything; then a constant whose
 * fitted values spread by less than the tolerance is frozen at their mean, and the others stay
 * open, to be explained when their variable is released.
 *
 * <p>The tolerance is relative, with a floor from the fits' standard errors so that a constant is
 * not called varying because of the noise in its estimates:
 *
 * <pre>
 *   frozen ⇔ max_k θ_kj − min_k θ_kj ≤ max(relativeTolerance·max(|mean_k θ_kj|, absoluteScale),
 *                                          errorMultiple·max_k se_kj)
 *            and max_k se_kj ≤ maxRelativeError·|mean_k θ_kj|
 * </pre>
 *
 * <p>The last condition keeps poorly determined constants open: their spread says little about
 * whether they depend on the held variables, and freezing one wrongly loses that dependence for
 * good, while an open constant that is truly constant costs only a later regression.
 *
 * @param relativeTolerance allowed spread relative to the constant's size, > 0
 * @param absoluteScale magnitude below which a constant is compared as if it were this large, >= 0
 * @param errorMultiple multiple of the largest standard error always allowed, >= 0
 * @param maxRelativeError largest standard error, relative to the constant's size, of a constant
 *     that may be frozen, > 0
 */
public record FreezingRule(
    double relativeTolerance, double absoluteScale, double errorMultiple, double maxRelativeError) {
  /**
   * Tolerance 1e-3 relative, constants below 1e-6 compared at 1e-6, six standard errors, frozen
   * only when determined to 10%.
   */
  public static final FreezingRule DEFAULT = new FreezingRule(1e-3, 1e-6, 6, 0.1);

  /** Validates the rule. */
  public FreezingRule {
    if (!(relativeTolerance > 0)) {
      throw new IllegalArgumentException(
          "relativeTolerance = " + relativeTolerance + ": must be > 0");
    }
    if (!(maxRelativeError > 0)) {
      throw new IllegalArgumentException(
          "maxRelativeError = " + maxRelativeError + ": must be > 0");
    }
    if (!(absoluteScale >= 0) || !(errorMultiple >= 0)) {
      throw new IllegalArgumentException(
          "absoluteScale = "
              + absoluteScale
              + ", errorMultiple = "
              + errorMultiple
              + ": each must be >= 0");
    }
  }

  /**
   * One fit of the skeleton at one draw of the fixed variables.
   *
   * @param constants fitted free constants, in pre-order
   * @param standardErrors their standard errors (NaN where unknown), same length
   * @param good whether the fit met the goodness threshold
   */
  public record Draw(Vec constants, Vec standardErrors, boolean good) {
    /** Validates the draw. */
    public Draw {
      Objects.requireNonNull(constants, "constants");
      Objects.requireNonNull(standardErrors, "standardErrors");
      if (constants.size() != standardErrors.size()) {
        throw new IllegalArgumentException(
            "constants has "
                + constants.size()
                + " values, standardErrors "
                + standardErrors.size()
                + ": must match");
      }
    }
  }

  /**
   * The decision for each constant.
   *
   * @param applicable false when some fit was not good (nothing is decided then)
   * @param frozen per constant, true when frozen
   * @param values per constant, the mean fitted value
   */
  public record Decision(boolean applicable, List<Boolean> frozen, Vec values) {
    /** Validates the decision. */
    public Decision {
      frozen = List.copyOf(frozen);
      Objects.requireNonNull(values, "values");
    }

    /** Number of frozen constants. */
    public int frozenCount() {
      return (int) frozen.stream().filter(b -> b).count();
    }
  }

  /**
   * Applies the rule.
   *
   * @param draws the K fits, all of the same skeleton, at least one
   * @throws IllegalArgumentException when there are no draws or their sizes differ
   */
  public Decision decide(List<Draw> draws) {
    if (draws.isEmpty()) {
      throw new IllegalArgumentException("draws is empty: need at least one fit");
    }
    int p = draws.get(0).constants().size();
    for (Draw d : draws) {
      if (d.constants().size() != p) {
        throw new IllegalArgumentException(
            "draws fit " + d.constants().size() + " and " + p + " constants: must match");
      }
    }
    double[] mean = new double[p];
    for (Draw d : draws) {
      for (int j = 0; j < p; j++) {
        mean[j] += d.constants().get(j) / draws.size();
      }
    }
    boolean allGood = draws.stream().allMatch(Draw::good);
    List<Boolean> frozen = new ArrayList<>(p);
    for (int j = 0; j < p; j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      double se = 0;
      for (Draw d : draws) {
        lo = Math.min(lo, d.constants().get(j));
        hi = Math.max(hi, d.constants().get(j));
        double s = d.standardErrors().get(j);
        if (Double.isFinite(s)) {
          se = Math.max(se, s);
        }
      }
      double allowed =
          Math.max(
              relativeTolerance * Math.max(Math.abs(mean[j]), absoluteScale), errorMultiple * se);
      boolean determined = se <= maxRelativeError * Math.abs(mean[j]);
      frozen.add(allGood && determined && hi - lo <= allowed);
    }
    return new Decision(allGood, frozen, Vec.of(mean));
  }
}
