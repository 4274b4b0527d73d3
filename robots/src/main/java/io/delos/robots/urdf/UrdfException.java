package io.delos.robots.urdf;

/** A URDF file Delos cannot import; the message names the file, the link or joint and why. */
public final class UrdfException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public UrdfException(String message) {
    super(message);
  }
}
