package io.delos.worldmodel.sensing;

/**
 * A saved SPAR model that cannot be loaded: nothing in the folder, another format or version, or
 * damaged or mismatched parameters.
 */
public final class SparCheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public SparCheckpointException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public SparCheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
