package io.delos.actors.eval;

import io.delos.worldmodel.physsm.Arm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Markdown tables of a forecasting benchmark: per system, each forecaster's interpolation and
 * extrapolation errors as mean ± standard deviation over seeds, then the targets.
 */
public final class ForecastReport {
  private ForecastReport() {}

  /**
   * The tables.
   *
   * @param results every result of the run
   * @param systems systems in report order
   * @param arms arms in report order
   */
  public static String markdown(
      List<ForecastBenchmark.Result> results, List<String> systems, List<Arm> arms) {
    StringBuilder sb = new StringBuilder();
    for (String system : systems) {
      boolean positions =
          results.stream()
              .anyMatch(r -> r.system().equals(system) && !Double.isNaN(r.metrics().ade()));
      sb.append("#### ").append(system).append("\n\n");
      sb.append("| forecaster | interp. MAE | interp. MSE | extrap. MAE | extrap. MSE |");
      if (positions) {
        sb.append(" ADE (m) | FDE (m) |");
      }
      sb.append(" train (s) |\n| --- | --- | --- | --- | --- |");
      if (positions) {
        sb.append(" --- | --- |");
      }
      sb.append(" --- |\n");
      for (Arm arm : arms) {
        List<ForecastBenchmark.Result> rs = select(results, system, arm);
        if (rs.isEmpty()) {
          continue;
        }
        sb.append("| ").append(arm.label());
        cell(sb, rs, r -> r.metrics().interpolationMae());
        cell(sb, rs, r -> r.metrics().interpolationMse());
        cell(sb, rs, r -> r.metrics().extrapolationMae());
        cell(sb, rs, r -> r.metrics().extrapolationMse());
        if (positions) {
          cell(sb, rs, r -> r.metrics().ade());
          cell(sb, rs, r -> r.metrics().fde());
        }
        sb.append(
            String.format(Locale.ROOT, " | %.0f |\n", mean(rs, ForecastBenchmark.Result::seconds)));
      }
      sb.append('\n');
    }
    sb.append("#### Targets\n\n");
    sb.append(
        "| system | Phy-SSM extrap. MAE | S5 | Phy-SSM / S5 (target ≤ 0.5) | latent ODE |"
            + " below latent ODE | λ = 0 | λ = 0 worse |\n");
    sb.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (String system : systems) {
      double phy = mean(select(results, system, Arm.PHY_SSM), r -> r.metrics().extrapolationMae());
      double s5 = mean(select(results, system, Arm.S5), r -> r.metrics().extrapolationMae());
      double ode =
          mean(select(results, system, Arm.LATENT_ODE), r -> r.metrics().extrapolationMae());
      double noReg =
          mean(select(results, system, Arm.NO_REGULARISER), r -> r.metrics().extrapolationMae());
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.4f | %.4f | %.2f %s | %.4f | %s | %.4f | %s |\n",
              system,
              phy,
              s5,
              phy / s5,
              phy / s5 <= 0.5 ? "(met)" : "(missed)",
              ode,
              phy < ode ? "yes" : "no",
              noReg,
              noReg > phy ? "yes" : "no"));
    }
    return sb.toString();
  }

  /** One line per trained forecaster, for the record. */
  public static String perSeed(List<ForecastBenchmark.Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| system | forecaster | seed | interp. MAE | extrap. MAE | extrap. MSE | kept step |");
    sb.append(" skipped steps |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (ForecastBenchmark.Result r : results) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %.4f | %.4f | %.4f | %d | %d |\n",
              r.system(),
              r.arm().label(),
              r.seed(),
              r.metrics().interpolationMae(),
              r.metrics().extrapolationMae(),
              r.metrics().extrapolationMse(),
              r.bestIteration(),
              r.skipped()));
    }
    return sb.toString();
  }

  private static List<ForecastBenchmark.Result> select(
      List<ForecastBenchmark.Result> results, String system, Arm arm) {
    List<ForecastBenchmark.Result> out = new ArrayList<>();
    for (ForecastBenchmark.Result r : results) {
      if (r.system().equals(system) && r.arm() == arm) {
        out.add(r);
      }
    }
    return out;
  }

  private static void cell(
      StringBuilder sb,
      List<ForecastBenchmark.Result> rs,
      ToDoubleFunction<ForecastBenchmark.Result> f) {
    double m = mean(rs, f);
    double s = std(rs, f, m);
    sb.append(String.format(Locale.ROOT, " | %.4f ± %.4f", m, s));
  }

  private static double mean(
      List<ForecastBenchmark.Result> rs, ToDoubleFunction<ForecastBenchmark.Result> f) {
    if (rs.isEmpty()) {
      return Double.NaN;
    }
    return rs.stream().mapToDouble(f).average().orElse(Double.NaN);
  }

  /** Sample standard deviation (n − 1); 0 for one value. */
  private static double std(
      List<ForecastBenchmark.Result> rs, ToDoubleFunction<ForecastBenchmark.Result> f, double m) {
    if (rs.size() < 2) {
      return 0;
    }
    double sum = 0;
    for (ForecastBenchmark.Result r : rs) {
      double d = f.applyAsDouble(r) - m;
      sum += d * d;
    }
    return Math.sqrt(sum / (rs.size() - 1));
  }
}
