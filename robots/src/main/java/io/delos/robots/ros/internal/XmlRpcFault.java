package io.delos.robots.ros.internal;

/** An XML-RPC fault response: the server could not run the call at all. */
public final class XmlRpcFault extends Exception {
  private static final long serialVersionUID = 1L;

  private final int code;

  /**
   * Creates the fault.
   *
   * @param code the fault code
   * @param message the fault string
   */
  public XmlRpcFault(int code, String message) {
    super(message);
    this.code = code;
  }

  /** The fault code. */
  public int code() {
    return code;
  }
}
