package io.delos.robots.ros;

/**
 * A ROS master or slave API call answered with a status other than success (ROS status 0 "failure"
 * or -1 "error"), or with an XML-RPC fault.
 */
public final class RosRpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final int code;

  /**
   * Creates the exception.
   *
   * @param method the API method, for example {@code "lookupService"}
   * @param code the ROS status code (0 or -1), or the fault code
   * @param statusMessage the status message of the reply
   */
  public RosRpcException(String method, int code, String statusMessage) {
    super(method + " failed (status " + code + "): " + statusMessage);
    this.method = method;
    this.code = code;
  }

  /** The API method that failed. */
  public String method() {
    return method;
  }

  /** The ROS status code of the reply. */
  public int code() {
    return code;
  }
}
