package io.delos.worldmodel.physsm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.delos.worldmodel.physsm.LatentVariable.Kind;
import java.util.List;

/**
 * How a declaration's extended latent is assembled and read, as constant matrices:
 *
 * <pre>
 *   z = s ⋅ P_state + sin(s ⋅ S_angle) ⋅ P_sin + cos(s ⋅ S_angle) ⋅ P_cos + 1_one
 *   visible(z) = z ⋅ V      (every entry but raw angles, divided by its scale)
 * </pre>
 *
 * <p>Shapes: s {@code [..., inferred]} in SI units, z {@code [..., latent]}, visible {@code [...,
 * visibleCount]}.
 */
final class LatentLayout {
  private final int n;
  private final int d;
  private final int angles;
  private final int visible;
  private final float[] placeState;
  private final float[] selectAngle;
  private final float[] placeSin;
  private final float[] placeCos;
  private final float[] one;
  private final float[] visibleScaled;
  private final float[] inferredScale;

  LatentLayout(PhysicsDeclaration declaration) {
    List<LatentVariable> latent = declaration.latent();
    n = latent.size();
    int[] inferred = declaration.inferredIndices();
    d = inferred.length;
    int[] vis = declaration.visibleIndices();
    visible = vis.length;
    int[] angleOf = new int[d];
    int count = 0;
    for (int i = 0; i < d; i++) {
      angleOf[i] = latent.get(inferred[i]).kind() == Kind.ANGLE ? count++ : -1;
    }
    angles = count;
    placeState = new float[d * n];
    selectAngle = new float[d * Math.max(1, angles)];
    placeSin = new float[Math.max(1, angles) * n];
    placeCos = new float[Math.max(1, angles) * n];
    one = new float[n];
    inferredScale = new float[d];
    for (int i = 0; i < d; i++) {
      placeState[i * n + inferred[i]] = 1;
      inferredScale[i] = (float) latent.get(inferred[i]).scale();
      if (angleOf[i] >= 0) {
        selectAngle[i * angles + angleOf[i]] = 1;
      }
    }
    for (int j = 0; j < n; j++) {
      LatentVariable v = latent.get(j);
      if (v.kind() == Kind.SIN || v.kind() == Kind.COS) {
        int source = declaration.indexOf(v.source());
        int a = -1;
        for (int i = 0; i < d; i++) {
          if (inferred[i] == source) {
            a = angleOf[i];
          }
        }
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

  /** Number of inferred variables. */
  int inferredSize() {
    return d;
  }

  /** Number of entries networks read. */
  int visibleSize() {
    return visible;
  }

  /** Scales of the inferred variables, {@code [inferred]}. */
  NDArray inferredScale(NDManager m) {
    return m.create(inferredScale);
  }

  /** The extended latent z of states s, {@code [..., inferred] -> [..., latent]}. */
  NDArray extend(NDArray s) {
    NDManager m = s.getManager();
    NDArray z = s.matMul(m.create(placeState, new Shape(d, n))).add(m.create(one));
    if (angles > 0) {
      NDArray a = s.matMul(m.create(selectAngle, new Shape(d, angles)));
      z =
          z.add(a.sin().matMul(m.create(placeSin, new Shape(angles, n))))
              .add(a.cos().matMul(m.create(placeCos, new Shape(angles, n))));
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
