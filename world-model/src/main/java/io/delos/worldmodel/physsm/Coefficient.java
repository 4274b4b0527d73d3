package io.delos.worldmodel.physsm;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * One known entry of A_known(z) or B_known(z) in the Phy-SSM unit, as a function of the extended
 * latent state z.
 *
 * <p>Three forms: a constant, a constant times one latent variable (the common case: the entry of d
 * sin θ/dt in the column of cos θ is ω), and a general function of the whole state. Constants and
 * linear entries are evaluated for a whole batch with one matrix product; general functions are
 * evaluated one by one.
 *
 * <p>Units: an entry of A in row i and column j has the unit of (unit of z_i) / (unit of z_j) / s;
 * an entry of B in row i and action column j has the unit of (unit of z_i) / (unit of u_j) / s.
 */
public sealed interface Coefficient
    permits Coefficient.Constant, Coefficient.Linear, Coefficient.Function {

  /** A human-readable form, for error messages and reports. */
  String describe();

  /**
   * A constant entry.
   *
   * @param value the entry, in the unit stated on {@link Coefficient}
   */
  static Coefficient constant(double value) {
    return new Constant(value);
  }

  /**
   * The entry {@code factor · z[variable]}.
   *
   * @param variable a latent variable's name
   * @param factor multiplies the variable
   */
  static Coefficient linear(String variable, double factor) {
    return new Linear(variable, factor);
  }

  /** The entry {@code z[variable]}. */
  static Coefficient of(String variable) {
    return new Linear(variable, 1);
  }

  /**
   * A general function of the state.
   *
   * @param description what it computes, for example {@code "tan(δ)/L · cos ψ"}
   * @param function computes the entry for a batch of states
   */
  static Coefficient function(String description, StateFunction function) {
    return new Function(description, function);
  }

  /**
   * A function of a batch of latent states, giving one value per state.
   *
   * <p>Implementations use only differentiable NDArray operations so that gradients flow through
   * them.
   */
  @FunctionalInterface
  interface StateFunction {
    /**
     * Evaluates the function.
     *
     * @param z the batch of extended latent states, read by variable name
     * @return {@code [batch]}
     */
    NDArray apply(LatentView z);
  }

  /**
   * Reads variables of a batch of latent states by name.
   *
   * <p>Shapes: the state is {@code [batch, latent]}; {@link #get} returns {@code [batch]}.
   */
  interface LatentView {
    /**
     * Variable {@code name} for every state of the batch, {@code [batch]}.
     *
     * @throws IllegalArgumentException when there is no such variable
     */
    NDArray get(String name);

    /**
     * The value of {@code f} on this batch, computed once per step when several entries share it
     * (for example a yaw rate used in four entries).
     */
    default NDArray shared(StateFunction f) {
      return f.apply(this);
    }
  }

  /**
   * A constant entry.
   *
   * @param value the entry's value, finite
   */
  record Constant(double value) implements Coefficient {
    /** Validates the value. */
    public Constant {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("constant coefficient = " + value + ": must be finite");
      }
    }

    @Override
    public String describe() {
      return Double.toString(value);
    }
  }

  /**
   * The entry {@code factor · z[variable]}.
   *
   * @param variable a latent variable's name
   * @param factor finite multiplier
   */
  record Linear(String variable, double factor) implements Coefficient {
    /** Validates the fields. */
    public Linear {
      Objects.requireNonNull(variable, "variable");
      if (!Double.isFinite(factor)) {
        throw new IllegalArgumentException(
            "factor of '" + variable + "' = " + factor + ": must be finite");
      }
    }

    @Override
    public String describe() {
      return factor == 1 ? variable : factor + "·" + variable;
    }
  }

  /**
   * A general function of the state.
   *
   * @param description what the function computes
   * @param function the function
   */
  record Function(String description, StateFunction function) implements Coefficient {
    /** Validates the fields. */
    public Function {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(function, "function");
    }

    @Override
    public String describe() {
      return description;
    }
  }
}
