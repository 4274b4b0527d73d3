package io.delos.worldmodel.physsm;

/**
 * The forecasters compared in the Phy-SSM evaluation: the method, its baselines and its ablations
 * (Wang, Zhao et al., ICML 2025, arXiv 2507.10792, experiments).
 */
public enum Arm {
  /** Phy-SSM: S5 encoder, latent extension, the Phy-SSM unit with the declared physics, λ > 0. */
  PHY_SSM("Phy-SSM"),
  /**
   * S5 alone: the same network with no known physics (every entry of A and B unknown, the known
   * matrices zero).
   */
  S5("S5 (no physics)"),
  /**
   * A latent ODE in the style of GOKU-net (Linial et al., CHIL 2021): the encoder infers the
   * initial latent state and static parameters, a learned vector field is integrated by RK4 with
   * each step's own gap, and a decoder maps back to observations.
   */
  LATENT_ODE("Latent ODE (GOKU-style)"),
  /** Phy-SSM without the physics state regulariser (λ = 0). */
  NO_REGULARISER("Phy-SSM, λ = 0"),
  /**
   * Phy-SSM without the unit: the encoder reads the whole grid (measurements where they exist,
   * actions everywhere) and its posterior, extended with the known features, is decoded directly.
   */
  NO_UNIT("Phy-SSM without the unit");

  private final String label;

  Arm(String label) {
    this.label = label;
  }

  /** How reports name the arm. */
  public String label() {
    return label;
  }
}
