package io.delos.worldmodel.sequence;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.delos.worldmodel.nn.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter, "Decoupled weight decay regularization", ICLR 2019, Algorithm 2)
 * with gradient clipping by global norm, over a {@link Params} set:
 *
 * <pre>
 *   g ← g · min(1, c / ‖g‖₂)                  (global norm over every parameter)
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
 *   θ ← θ − η (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε) − η λ θ
 * </pre>
 *
 * Weight decay applies to matrices only (parameters of rank >= 2 that are not embedding tables).
 * The moments and the step count are part of the training checkpoint, so a resumed run continues
 * exactly.
 *
 * <p>Threading: confined to the training thread.
 */
public final class AdamW {
  private final Params params;
  private final NDManager manager;
  private final Map<String, NDArray> first = new LinkedHashMap<>();
  private final Map<String, NDArray> second = new LinkedHashMap<>();
  private final Map<String, Boolean> decays = new LinkedHashMap<>();
  private long step;

  /** Creates zero moments for every parameter. */
  public AdamW(Params params) {
    this.params = params;
    this.manager = params.manager().newSubManager();
    for (Map.Entry<String, NDArray> e : params.all().entrySet()) {
      NDArray p = e.getValue();
      first.put(e.getKey(), manager.zeros(p.getShape(), DataType.FLOAT32));
      second.put(e.getKey(), manager.zeros(p.getShape(), DataType.FLOAT32));
      decays.put(e.getKey(), p.getShape().dimension() >= 2 && !e.getKey().endsWith(".table"));
    }
  }

  /** Optimiser steps taken. */
  public long steps() {
    return step;
  }

  /**
   * The global gradient norm, or NaN when a gradient is not finite.
   *
   * <p>Call after the backward pass, inside an {@link NDScope} or sub-manager that frees the
   * temporaries.
   */
  public double gradientNorm() {
    double sum = 0;
    for (NDArray p : params.all().values()) {
      // Squares summed in float64: a float32 sum overflows for gradients above about 1e19.
      NDArray g = p.getGradient().toType(DataType.FLOAT64, false);
      sum += g.square().sum().getDouble();
    }
    return Math.sqrt(sum);
  }

  /**
   * Takes one step and zeroes the gradients.
   *
   * @param lr learning rate η
   * @param weightDecay λ
   * @param beta1 β₁
   * @param beta2 β₂
   * @param epsilon ε
   * @param gradScale factor applied to every gradient first (the clipping factor)
   */
  public void update(
      double lr, double weightDecay, double beta1, double beta2, double epsilon, double gradScale) {
    step++;
    double c1 = 1 - Math.pow(beta1, step);
    double c2 = 1 - Math.pow(beta2, step);
    try (NDScope scope = new NDScope()) {
      for (Map.Entry<String, NDArray> e : params.all().entrySet()) {
        NDArray p = e.getValue();
        NDArray g = p.getGradient();
        NDArray gs = g.mul((float) gradScale);
        NDArray m = first.get(e.getKey());
        NDArray v = second.get(e.getKey());
        m.muli((float) beta1).addi(gs.mul((float) (1 - beta1)));
        v.muli((float) beta2).addi(gs.square().muli((float) (1 - beta2)));
        NDArray denominator = v.div((float) c2).sqrt().addi((float) epsilon);
        NDArray change = m.div((float) c1).divi(denominator).muli((float) lr);
        if (decays.get(e.getKey()) && weightDecay > 0) {
          change.addi(p.mul((float) (lr * weightDecay)));
        }
        // In place on a detached view of the same storage: a thread on which PyTorch's grad mode
        // is on (its default on threads the engine did not start on) refuses in-place changes of
        // a leaf that requires a gradient.
        p.stopGradient().subi(change);
        g.subi(g);
      }
      scope.suppressNotUsedWarning();
    }
  }

  /**
   * Zeroes every gradient without changing a parameter (after a non-finite gradient); the step
   * still counts, so the step count stays equal to the trainer's.
   */
  public void zeroGradients() {
    step++;
    try (NDScope scope = new NDScope()) {
      for (NDArray p : params.all().values()) {
        // An indexed fill writes into the gradient's own storage; set(float[]) would rebind the
        // tensor to a host buffer that dies with this temporary wrapper.
        p.getGradient().set(new NDIndex("..."), 0f);
      }
      scope.suppressNotUsedWarning();
    }
  }

  /** The moments, in parameter order: first moments then second moments, as host arrays. */
  public Map<String, float[]> state() {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : first.entrySet()) {
      out.put("m." + e.getKey(), e.getValue().toFloatArray());
    }
    for (Map.Entry<String, NDArray> e : second.entrySet()) {
      out.put("v." + e.getKey(), e.getValue().toFloatArray());
    }
    return out;
  }

  /**
   * Restores moments and the step count saved by {@link #state} and {@link #steps}.
   *
   * @throws IllegalArgumentException when a moment is missing or mis-sized
   */
  public void restore(Map<String, float[]> state, long steps) {
    for (String prefix : List.of("m.", "v.")) {
      Map<String, NDArray> target = prefix.equals("m.") ? first : second;
      for (Map.Entry<String, NDArray> e : target.entrySet()) {
        float[] v = state.get(prefix + e.getKey());
        if (v == null || v.length != e.getValue().getShape().size()) {
          throw new IllegalArgumentException(
              "optimiser state lacks or mis-sizes '" + prefix + e.getKey() + "'");
        }
        e.getValue().set(v);
      }
    }
    this.step = steps;
  }
}
