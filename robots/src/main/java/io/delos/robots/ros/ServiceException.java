package io.delos.robots.ros;

/**
 * A service call that failed: the handler reported an error (its message is sent to the caller),
 * the service is not registered, or the connection broke.
 */
public class ServiceException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the message sent to, or received from, the other side. */
  public ServiceException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public ServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
