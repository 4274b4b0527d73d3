package io.delos.worldmodel.physsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhysicsDeclarationTest {
  /** Float32 evaluation of known entries, in the entries' units. */
  private static final double FLOAT_TOLERANCE = 1e-5;

  private static List<PhysicsDeclaration> all() {
    return List.of(
        KnownPhysics.pendulum(10, 1),
        KnownPhysics.cartPole(),
        KnownPhysics.planarQuadrotor(9.81),
        KnownPhysics.car(0.35));
  }

  @Test
  void everyShippedDeclarationKeepsKnownAndUnknownSupportsDisjoint() {
    for (PhysicsDeclaration d : all()) {
      boolean[][] ma = d.maskA();
      boolean[][] mb = d.maskB();
      for (PhysicsDeclaration.Entry e : d.knownA().keySet()) {
        assertThat(ma[d.indexOf(e.row())][d.indexOf(e.column())])
            .as("%s: A%s known and masked", d.system(), e)
            .isFalse();
      }
      for (PhysicsDeclaration.Entry e : d.knownB().keySet()) {
        assertThat(mb[d.indexOf(e.row())][d.actions().indexOf(e.column())])
            .as("%s: B%s known and masked", d.system(), e)
            .isFalse();
      }
      assertThat(d.unknownCount()).as(d.system()).isPositive();
    }
  }

  @Test
  void anOverlappingDeclarationIsRefusedNamingTheEntry() {
    PhysicsDeclaration.Builder b =
        PhysicsDeclaration.builder("bad pendulum")
            .angle("theta", Math.PI)
            .state("omega", 4)
            .sinCos("theta")
            .action("torque", 2)
            .knownA("theta", "omega", Coefficient.constant(1))
            .knownA("omega", "sin(theta)", Coefficient.constant(15))
            .unknownA("omega", "sin(theta)", "omega")
            .unknownB("omega", "torque");
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A[omega, sin(theta)]")
        .hasMessageContaining("both known (15.0) and unknown")
        .hasMessageContaining("disjoint");
  }

  @Test
  void anOverlapInBIsRefusedToo() {
    PhysicsDeclaration.Builder b =
        PhysicsDeclaration.builder("bad")
            .state("v", 1)
            .action("force", 1)
            .knownB("v", "force", Coefficient.constant(2))
            .unknownB("v", "force");
    assertThatThrownBy(b::build).hasMessageContaining("B[v, force]").hasMessageContaining("M_B");
  }

  @Test
  void unknownNamesTheConstantRowAndUndeclaredAnglesAreRefused() {
    assertThatThrownBy(
            () ->
                PhysicsDeclaration.builder("typo")
                    .state("omega", 1)
                    .action("u", 1)
                    .knownA("omgea", "omega", Coefficient.constant(1))
                    .build())
        .hasMessageContaining("row 'omgea' is not a latent variable");
    assertThatThrownBy(
            () ->
                PhysicsDeclaration.builder("constant")
                    .state("x", 1)
                    .one()
                    .action("u", 1)
                    .unknownA("1", "x")
                    .build())
        .hasMessageContaining("constant feature '1' has zero derivative");
    assertThatThrownBy(
            () ->
                PhysicsDeclaration.builder("no angle")
                    .state("x", 1)
                    .sinCos("x")
                    .action("u", 1)
                    .build())
        .hasMessageContaining("which is not an angle");
    assertThatThrownBy(
            () ->
                PhysicsDeclaration.builder("linear")
                    .state("x", 1)
                    .action("u", 1)
                    .knownA("x", "x", Coefficient.linear("y", 2))
                    .build())
        .hasMessageContaining("'y' is not a latent variable");
  }

  @Test
  void withoutPhysicsLeavesEveryEntryUnknownAndNothingKnown() {
    PhysicsDeclaration d = KnownPhysics.planarQuadrotor(9.81).withoutPhysics();
    int n = d.latentSize();
    assertThat(d.knownA()).isEmpty();
    assertThat(d.knownB()).isEmpty();
    assertThat(d.unknownA()).hasSize(n * n);
    assertThat(d.unknownB()).hasSize(n * d.actionSize());
    assertThat(d.latent()).isEqualTo(KnownPhysics.planarQuadrotor(9.81).latent());
  }

  @Test
  void pendulumKnownPartIsTheFrictionlessUnforcedRodPendulum() {
    PhysicsDeclaration d = KnownPhysics.pendulum(10, 1);
    double theta = 0.7;
    double omega = -1.3;
    double[] z = {theta, omega, Math.sin(theta), Math.cos(theta)};
    double[] dz = knownDerivative(d, z);
    assertThat(dz[0]).isCloseTo(omega, within(FLOAT_TOLERANCE));
    assertThat(dz[1]).isCloseTo(15 * Math.sin(theta), within(FLOAT_TOLERANCE));
    assertThat(dz[2]).isCloseTo(omega * Math.cos(theta), within(FLOAT_TOLERANCE));
    assertThat(dz[3]).isCloseTo(-omega * Math.sin(theta), within(FLOAT_TOLERANCE));
  }

  @Test
  void carKnownPartIsTheKinematicBicycle() {
    PhysicsDeclaration d = KnownPhysics.car(0.35);
    double psi = 0.4;
    double speed = 1.5;
    double delta = 0.2;
    double vx = speed * Math.cos(psi);
    double vy = speed * Math.sin(psi);
    double[] z = {2, -1, psi, vx, vy, delta, delta, Math.sin(psi), Math.cos(psi), 1};
    double[] dz = knownDerivative(d, z);
    double yawRate = speed * Math.tan(delta) / 0.35;
    assertThat(dz[0]).isCloseTo(vx, within(FLOAT_TOLERANCE));
    assertThat(dz[1]).isCloseTo(vy, within(FLOAT_TOLERANCE));
    assertThat(dz[2]).isCloseTo(yawRate, within(FLOAT_TOLERANCE));
    // The velocity turns with the heading at the bicycle's yaw rate.
    assertThat(dz[3]).isCloseTo(-yawRate * vy, within(FLOAT_TOLERANCE));
    assertThat(dz[4]).isCloseTo(yawRate * vx, within(FLOAT_TOLERANCE));
    assertThat(dz[7]).isCloseTo(yawRate * Math.cos(psi), within(FLOAT_TOLERANCE));
    assertThat(dz[8]).isCloseTo(-yawRate * Math.sin(psi), within(FLOAT_TOLERANCE));
    assertThat(dz[9]).isZero();
  }

  @Test
  void quadrotorKnownPartHasGravityAndKinematics() {
    PhysicsDeclaration d = KnownPhysics.planarQuadrotor(9.81);
    double phi = -0.2;
    double[] z = {0.5, 1.5, phi, 0.3, -0.4, 1.1, Math.sin(phi), Math.cos(phi), 1};
    double[] dz = knownDerivative(d, z);
    assertThat(dz[0]).isCloseTo(0.3, within(FLOAT_TOLERANCE));
    assertThat(dz[1]).isCloseTo(-0.4, within(FLOAT_TOLERANCE));
    assertThat(dz[2]).isCloseTo(1.1, within(FLOAT_TOLERANCE));
    assertThat(dz[4]).isCloseTo(-9.81, within(FLOAT_TOLERANCE));
    assertThat(dz[3]).isZero();
    assertThat(dz[5]).isZero();
  }

  /** A_known(z) z for one state, through the same tensors the unit uses. */
  static double[] knownDerivative(PhysicsDeclaration d, double[] z) {
    int n = d.latentSize();
    int width = d.flatWidth();
    try (NDManager mg = NDManager.newBaseManager()) {
      NDArray state = mg.create(toFloat(z), new Shape(1, n));
      NDArray flat =
          mg.ones(new Shape(1, 1))
              .concat(state, 1)
              .matMul(mg.create(toFloat(d.knownAffine()), new Shape(n + 1, width)));
      for (PhysicsDeclaration.FunctionEntry e : d.knownFunctions()) {
        NDArray v = e.function().apply(name -> state.get(":, {}", d.indexOf(name)));
        float[] add = new float[width];
        add[e.flatIndex()] = v.getFloat(0);
        flat = flat.add(mg.create(add, new Shape(1, width)));
      }
      NDArray a = flat.get(":, :{}", n * n).reshape(n, n);
      float[] dz = a.matMul(state.reshape(n, 1)).toFloatArray();
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = dz[i];
      }
      return out;
    }
  }

  private static float[] toFloat(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }
}
