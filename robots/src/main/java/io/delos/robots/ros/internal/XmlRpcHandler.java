package io.delos.robots.ros.internal;

import java.util.List;

/** Answers XML-RPC calls for an {@link XmlRpcServer}. */
@FunctionalInterface
public interface XmlRpcHandler {
  /**
   * Runs one call.
   *
   * @param method the method name
   * @param params the parameters
   * @return the result value
   * @throws XmlRpcFault to answer with a fault (unknown method, wrong parameters)
   */
  Object handle(String method, List<Object> params) throws XmlRpcFault;
}
