package io.delos.robots.ros;

import java.util.concurrent.CompletableFuture;

/**
 * Calls a service over TCPROS, looking its address up with the master.
 *
 * <p>A persistent client keeps one connection open between calls and opens a new one (looking the
 * service up again) when it breaks; a plain client opens one connection per call.
 *
 * <p>Threading: safe for concurrent use; calls on a persistent client run one at a time.
 *
 * @param <Q> the request type
 * @param <S> the response type
 */
public interface ServiceClient<Q, S> {
  /** The resolved service name. */
  String getName();

  /** The service type, {@code package/Name}. */
  String getType();

  /** A new request with every field at its default. */
  Q newMessage();

  /**
   * Calls the service and waits for the response.
   *
   * @throws ServiceException with the server's error message when the server reports an error, or
   *     when the service is not registered or the connection fails
   */
  S call(Q request) throws ServiceException;

  /** Calls the service on a background thread. */
  CompletableFuture<S> callAsync(Q request);

  /** Closes a persistent connection. */
  void shutdown();
}
