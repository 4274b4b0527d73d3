package io.delos.worldmodel.symbolic;

import static io.delos.worldmodel.symbolic.Exprs.add;
import static io.delos.worldmodel.symbolic.Exprs.c;
import static io.delos.worldmodel.symbolic.Exprs.cos;
import static io.delos.worldmodel.symbolic.Exprs.div;
import static io.delos.worldmodel.symbolic.Exprs.exp;
import static io.delos.worldmodel.symbolic.Exprs.mul;
import static io.delos.worldmodel.symbolic.Exprs.neg;
import static io.delos.worldmodel.symbolic.Exprs.pow;
import static io.delos.worldmodel.symbolic.Exprs.sin;
import static io.delos.worldmodel.symbolic.Exprs.sqrt;

import java.util.ArrayList;
import java.util.List;

/**
 * Single-variable skeletons that are not linear in their constants: a function of an affine inner
 * argument ({@code c₁·u(c₂·w + c₃) + c₄}), Planck- and Fermi-like ratios ({@code c₁·xᵏ/(exp(c₂·w) +
 * c₃)}), square roots and inverse square roots of quadratics, powers times exponentials, squared
 * sines. Their constants start at generic values; the caller fits them from several starts.
 *
 * <p>Together with {@link LinearSkeletons} these cover the one-variable sections of the physics
 * formulas ScaleSR meets (Chu et al. 2023, arXiv 2306.04718, Section 4); genetic programming
 * searches beyond them.
 */
final class Templates {
  private Templates() {}

  /** The templates for variable {@code v}. */
  static List<Expr> univariate(int v) {
    Expr x = Exprs.x(v);
    List<Expr> inner = List.of(x, pow(x, 2), pow(x, -1), pow(x, -2));
    List<Expr> t = new ArrayList<>();
    for (Expr w : inner) {
      Expr affine = add(mul(c(1), w), c(0.5));
      t.add(add(mul(c(1), sin(affine)), c(0)));
      t.add(add(mul(c(1), cos(affine)), c(0)));
      t.add(add(mul(c(1), exp(mul(c(-0.5), w))), c(0)));
      t.add(add(mul(c(1), Exprs.log(affine)), c(0)));
      t.add(add(mul(c(1), pow(affine, -1)), c(0)));
      t.add(add(mul(c(1), pow(affine, -2)), c(0)));
      // c₁·(c₂·w + c₃)^(m/2): square roots and their inverse powers, from both signs of the
      // inner constant (a local fit does not cross the kink of the protected root).
      for (int m : new int[] {1, -1, 3, -3}) {
        for (double sign : new double[] {1, -1}) {
          t.add(add(mul(c(1), pow(sqrt(add(mul(c(1), w), c(sign))), m)), c(0)));
        }
      }
      // Planck and Fermi forms.
      for (int k = 0; k <= 3; k++) {
        t.add(mul(c(1), pow(x, k), pow(add(exp(mul(c(1), w)), c(-1)), -1)));
      }
      t.add(div(c(1), add(exp(mul(c(1), w)), exp(neg(mul(c(1), w))))));
      // Powers times exponentials.
      for (int k : new int[] {-2, -1, 1, 2}) {
        t.add(mul(c(1), pow(x, k), exp(mul(c(-0.5), w))));
      }
    }
    Expr lin = add(mul(c(1), x), c(0.5));
    for (int m : new int[] {1, -1}) {
      // (c₁x + c₂)·(c₃x² + c₄)^(m/2), and square roots of a full quadratic.
      t.add(mul(add(mul(c(1), x), c(0)), pow(sqrt(add(mul(c(1), pow(x, 2)), c(1))), m)));
      for (double sign : new double[] {1, -1}) {
        t.add(mul(c(1), pow(sqrt(add(pow(x, 2), mul(c(0.5), x), c(sign))), m)));
        t.add(mul(c(1), x, pow(sqrt(add(pow(x, 2), mul(c(0.5), x), c(sign))), m)));
      }
    }
    for (Expr u : List.of(sin(lin), cos(lin))) {
      t.add(add(mul(c(1), pow(u, 2)), c(0)));
      t.add(add(mul(c(1), u), mul(c(0.5), pow(u, 2)), c(0)));
      t.add(mul(c(1), sqrt(add(u, c(2)))));
      for (int k : new int[] {-2, -1, 1}) {
        t.add(mul(c(1), pow(x, k), pow(u, 2)));
      }
    }
    t.add(mul(c(1), pow(sin(mul(c(1), x)), 2), pow(sin(mul(c(0.5), x)), -2)));
    t.add(add(mul(c(1), exp(add(mul(c(-0.5), pow(x, 2)), mul(c(0.1), x)))), c(0)));
    return t;
  }
}
