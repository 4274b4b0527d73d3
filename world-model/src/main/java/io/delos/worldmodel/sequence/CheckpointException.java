package io.delos.worldmodel.sequence;

/** A checkpoint that cannot be read: wrong format, unknown version, or damaged. */
public final class CheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public CheckpointException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
