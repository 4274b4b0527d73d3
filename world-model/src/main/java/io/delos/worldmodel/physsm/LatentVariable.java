package io.delos.worldmodel.physsm;

import java.util.Objects;

/**
 * One entry of the Phy-SSM extended latent state z = [s, φ(s)]: a state variable s_i that the
 * encoder infers, or a known feature φ computed from the state variables.
 *
 * @param name unique within a declaration, for example {@code "omega"} or {@code "sin(theta)"}
 * @param kind what the entry is
 * @param source for {@link Kind#SIN} and {@link Kind#COS}, the angle it is taken of; otherwise
 *     {@code null}
 * @param scale typical magnitude in the variable's SI unit, > 0; networks read {@code z / scale}
 */
public record LatentVariable(String name, Kind kind, String source, double scale) {
  /** What a latent entry is. */
  public enum Kind {
    /** A state variable inferred by the encoder and read by the networks. */
    STATE,
    /**
     * An angle (rad) inferred by the encoder; networks read only its sine and cosine features, so
     * that predictions do not depend on how many turns it has made.
     */
    ANGLE,
    /** The feature sin(source), dimensionless. */
    SIN,
    /** The feature cos(source), dimensionless. */
    COS,
    /** The constant feature 1, for affine terms. */
    ONE;

    /** Whether the encoder infers this entry (it is not computed from others). */
    public boolean inferred() {
      return this == STATE || this == ANGLE;
    }
  }

  /** Validates the fields. */
  public LatentVariable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (name.isBlank()) {
      throw new IllegalArgumentException("latent variable name is blank");
    }
    if ((kind == Kind.SIN || kind == Kind.COS) != (source != null)) {
      throw new IllegalArgumentException(
          "latent variable '"
              + name
              + "' of kind "
              + kind
              + ": a source angle is required for SIN and COS and allowed only there");
    }
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException(
          "scale of '" + name + "' = " + scale + ": must be a finite number > 0 (SI unit)");
    }
  }

  /** Whether networks (decoder, sequence networks) read this entry; raw angles are hidden. */
  public boolean visible() {
    return kind != Kind.ANGLE;
  }
}
