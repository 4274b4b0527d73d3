package io.delos.worldmodel.physsm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.delos.worldmodel.physsm.LatentVariable.Kind;
import java.util.List;

/**
 * How a declaration's extended latent is assembled from an encoder's output and read by networks,
 * as constant matrices.
 *
 * <p>The encoding e holds one normalised slot per state variable (s_i = scale_i · e_i) and two per
 * angle: a point (a, b) of the plane whose direction is the angle, so that sin θ = a/r, cos θ = b/r
 * (r = √(a² + b²)) and θ = atan2(a, b). Encoding angles by direction has no wrap-around: a pendulum
 * hanging at θ ≈ ±π is as easy to encode as one standing at 0.
 *
 * <pre>
 *   z = e ⋅ P_state + (a/r) ⋅ P_sin + (b/r) ⋅ P_cos + atan2(a, b) ⋅ P_angle + 1_one
 *   visible(z) = z ⋅ V      (every entry but raw angles, divided by its scale)
 * </pre>
 *
 * <p>Raw angles enter z without a gradient: nothing downstream reads them but their own kinematics.
 * Shapes: e {@code [..., encoded]}, z {@code [..., latent]}, visible {@code [..., visibleCount]}.
 */
final class LatentLayout {
  private final int n;
  private final int encoded;
  private final int angles;
  private final int visible;
  private final float[] placeState;
  private final float[] selectA;
  private final float[] selectB;
  private final float[] placeAngle;
  private final float[] placeSin;
  private final float[] placeCos;
  private final float[] one;
  private final float[] visibleScaled;
  private final int[] slotOf;

  LatentLayout(PhysicsDeclaration declaration) {
    List<LatentVariable> latent = declaration.latent();
    n = latent.size();
    int[] inferred = declaration.inferredIndices();
    int[] vis = declaration.visibleIndices();
    visible = vis.length;
    int angleCount = 0;
    int slots = 0;
    for (int i : inferred) {
      if (latent.get(i).kind() == Kind.ANGLE) {
        angleCount++;
        slots += 2;
      } else {
        slots++;
      }
    }
    angles = angleCount;
    encoded = slots;
    int na = Math.max(1, angles);
    placeState = new float[encoded * n];
    selectA = new float[encoded * na];
    selectB = new float[encoded * na];
    placeAngle = new float[na * n];
    placeSin = new float[na * n];
    placeCos = new float[na * n];
    one = new float[n];
    slotOf = new int[n];
    java.util.Arrays.fill(slotOf, -1);
    int slot = 0;
    int angle = 0;
    int[] angleOfLatent = new int[n];
    java.util.Arrays.fill(angleOfLatent, -1);
    for (int i : inferred) {
      LatentVariable v = latent.get(i);
      if (v.kind() == Kind.ANGLE) {
        selectA[slot * na + angle] = 1;
        selectB[(slot + 1) * na + angle] = 1;
        placeAngle[angle * n + i] = 1;
        angleOfLatent[i] = angle;
        slotOf[i] = slot;
        slot += 2;
        angle++;
      } else {
        placeState[slot * n + i] = (float) v.scale();
        slotOf[i] = slot;
        slot++;
      }
    }
    for (int j = 0; j < n; j++) {
      LatentVariable v = latent.get(j);
      if (v.kind() == Kind.SIN || v.kind() == Kind.COS) {
        int a = angleOfLatent[declaration.indexOf(v.source())];
        (v.kind() == Kind.SIN ? placeSin : placeCos)[a * n + j] = 1;
      } else if (v.kind() == Kind.ONE) {
        one[j] = 1;
      }
    }
    visibleScaled = new float[n * visible];
    for (int k = 0; k < visible; k++) {
      visibleScaled[vis[k] * visible + k] = (float) (1 / latent.get(vis[k]).scale());
    }
  }

  /** Size of the extended latent. */
  int latentSize() {
    return n;
  }

  /** Width of the encoding: one slot per state variable, two per angle. */
  int encodedSize() {
    return encoded;
  }

  /**
   * The encoding slot of latent entry {@code i}: a state variable's slot, an angle's first (a)
   * slot; −1 for features.
   */
  int slotOf(int i) {
    return slotOf[i];
  }

  /** Number of entries networks read. */
  int visibleSize() {
    return visible;
  }

  /** The extended latent z of an encoding e, {@code [..., encoded] -> [..., latent]}. */
  NDArray extend(NDArray e) {
    NDManager m = e.getManager();
    NDArray z = e.matMul(m.create(placeState, new Shape(encoded, n))).add(m.create(one));
    if (angles > 0) {
      NDArray a = e.matMul(m.create(selectA, new Shape(encoded, angles)));
      NDArray b = e.matMul(m.create(selectB, new Shape(encoded, angles)));
      NDArray r = a.square().add(b.square()).add(1e-6f).sqrt();
      z =
          z.add(a.div(r).matMul(m.create(placeSin, new Shape(angles, n))))
              .add(b.div(r).matMul(m.create(placeCos, new Shape(angles, n))))
              .add(a.atan2(b).stopGradient().matMul(m.create(placeAngle, new Shape(angles, n))));
    }
    return z;
  }

  /**
   * The entries networks read, divided by their scales, {@code [..., latent] -> [..., visible]}.
   */
  NDArray visible(NDArray z) {
    return z.matMul(z.getManager().create(visibleScaled, new Shape(n, visible)));
  }
}
