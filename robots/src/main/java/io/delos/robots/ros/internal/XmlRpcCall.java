package io.delos.robots.ros.internal;

import java.util.List;
import java.util.Objects;

/**
 * A decoded XML-RPC method call.
 *
 * @param method the method name
 * @param params the parameters (see {@link XmlRpcCodec} for the Java types)
 */
public record XmlRpcCall(String method, List<Object> params) {
  /** Validates the call. */
  public XmlRpcCall {
    Objects.requireNonNull(method, "method");
    params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
  }
}
