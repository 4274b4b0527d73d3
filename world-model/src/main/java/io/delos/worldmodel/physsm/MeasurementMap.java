package io.delos.worldmodel.physsm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.delos.worldmodel.data.Normalizer;
import io.delos.worldmodel.physsm.LatentVariable.Kind;
import java.util.List;

/**
 * The declared measurement model: which observation channels measure which latent entries directly.
 * It gives the decoder its known part and the encoder its starting point, so the latent state is in
 * physical units from the first training step; networks learn only corrections.
 *
 * <pre>
 *   decoder:  ŷ = (C z − μ)/σ + MLP(visible z)          (normalised observations)
 *   encoder:  e = D (y − μ)/σ + d₀ + head(S5(...))       (the encoding of the posterior mean)
 * </pre>
 *
 * <p>A channel measuring a state variable contributes y/scale to its slot; channels measuring sin θ
 * and cos θ give the angle's direction (a, b). Without declared observations (the S5 baseline) both
 * known parts are zero.
 *
 * <p>Shapes: observations {@code [..., o]}, encoding {@code [..., encoded]}, latent {@code [...,
 * latent]}.
 */
final class MeasurementMap {
  private final int o;
  private final int n;
  private final int encoded;
  private final boolean any;
  private final float[] direct;
  private final float[] directOffset;
  private final float[] known;
  private final float[] knownOffset;

  MeasurementMap(PhysicsDeclaration declaration, LatentLayout layout, Normalizer normalizer) {
    this.o = normalizer.width();
    this.n = layout.latentSize();
    this.encoded = layout.encodedSize();
    if (!declaration.observations().isEmpty() && declaration.observations().size() != o) {
      throw new IllegalArgumentException(
          "declaration '"
              + declaration.system()
              + "' names "
              + declaration.observations().size()
              + " observation channels but the data have "
              + o);
    }
    double[] mean = normalizer.mean();
    double[] std = normalizer.std();
    List<LatentVariable> latent = declaration.latent();
    direct = new float[o * encoded];
    directOffset = new float[encoded];
    known = new float[n * o];
    knownOffset = new float[o];
    boolean found = false;
    for (int c = 0; c < o; c++) {
      String name = declaration.measuredBy(c);
      if (name == null) {
        continue;
      }
      found = true;
      int j = declaration.indexOf(name);
      known[j * o + c] = (float) (1 / std[c]);
      knownOffset[c] = (float) (-mean[c] / std[c]);
      LatentVariable v = latent.get(j);
      int slot;
      double scale;
      if (v.kind() == Kind.SIN || v.kind() == Kind.COS) {
        int first = layout.slotOf(declaration.indexOf(v.source()));
        slot = v.kind() == Kind.SIN ? first : first + 1;
        scale = 1;
      } else if (v.kind() == Kind.STATE) {
        slot = layout.slotOf(j);
        scale = v.scale();
      } else {
        continue;
      }
      direct[c * encoded + slot] += (float) (std[c] / scale);
      directOffset[slot] += (float) (mean[c] / scale);
    }
    this.any = found;
  }

  /** Whether any channel is declared as a direct measurement. */
  boolean any() {
    return any;
  }

  /** The encoding the measurements alone give, {@code [..., o] -> [..., encoded]}. */
  NDArray encode(NDArray normalisedObservations) {
    NDManager m = normalisedObservations.getManager();
    return normalisedObservations
        .matMul(m.create(direct, new Shape(o, encoded)))
        .add(m.create(directOffset));
  }

  /** The known part of the decoder, {@code [..., latent] -> [..., o]} normalised. */
  NDArray decode(NDArray z) {
    NDManager m = z.getManager();
    return z.matMul(m.create(known, new Shape(n, o))).add(m.create(knownOffset));
  }
}
