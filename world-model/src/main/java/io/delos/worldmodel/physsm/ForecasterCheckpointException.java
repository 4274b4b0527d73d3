package io.delos.worldmodel.physsm;

/**
 * A saved forecaster that cannot be loaded: no forecaster in the folder, an unknown format version,
 * damaged parameters, or a physics declaration that no longer matches this build's.
 */
public final class ForecasterCheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public ForecasterCheckpointException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public ForecasterCheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
