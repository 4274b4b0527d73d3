package io.delos.worldmodel.physsm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.delos.worldmodel.data.Normalizer;
import io.delos.worldmodel.physsm.internal.Gaussian;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples padded into named tensors, the input of every forecasting network.
 *
 * <p>Times are shifted so that each sample's first encoder point is at 0. Padding carries mask 0
 * and gap 0 (a zero gap holds every integrator's state). Names and shapes (Te encoder points, Tr
 * rollout points, o observations, m actions, n latent):
 *
 * <ul>
 *   <li>{@code encTimes, encGapF, encGapB, encMask} {@code [batch, Te]}; {@code encObs} {@code
 *       [batch, Te, o]} normalised; {@code encActs} {@code [batch, Te, m]} SI
 *   <li>{@code rollTimes, rollGap, rollCellGap, rollGapF, rollGapB, rollMask, rollSeen} {@code
 *       [batch, Tr]}; {@code rollObs} {@code [batch, Tr, o]} normalised at encoder points, 0
 *       elsewhere; {@code rollActs} {@code [batch, Tr, m]} SI
 *   <li>{@code targets} {@code [batch, Tr, o]} normalised; {@code targetMask} {@code [batch, Tr]}
 *   <li>{@code encToRoll} {@code [batch, Te, n]} int64 (each encoder point's rollout index,
 *       repeated over n); {@code encToRollMatrix} {@code [batch, Tr, Te]}, 1 where rollout point k
 *       is encoder point j (places encoder values on the rollout grid by a product)
 *   <li>{@code epsEnc} {@code [batch, Te, 2n]}, {@code epsRoll} {@code [batch, Tr, 2n]}, {@code
 *       epsGlobal} {@code [batch, 2n + 16]}: standard normal draws for sampling posteriors (zero
 *       when not training; an encoding has at most 2n entries)
 * </ul>
 */
final class ForecastBatch {
  private ForecastBatch() {}

  /**
   * Builds the tensors.
   *
   * @param samples the sequences
   * @param normalizer observation statistics
   * @param nominalGap gap used where a sequence has a single point, s
   * @param latent n, the width of the noise tensors
   * @param random source of the posterior noise, or {@code null} for zero noise
   */
  static NDList of(
      NDManager mg,
      List<Sample> samples,
      Normalizer normalizer,
      double nominalGap,
      int latent,
      SplittableRandom random) {
    int b = samples.size();
    int o = normalizer.width();
    int m = samples.get(0).encActs.length / Math.max(1, samples.get(0).encLength());
    int te = 0;
    int tr = 0;
    for (Sample s : samples) {
      te = Math.max(te, s.encLength());
      tr = Math.max(tr, s.rollLength());
    }
    double[] mean = normalizer.mean();
    double[] std = normalizer.std();
    float[] encTimes = new float[b * te];
    float[] encGapF = new float[b * te];
    float[] encGapB = new float[b * te];
    float[] encMask = new float[b * te];
    float[] encObs = new float[b * te * o];
    float[] encActs = new float[b * te * m];
    float[] rollTimes = new float[b * tr];
    float[] rollGap = new float[b * tr];
    float[] rollCellGap = new float[b * tr];
    float[] rollGapF = new float[b * tr];
    float[] rollGapB = new float[b * tr];
    float[] rollMask = new float[b * tr];
    float[] rollSeen = new float[b * tr];
    float[] rollObs = new float[b * tr * o];
    float[] rollActs = new float[b * tr * m];
    float[] targets = new float[b * tr * o];
    float[] targetMask = new float[b * tr];
    long[] encToRoll = new long[b * te * latent];
    float[] encToRollMatrix = new float[b * tr * te];
    for (int i = 0; i < b; i++) {
      Sample s = samples.get(i);
      double t0 = s.encTimes[0];
      int ne = s.encLength();
      int nr = s.rollLength();
      gaps(s.encTimes, t0, nominalGap, encTimes, encGapF, encGapB, i * te);
      for (int k = 0; k < ne; k++) {
        encMask[i * te + k] = 1;
        for (int c = 0; c < o; c++) {
          float v = (float) ((s.encObs[k * o + c] - mean[c]) / std[c]);
          encObs[(i * te + k) * o + c] = v;
          rollObs[(i * tr + s.encToRoll[k]) * o + c] = v;
        }
        for (int c = 0; c < m; c++) {
          encActs[(i * te + k) * m + c] = (float) s.encActs[k * m + c];
        }
        rollSeen[i * tr + s.encToRoll[k]] = 1;
        encToRollMatrix[(i * tr + s.encToRoll[k]) * te + k] = 1;
        for (int j = 0; j < latent; j++) {
          encToRoll[(i * te + k) * latent + j] = s.encToRoll[k];
        }
      }
      gaps(s.rollTimes, t0, nominalGap, rollTimes, rollGapF, rollGapB, i * tr);
      for (int k = 0; k < nr; k++) {
        rollMask[i * tr + k] = 1;
        rollGap[i * tr + k] = k == 0 ? 0 : rollGapF[i * tr + k];
        rollCellGap[i * tr + k] = rollGapF[i * tr + k];
        for (int c = 0; c < m; c++) {
          rollActs[(i * tr + k) * m + c] = (float) s.rollActs[k * m + c];
        }
        if (s.targets != null) {
          targetMask[i * tr + k] = s.targetMask[k] ? 1 : 0;
          for (int c = 0; c < o; c++) {
            targets[(i * tr + k) * o + c] = (float) ((s.targets[k * o + c] - mean[c]) / std[c]);
          }
        }
      }
      // Padding repeats the last time, so lags stay finite and gaps stay zero.
      for (int k = ne; k < te; k++) {
        encTimes[i * te + k] = encTimes[i * te + ne - 1];
      }
      for (int k = nr; k < tr; k++) {
        rollTimes[i * tr + k] = rollTimes[i * tr + nr - 1];
      }
    }
    NDList out = new NDList();
    add(out, mg, "encTimes", encTimes, b, te);
    add(out, mg, "encGapF", encGapF, b, te);
    add(out, mg, "encGapB", encGapB, b, te);
    add(out, mg, "encMask", encMask, b, te);
    add(out, mg, "encObs", encObs, b, te, o);
    add(out, mg, "encActs", encActs, b, te, m);
    add(out, mg, "rollTimes", rollTimes, b, tr);
    add(out, mg, "rollGap", rollGap, b, tr);
    add(out, mg, "rollCellGap", rollCellGap, b, tr);
    add(out, mg, "rollGapF", rollGapF, b, tr);
    add(out, mg, "rollGapB", rollGapB, b, tr);
    add(out, mg, "rollMask", rollMask, b, tr);
    add(out, mg, "rollSeen", rollSeen, b, tr);
    add(out, mg, "rollObs", rollObs, b, tr, o);
    add(out, mg, "rollActs", rollActs, b, tr, m);
    add(out, mg, "targets", targets, b, tr, o);
    add(out, mg, "targetMask", targetMask, b, tr);
    NDArray index = mg.create(encToRoll, new Shape(b, te, latent));
    index.setName("encToRoll");
    out.add(index);
    add(out, mg, "encToRollMatrix", encToRollMatrix, b, tr, te);
    add(out, mg, "epsEnc", noise(random, b * te * 2 * latent), b, te, 2 * latent);
    add(out, mg, "epsRoll", noise(random, b * tr * 2 * latent), b, tr, 2 * latent);
    add(out, mg, "epsGlobal", noise(random, b * (2 * latent + 16)), b, 2 * latent + 16);
    return out;
  }

  private static float[] noise(SplittableRandom random, int count) {
    return random == null ? new float[count] : Gaussian.draw(random, count);
  }

  /** Shifted times and both gap conventions of one sequence, written at {@code offset}. */
  private static void gaps(
      double[] t,
      double t0,
      double nominal,
      float[] times,
      float[] gapF,
      float[] gapB,
      int offset) {
    int n = t.length;
    for (int k = 0; k < n; k++) {
      times[offset + k] = (float) (t[k] - t0);
    }
    for (int k = 0; k < n; k++) {
      double before = k > 0 ? t[k] - t[k - 1] : (n > 1 ? t[1] - t[0] : nominal);
      double after = k + 1 < n ? t[k + 1] - t[k] : (n > 1 ? t[n - 1] - t[n - 2] : nominal);
      gapF[offset + k] = (float) before;
      gapB[offset + k] = (float) after;
    }
  }

  private static void add(NDList out, NDManager mg, String name, float[] v, long... shape) {
    NDArray a = mg.create(v, new Shape(shape));
    a.setName(name);
    out.add(a);
  }
}
