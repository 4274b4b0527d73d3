package io.delos.robots.dataset;

/**
 * A dataset that cannot be read or written as asked: an unknown format version, a shard whose
 * checksum disagrees with the manifest, a folder holding another collection. The message names the
 * file and what was found.
 */
public final class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public DatasetException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
