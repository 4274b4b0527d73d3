package io.delos.worldmodel.physsm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.delos.worldmodel.data.Normalizer;
import io.delos.worldmodel.physsm.internal.DiagonalCell;
import io.delos.worldmodel.physsm.internal.Net;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Phy-SSM unit (Wang, Zhao et al., ICML 2025, arXiv 2507.10792): the latent dynamics
 *
 * <pre>
 *   dz/dt = (A_known(z) + M_A ⊙ A_unknown(t)) z + (B_known(z) + M_B ⊙ B_unknown(t)) u
 * </pre>
 *
 * integrated step by step with the bilinear rule and each step's own gap (see {@link
 * Discretization#bilinearStep}), the input held over the step. A recurrent S5 cell reads the
 * visible latent and the action at every step and produces the unknown entries, bounded by
 * b·tanh(·/b) in normalised units and scaled into SI units by the declaration's gains; the masks
 * are the support of that scatter.
 *
 * <p>Shapes: z₀ {@code [batch, latent]}, actions {@code [batch, time, action]} (SI), gaps {@code
 * [batch, time]} (gap k is t_k − t_{k−1}, s; gap 0 is ignored; 0 at padding, which holds the state)
 * -> trajectory {@code [batch, time, latent]} with entry 0 equal to z₀.
 */
final class PhySsmUnit extends Net {
  private final PhysicsDeclaration declaration;
  private final LatentLayout layout;
  private final DiagonalCell cell;
  private final int n;
  private final int m;
  private final float[] affine;
  private final float[] scatter;
  private final List<PhysicsDeclaration.FunctionEntry> functions;
  private final float[] functionPlace;
  private final float[] actionMean;
  private final float[] actionInverseStd;
  private final float[] bound;

  /**
   * A unit.
   *
   * @param declaration the known physics and masks
   * @param width hidden width of the sequence network
   * @param state diagonal states of the sequence network
   * @param boundA bound on each unknown entry of A in normalised units (scale_i/scale_j per second)
   * @param boundB bound on each unknown entry of B in normalised units
   * @param actions statistics of the actions, which the sequence network reads standardised
   */
  PhySsmUnit(
      PhysicsDeclaration declaration,
      int width,
      int state,
      double boundA,
      double boundB,
      Normalizer actions) {
    this.declaration = declaration;
    this.layout = new LatentLayout(declaration);
    this.n = declaration.latentSize();
    this.m = declaration.actionSize();
    this.bound = new float[Math.max(1, declaration.unknownCount())];
    for (int k = 0; k < declaration.unknownCount(); k++) {
      bound[k] = (float) (k < declaration.unknownA().size() ? boundA : boundB);
    }
    this.affine = floats(declaration.knownAffine());
    this.scatter = floats(declaration.unknownScatter());
    this.functions = declaration.knownFunctions();
    int width2 = declaration.flatWidth();
    functionPlace = new float[Math.max(1, functions.size()) * width2];
    for (int e = 0; e < functions.size(); e++) {
      functionPlace[e * width2 + functions.get(e).flatIndex()] = 1;
    }
    actionMean = floats(actions.mean());
    actionInverseStd = new float[m];
    double[] std = actions.std();
    for (int k = 0; k < m; k++) {
      actionInverseStd[k] = (float) (1 / std[k]);
    }
    int unknown = Math.max(1, declaration.unknownCount());
    this.cell =
        addChildBlock("cell", new DiagonalCell(layout.visibleSize() + m, width, state, unknown));
  }

  /** The declaration this unit follows. */
  PhysicsDeclaration declaration() {
    return declaration;
  }

  /** Actions standardised with the training data's statistics, {@code [..., action]}. */
  NDArray normaliseActions(NDArray u) {
    NDManager m = u.getManager();
    return u.sub(m.create(actionMean)).mul(m.create(actionInverseStd));
  }

  /**
   * Rolls the unit forward over a grid.
   *
   * @param z0 {@code [batch, latent]}
   * @param actions {@code [batch, time, action]}, SI, each held from its point to the next
   * @param gaps {@code [batch, time]}, s
   * @param cellGaps {@code [batch, time]}, s: the gaps the sequence network's cell advances by (as
   *     {@code gaps}, with the first entry set to the sequence's first real gap)
   * @param resets {@code [batch, time]}: 1 where the state is replaced by {@code resetStates} after
   *     the step into that point (teacher forcing), 0 elsewhere; or {@code null}
   * @param resetStates {@code [batch, time, latent]}: the states put in at resets, or {@code null}
   * @return {@code [batch, time, latent]}: the state reached at each point, before any reset
   */
  NDArray rollout(
      ParameterStore ps,
      NDArray z0,
      NDArray actions,
      NDArray gaps,
      NDArray cellGaps,
      NDArray resets,
      NDArray resetStates,
      boolean training) {
    NDManager mg = z0.getManager();
    int batch = (int) z0.getShape().get(0);
    int time = (int) gaps.getShape().get(1);
    int width = declaration.flatWidth();
    NDArray affineMatrix = mg.create(affine, new Shape(n + 1, width));
    boolean anyUnknown = declaration.unknownCount() > 0;
    NDArray scatterMatrix =
        anyUnknown ? mg.create(scatter, new Shape(declaration.unknownCount(), width)) : null;
    NDArray placeFunctions =
        functions.isEmpty() ? null : mg.create(functionPlace, new Shape(functions.size(), width));
    NDArray ones = mg.ones(new Shape(batch, 1));
    NDArray bounds = mg.create(bound);
    NDList gains = cell.gains(ps, cellGaps, training);
    NDArray x = mg.zeros(new Shape(batch, cell.state()));
    // A(z) is evaluated at the step's midpoint, extrapolated from the previous step:
    // z_mid = z_k + Δt_{k+1}/(2 Δt_k) (z_k − z_{k−1}). With A frozen at z_k the rule would be only
    // first order for state-dependent A; at the midpoint it is second order.
    NDArray next = gaps.get(":, 1:").concat(mg.zeros(new Shape(batch, 1)), 1);
    NDArray ratio =
        next.div(gaps.maximum(1e-9f).mul(2)).mul(gaps.gt(0).toType(gaps.getDataType(), false));
    NDArray z = z0;
    NDArray previous = null;
    List<NDArray> out = new ArrayList<>(time);
    out.add(z);
    for (int k = 0; k + 1 < time; k++) {
      NDArray u = actions.get(":, {}, :", k);
      NDArray dt = gaps.get(":, {}", k + 1);
      NDArray mid =
          previous == null ? z : z.add(z.sub(previous).mul(ratio.get(":, {}", k).expandDims(1)));

      // Known part: the affine entries in one product, general functions one by one.
      NDArray flat = ones.concat(mid, 1).matMul(affineMatrix);
      if (placeFunctions != null) {
        flat = flat.add(knownFunctionValues(mid).matMul(placeFunctions));
      }

      // Unknown part: the sequence network reads [visible(z), u / scale] and fills M ⊙ [A | B].
      NDArray in = layout.visible(mid).concat(normaliseActions(u), 1);
      NDList step =
          cell.step(
              ps,
              x,
              in,
              gains.get(0).get(":, {}, :", k),
              gains.get(1).get(":, {}, :", k),
              training);
      x = step.get(0);
      if (anyUnknown) {
        NDArray raw = step.get(1);
        NDArray bounded = raw.div(bounds).tanh().mul(bounds);
        flat = flat.add(bounded.matMul(scatterMatrix));
      }

      NDArray a = flat.get(":, :{}", n * n).reshape(batch, n, n);
      NDArray b = flat.get(":, {}:", n * n).reshape(batch, n, m);
      NDArray arrived = Discretization.bilinearStep(z, u, a, b, dt);
      out.add(arrived);
      if (resets == null) {
        previous = z;
        z = arrived;
      } else {
        // A restart keeps the last step's increment for the next midpoint.
        NDArray r = resets.get(":, {}", k + 1).expandDims(1);
        NDArray restarted = arrived.add(resetStates.get(":, {}, :", k + 1).sub(arrived).mul(r));
        previous = restarted.sub(arrived.sub(z));
        z = restarted;
      }
    }
    return NDArrays.stack(new NDList(out), 1);
  }

  private NDArray knownFunctionValues(NDArray z) {
    Map<Coefficient.StateFunction, NDArray> memo = new IdentityHashMap<>();
    Map<String, NDArray> columns = new java.util.HashMap<>();
    Coefficient.LatentView view =
        new Coefficient.LatentView() {
          @Override
          public NDArray get(String name) {
            return columns.computeIfAbsent(name, key -> z.get(":, {}", declaration.indexOf(key)));
          }

          @Override
          public NDArray shared(Coefficient.StateFunction f) {
            NDArray v = memo.get(f);
            if (v == null) {
              v = f.apply(this);
              memo.put(f, v);
            }
            return v;
          }
        };
    List<NDArray> values = new ArrayList<>(functions.size());
    for (PhysicsDeclaration.FunctionEntry e : functions) {
      values.add(e.function().apply(view));
    }
    return NDArrays.stack(new NDList(values), 1);
  }

  @Override
  public void seed(SplittableRandom random) {
    cell.seed(random);
  }

  private static float[] floats(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }
}
