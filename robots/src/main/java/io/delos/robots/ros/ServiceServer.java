package io.delos.robots.ros;

import java.net.URI;

/**
 * A service offered by this node over TCPROS; it answers {@code probe} connections (as {@code
 * rosservice} makes) and keeps persistent connections open.
 *
 * <p>Threading: each client connection is served on its own thread; the builder may be called
 * concurrently for different clients.
 *
 * @param <Q> the request type
 * @param <S> the response type
 */
public interface ServiceServer<Q, S> {
  /** The resolved service name. */
  String getName();

  /** The service type, {@code package/Name}. */
  String getType();

  /** The {@code rosrpc://host:port} address registered with the master. */
  URI getUri();

  /** Unregisters the service from the master and stops answering. */
  void shutdown();
}
