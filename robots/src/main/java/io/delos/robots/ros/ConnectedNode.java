package io.delos.robots.ros;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageDefinitions;
import io.delos.robots.ros.message.MessageType;
import io.delos.robots.ros.message.RosTime;
import io.delos.robots.ros.message.ServiceType;
import java.net.URI;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A running ROS node: it serves the slave API, keeps its registrations with the master, and makes
 * publishers, subscribers and services.
 *
 * <p>Topic and service names are resolved against the node's namespace; {@code ~name} against the
 * node's own name.
 *
 * <p>Fault tolerance: the node checks every {@link NodeConfiguration#masterCheckPeriod()} that the
 * master still knows it. While the master is unreachable, existing peer connections go on working;
 * when it is back (restarted or not), the node registers every publisher, subscriber, service and
 * parameter subscription again and connects to the publishers the master names.
 *
 * <p>Threading: safe for concurrent use.
 */
public interface ConnectedNode {
  /** The node's global name, for example {@code /delos_cartpole}. */
  String getName();

  /** The node's slave API URI. */
  URI getUri();

  /** The master's URI. */
  URI getMasterUri();

  /** {@code name} resolved to a global name against this node's namespace and name. */
  String resolveName(String name);

  /** The current time of the node's clock. */
  RosTime getCurrentTime();

  /** The message and service definitions this node knows. */
  MessageDefinitions getMessageDefinitions();

  /** A new message of {@code type} with every field at its default. */
  Message newMessage(String type);

  /**
   * A publisher of {@code topic}; a second call for the same topic and type returns the same one.
   *
   * @throws IllegalArgumentException when the type is unknown, or the topic is already published
   *     here with another type
   */
  <T> Publisher<T> newPublisher(String topic, MessageType<T> type);

  /** A publisher of {@code topic} with plain {@link Message}s of {@code type}. */
  Publisher<Message> newPublisher(String topic, String type);

  /**
   * A subscriber to {@code topic}.
   *
   * @throws IllegalArgumentException when the type is unknown
   */
  <T> Subscriber<T> newSubscriber(String topic, MessageType<T> type);

  /** A subscriber to {@code topic} with plain {@link Message}s of {@code type}. */
  Subscriber<Message> newSubscriber(String topic, String type);

  /**
   * Offers a service.
   *
   * @throws IllegalArgumentException when the type is unknown or the name is already served here
   */
  <Q, S> ServiceServer<Q, S> newServiceServer(
      String name, ServiceType<Q, S> type, ServiceResponseBuilder<Q, S> builder);

  /** Offers a service with plain {@link Message} requests and responses. */
  ServiceServer<Message, Message> newServiceServer(
      String name, String type, ServiceResponseBuilder<Message, Message> builder);

  /**
   * A client of a service.
   *
   * @param persistent keep one connection open between calls
   * @throws IllegalArgumentException when the type is unknown
   */
  <Q, S> ServiceClient<Q, S> newServiceClient(
      String name, ServiceType<Q, S> type, boolean persistent);

  /** A non-persistent client with plain {@link Message} requests and responses. */
  ServiceClient<Message, Message> newServiceClient(String name, String type);

  /** The parameter server, seen from this node. */
  ParameterTree getParameterTree();

  /** A master API client calling as this node. */
  MasterClient getMasterClient();

  /** A scheduler for the node's periodic work; shut down with the node. */
  ScheduledExecutorService getScheduledExecutorService();

  /** True after the last check reached the master with this node registered. */
  boolean isRegistered();

  /**
   * Shuts the node down: calls {@link NodeMain#onShutdown}, unregisters everything from the master
   * (best effort), closes every connection and stops the node's threads. Idempotent.
   */
  void shutdown();
}
