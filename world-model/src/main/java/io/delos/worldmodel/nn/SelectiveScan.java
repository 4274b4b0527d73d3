package io.delos.worldmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The scan of a selective diagonal state-space layer (Gu and Dao, "Mamba", 2023, §3; the chunked
 * form of Dao and Gu, "Transformers are SSMs", ICML 2024, §6), the time mixer of WestWorld's
 * Sys-MoE layer (Wang et al., ICML 2026, §3.3).
 *
 * <p>Each head h has a scalar decay rate Aₕ < 0 (a diagonal A = Aₕ·I), and each step its own step
 * size Δₜ,ₕ > 0 and input and output maps Bₜ, Cₜ ∈ ℝˢ; with the zero-order-hold decay and Mamba's
 * Euler input rule the state hₜ ∈ ℝ^{S×P} of each head follows
 *
 * <pre>
 *   hₜ = exp(Δₜ Aₕ) hₜ₋₁ + Δₜ Bₜ xₜᵀ,      yₜ = hₜᵀ Cₜ
 * </pre>
 *
 * {@link #recurrent} steps this recurrence one step at a time (the reference). {@link #chunked}
 * computes the same outputs in chunks of length c: with the cumulative log-decay Lₜ = Σ_{τ≤t} Δ_τ
 * Aₕ counted from the chunk's start and the chunk's entering state h₀,
 *
 * <pre>
 *   hₜ = Σ_{s≤t} exp(Lₜ − Lₛ) Δₛ Bₛ xₛᵀ + exp(Lₜ) h₀
 *   yₜ = Σ_{s≤t} exp(Lₜ − Lₛ) (Cₜ·Bₛ) Δₛ xₛ + exp(Lₜ) h₀ᵀ Cₜ
 * </pre>
 *
 * as two matrix products per chunk (the segment sums Lₜ − Lₛ are ≤ 0 for s ≤ t, so no exponent
 * overflows), while only the chunk-end states are carried from chunk to chunk sequentially.
 *
 * <p>Shapes: x {@code [rows, time, heads, P]}, Δ {@code [rows, time, heads]}, A {@code [heads]}, B
 * and C {@code [rows, time, S]}, h₀ {@code [rows, heads, S, P]} or null for zero, output y {@code
 * [rows, time, heads, P]}.
 */
public final class SelectiveScan {
  private SelectiveScan() {}

  private static void check(NDArray x, NDArray dt, NDArray a, NDArray b, NDArray c) {
    Shapes.require(
        x, "scan.x", "rows, time, heads, P", Shapes.ANY, Shapes.ANY, Shapes.ANY, Shapes.ANY);
    Shape s = x.getShape();
    Shapes.require(dt, "scan.dt", "rows, time, heads", s.get(0), s.get(1), s.get(2));
    Shapes.require(a, "scan.A", "heads", s.get(2));
    Shapes.require(b, "scan.B", "rows, time, S", s.get(0), s.get(1), Shapes.ANY);
    Shapes.require(c, "scan.C", "rows, time, S", s.get(0), s.get(1), b.getShape().get(2));
  }

  /**
   * The chunked scan.
   *
   * @param x inputs {@code [rows, time, heads, P]}
   * @param dt step sizes Δ {@code [rows, time, heads]}, > 0
   * @param a decay rates A {@code [heads]}, < 0
   * @param b input maps {@code [rows, time, S]}
   * @param c output maps {@code [rows, time, S]}
   * @param h0 initial state {@code [rows, heads, S, P]}, or null for zero
   * @param chunk chunk length c, >= 1
   * @return y {@code [rows, time, heads, P]}
   */
  public static NDArray chunked(
      NDArray x, NDArray dt, NDArray a, NDArray b, NDArray c, NDArray h0, int chunk) {
    check(x, dt, a, b, c);
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk = " + chunk + ": must be >= 1");
    }
    NDManager m = x.getManager();
    long n = x.getShape().get(0);
    long l = x.getShape().get(1);
    long heads = x.getShape().get(2);
    long p = x.getShape().get(3);
    long s = b.getShape().get(2);
    long chunks = (l + chunk - 1) / chunk;
    long padded = chunks * chunk;
    if (padded > l) {
      // Zero steps appended at the end change nothing before them: the scan is causal.
      long extra = padded - l;
      x = NDArrays.concat(new NDList(x, m.zeros(new Shape(n, extra, heads, p))), 1);
      dt = NDArrays.concat(new NDList(dt, m.zeros(new Shape(n, extra, heads))), 1);
      b = NDArrays.concat(new NDList(b, m.zeros(new Shape(n, extra, s))), 1);
      c = NDArrays.concat(new NDList(c, m.zeros(new Shape(n, extra, s))), 1);
    }
    // Lₜ: cumulative log-decay within each chunk, [rows, chunks, heads, c].
    NDArray logDecay = dt.mul(a).reshape(n, chunks, chunk, heads).transpose(0, 1, 3, 2);
    NDArray cum = logDecay.cumSum(3);
    // exp(Lₜ − Lₛ) for s ≤ t, 0 above the diagonal: [rows, chunks, heads, c(t), c(s)].
    NDArray segment = cum.expandDims(4).sub(cum.expandDims(3)).add(upperMask(m, chunk)).exp();
    NDArray bc = b.reshape(n, chunks, chunk, s);
    NDArray cc = c.reshape(n, chunks, chunk, s);
    // Cₜ·Bₛ, shared by the heads: [rows, chunks, 1, c(t), c(s)].
    NDArray gram = cc.matMul(bc.transpose(0, 1, 3, 2)).expandDims(2);
    // Δₛ xₛ: [rows, chunks, heads, c, P].
    NDArray xdt =
        x.mul(dt.expandDims(-1)).reshape(n, chunks, chunk, heads, p).transpose(0, 1, 3, 2, 4);
    NDArray within = segment.mul(gram).matMul(xdt);

    // State at each chunk's end from its own inputs: Σₛ exp(L_end − Lₛ) Bₛ (Δₛ xₛ)ᵀ.
    NDArray end = cum.get(new NDIndex(":, :, :, -1:"));
    NDArray toEnd = end.sub(cum).exp().expandDims(-1);
    NDArray states = bc.transpose(0, 1, 3, 2).expandDims(2).matMul(xdt.mul(toEnd));
    NDArray chunkDecay = end.exp().reshape(n, chunks, heads, 1, 1);

    NDArray h = h0 != null ? h0 : m.zeros(new Shape(n, heads, s, p));
    NDList entering = new NDList();
    for (long k = 0; k < chunks; k++) {
      entering.add(h);
      NDIndex at = new NDIndex(":, {}", k);
      h = h.mul(chunkDecay.get(at)).add(states.get(at));
    }
    NDArray hIn = NDArrays.stack(entering, 1);
    NDArray carried = cc.expandDims(2).matMul(hIn).mul(cum.exp().expandDims(-1));
    NDArray y = within.add(carried).transpose(0, 1, 3, 2, 4).reshape(n, padded, heads, p);
    return padded > l ? y.get(new NDIndex(":, :{}", l)) : y;
  }

  /** 0 on and below the diagonal, a large negative number above: {@code [c, c]}. */
  private static NDArray upperMask(NDManager m, int chunk) {
    float[] v = new float[chunk * chunk];
    for (int t = 0; t < chunk; t++) {
      for (int s = t + 1; s < chunk; s++) {
        v[t * chunk + s] = Attention.MASKED;
      }
    }
    return m.create(v, new Shape(chunk, chunk));
  }

  /**
   * The step-by-step recurrence, for tests and for checking the chunked form.
   *
   * @return y {@code [rows, time, heads, P]}
   */
  public static NDArray recurrent(
      NDArray x, NDArray dt, NDArray a, NDArray b, NDArray c, NDArray h0) {
    check(x, dt, a, b, c);
    NDManager m = x.getManager();
    long n = x.getShape().get(0);
    long l = x.getShape().get(1);
    long heads = x.getShape().get(2);
    long p = x.getShape().get(3);
    long s = b.getShape().get(2);
    NDArray h = h0 != null ? h0 : m.zeros(new Shape(n, heads, s, p));
    NDList ys = new NDList();
    for (long t = 0; t < l; t++) {
      NDIndex at = new NDIndex(":, {}", t);
      NDArray dtT = dt.get(at); // [n, heads]
      NDArray decay = dtT.mul(a).exp().reshape(n, heads, 1, 1);
      NDArray input =
          b.get(at)
              .reshape(n, 1, s, 1)
              .mul(x.get(at).mul(dtT.expandDims(-1)).reshape(n, heads, 1, p));
      h = h.mul(decay).add(input);
      ys.add(c.get(at).reshape(n, 1, 1, s).matMul(h).reshape(n, heads, p));
    }
    return NDArrays.stack(ys, 1);
  }
}
