package io.delos.worldmodel.interpretable;

import ai.djl.ndarray.NDArray;
import io.delos.worldmodel.nn.Params;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A polynomial of order 2 or 3 in the concept values whose higher-order coefficient tensors are
 * low-rank Tucker products (CAT, Duong et al., KDD 2024, Section 3.2, the TaylorNet):
 *
 * <pre>
 *   y(c) = b + Σᵢ wᵢ cᵢ + Σ_{k=2}^{K} 𝒢ₖ ×₁ (c Uₖ₁) ×₂ (c Uₖ₂) ⋯ ×ₖ (c Uₖₖ)
 *   Wₖ[i₁…iₖ] = Σ_{r₁…rₖ} 𝒢ₖ[r₁…rₖ] Πⱼ Uₖⱼ[iⱼ, rⱼ]          (dense order-k coefficients)
 * </pre>
 *
 * with cores 𝒢ₖ of shape {@code [rank]^k} and factors Uₖⱼ of shape {@code [concept, rank]}. The
 * cores start at zero, so the network starts as the linear model b + w·c.
 *
 * <p>Shapes: input {@code [batch, concept]}, output {@code [batch]}.
 */
final class TaylorNet {
  private final int concepts;
  private final int order;
  private final int rank;
  private final NDArray b;
  private final NDArray w;
  private final List<NDArray> cores = new ArrayList<>();
  private final List<List<NDArray>> factors = new ArrayList<>();

  TaylorNet(Params params, int concepts, int order, int rank) {
    this.concepts = concepts;
    this.order = order;
    this.rank = rank;
    this.b = params.constant("taylor.b", 0, 1);
    this.w = params.normal("taylor.w", 1 / Math.sqrt(concepts), concepts, 1);
    for (int k = 2; k <= order; k++) {
      long[] dims = new long[k];
      java.util.Arrays.fill(dims, rank);
      cores.add(params.constant("taylor.core" + k, 0, dims));
      List<NDArray> u = new ArrayList<>();
      for (int j = 1; j <= k; j++) {
        u.add(params.normal("taylor.u" + k + "_" + j, 1 / Math.sqrt(concepts), concepts, rank));
      }
      factors.add(u);
    }
  }

  /** {@code [batch, concept] -> [batch]}. */
  NDArray forward(NDArray c) {
    long batch = c.getShape().get(0);
    NDArray y = c.matMul(w).reshape(batch).add(b);
    for (int k = 2; k <= order; k++) {
      NDArray core = cores.get(k - 2);
      List<NDArray> u = factors.get(k - 2);
      NDArray p1 = c.matMul(u.get(0)); // [b, r]
      NDArray p2 = c.matMul(u.get(1)); // [b, r]
      if (k == 2) {
        y = y.add(p1.matMul(core).mul(p2).sum(new int[] {1}));
      } else {
        NDArray p3 = c.matMul(u.get(2));
        NDArray a = p1.matMul(core.reshape(rank, (long) rank * rank)).reshape(batch, rank, rank);
        NDArray a2 = a.mul(p2.expandDims(2)).sum(new int[] {1}); // [b, r]
        y = y.add(a2.mul(p3).sum(new int[] {1}));
      }
    }
    return y;
  }

  /**
   * The polynomial's coefficients per monomial: the dense tensors Wₖ rebuilt from the Tucker
   * factors by successive mode products, then symmetrised, each monomial collecting the entries of
   * every index tuple that is a permutation of it.
   *
   * @param weights parameter values by name, from {@link Params#snapshot()}
   */
  Map<Monomial, Double> coefficients(Map<String, float[]> weights) {
    Map<Monomial, Double> out = new HashMap<>();
    out.put(Monomial.of(), (double) weights.get("taylor.b")[0]);
    float[] wv = weights.get("taylor.w");
    for (int i = 0; i < concepts; i++) {
      out.merge(Monomial.of(i), (double) wv[i], Double::sum);
    }
    int r = rank;
    int n = concepts;
    for (int k = 2; k <= order; k++) {
      float[] g = weights.get("taylor.core" + k);
      float[] u1 = weights.get("taylor.u" + k + "_1");
      float[] u2 = weights.get("taylor.u" + k + "_2");
      if (k == 2) {
        // W[i, j] = Σ_{a,b} U1[i,a] G[a,b] U2[j,b]
        double[] t = new double[n * r]; // (U1 G)[i, b]
        for (int i = 0; i < n; i++) {
          for (int a = 0; a < r; a++) {
            for (int bb = 0; bb < r; bb++) {
              t[i * r + bb] += u1[i * r + a] * (double) g[a * r + bb];
            }
          }
        }
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            double s = 0;
            for (int bb = 0; bb < r; bb++) {
              s += t[i * r + bb] * u2[j * r + bb];
            }
            out.merge(Monomial.of(i, j), s, Double::sum);
          }
        }
      } else {
        float[] u3 = weights.get("taylor.u3_3");
        // T1[i, b, c] = Σ_a U1[i,a] G[a,b,c]
        double[] t1 = new double[n * r * r];
        for (int i = 0; i < n; i++) {
          for (int a = 0; a < r; a++) {
            double ua = u1[i * r + a];
            for (int bc = 0; bc < r * r; bc++) {
              t1[i * r * r + bc] += ua * g[a * r * r + bc];
            }
          }
        }
        // T2[i, j, c] = Σ_b U2[j,b] T1[i,b,c]
        double[] t2 = new double[n * n * r];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            for (int bb = 0; bb < r; bb++) {
              double ub = u2[j * r + bb];
              for (int c = 0; c < r; c++) {
                t2[(i * n + j) * r + c] += ub * t1[(i * r + bb) * r + c];
              }
            }
          }
        }
        // W[i, j, l] = Σ_c U3[l,c] T2[i,j,c]
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            for (int l = 0; l < n; l++) {
              double s = 0;
              for (int c = 0; c < r; c++) {
                s += u3[l * r + c] * t2[(i * n + j) * r + c];
              }
              out.merge(Monomial.of(i, j, l), s, Double::sum);
            }
          }
        }
      }
    }
    return out;
  }

  /** Scalar parameters: 1 + C + Σₖ (Rᵏ + k·C·R). */
  long parameterCount() {
    long count = 1 + concepts;
    for (int k = 2; k <= order; k++) {
      count += (long) Math.pow(rank, k) + (long) k * concepts * rank;
    }
    return count;
  }
}
