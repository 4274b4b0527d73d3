package io.delos.robots.ros;

/**
 * Answers the calls of a {@link ServiceServer}.
 *
 * @param <Q> the request type
 * @param <S> the response type
 */
@FunctionalInterface
public interface ServiceResponseBuilder<Q, S> {
  /**
   * Fills {@code response} for {@code request}.
   *
   * @throws ServiceException to answer the caller with an error; its message is sent to the caller
   */
  void build(Q request, S response) throws ServiceException;
}
