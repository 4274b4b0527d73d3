package io.delos.robots.ros;

import io.delos.robots.ros.internal.XmlRpcClient;
import io.delos.robots.ros.internal.XmlRpcFault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client of the ROS 1 master API (wiki page {@code ROS/Master_API}), calling as one caller id.
 *
 * <p>Every method throws {@link RosRpcException} when the master answers with a status other than
 * success, and {@link UncheckedIOException} when the master cannot be reached. Parameter values are
 * XML-RPC values: {@link Integer}, {@link Boolean}, {@link String}, {@link Double}, {@code byte[]},
 * {@link List} and {@link Map} with string keys.
 *
 * <p>Threading: safe for concurrent use.
 */
public final class MasterClient {
  private final URI masterUri;
  private final String callerId;
  private final XmlRpcClient rpc;

  /**
   * Creates a client.
   *
   * @param masterUri the master, for example {@code http://127.0.0.1:11311}
   * @param callerId the caller id sent with every call, a global node name such as {@code /delos}
   * @param timeout limit for each call
   */
  public MasterClient(URI masterUri, String callerId, Duration timeout) {
    this.masterUri = Objects.requireNonNull(masterUri, "masterUri");
    this.callerId = Objects.requireNonNull(callerId, "callerId");
    this.rpc = new XmlRpcClient(timeout, timeout);
  }

  /** The master's URI. */
  public URI masterUri() {
    return masterUri;
  }

  /** The caller id sent with every call. */
  public String callerId() {
    return callerId;
  }

  private Object call(String method, Object... args) {
    Object[] params = new Object[args.length + 1];
    params[0] = callerId;
    System.arraycopy(args, 0, params, 1, args.length);
    Object reply;
    try {
      reply = rpc.call(masterUri, method, params);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot reach the ROS master at " + masterUri + " for " + method + ": " + e, e);
    } catch (XmlRpcFault f) {
      throw new RosRpcException(method, f.code(), f.getMessage());
    }
    return RosReplies.value(method, reply);
  }

  /**
   * Registers {@code callerApi} as a publisher of {@code topic}.
   *
   * @return the slave URIs of the current subscribers
   */
  public List<String> registerPublisher(String topic, String type, URI callerApi) {
    return RosReplies.strings(
        "registerPublisher", call("registerPublisher", topic, type, callerApi.toString()));
  }

  /** Unregisters a publisher; returns the number of registrations removed (0 or 1). */
  public int unregisterPublisher(String topic, URI callerApi) {
    return RosReplies.integer(
        "unregisterPublisher", call("unregisterPublisher", topic, callerApi.toString()));
  }

  /**
   * Registers {@code callerApi} as a subscriber of {@code topic}.
   *
   * @return the slave URIs of the current publishers
   */
  public List<String> registerSubscriber(String topic, String type, URI callerApi) {
    return RosReplies.strings(
        "registerSubscriber", call("registerSubscriber", topic, type, callerApi.toString()));
  }

  /** Unregisters a subscriber; returns the number of registrations removed (0 or 1). */
  public int unregisterSubscriber(String topic, URI callerApi) {
    return RosReplies.integer(
        "unregisterSubscriber", call("unregisterSubscriber", topic, callerApi.toString()));
  }

  /**
   * Registers a service.
   *
   * @param service the service name
   * @param serviceApi the {@code rosrpc://host:port} address of the service
   * @param callerApi the provider's slave URI
   */
  public void registerService(String service, URI serviceApi, URI callerApi) {
    call("registerService", service, serviceApi.toString(), callerApi.toString());
  }

  /** Unregisters a service; returns the number of registrations removed (0 or 1). */
  public int unregisterService(String service, URI serviceApi) {
    return RosReplies.integer(
        "unregisterService", call("unregisterService", service, serviceApi.toString()));
  }

  /**
   * The {@code rosrpc://host:port} address of {@code service}.
   *
   * @throws RosRpcException when no node provides it
   */
  public URI lookupService(String service) {
    return URI.create(String.valueOf(call("lookupService", service)));
  }

  /**
   * The slave URI of node {@code nodeName}.
   *
   * @throws RosRpcException when the master does not know the node
   */
  public URI lookupNode(String nodeName) {
    return URI.create(String.valueOf(call("lookupNode", nodeName)));
  }

  /** Publishers, subscribers and services of the whole graph. */
  public SystemState getSystemState() {
    List<?> three = RosReplies.list("getSystemState", call("getSystemState"));
    if (three.size() != 3) {
      throw new RosRpcException("getSystemState", -1, "expected 3 lists, got " + three.size());
    }
    return new SystemState(
        registrations(three.get(0)), registrations(three.get(1)), registrations(three.get(2)));
  }

  private static Map<String, List<String>> registrations(Object o) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Object entry : RosReplies.list("getSystemState", o)) {
      List<?> pair = RosReplies.list("getSystemState", entry);
      out.put(String.valueOf(pair.get(0)), RosReplies.strings("getSystemState", pair.get(1)));
    }
    return out;
  }

  /**
   * Topics that have publishers, with their types.
   *
   * @param subgraph restricts the answer to topics under this namespace; {@code ""} for all
   */
  public List<TopicType> getPublishedTopics(String subgraph) {
    return topicTypes("getPublishedTopics", call("getPublishedTopics", subgraph));
  }

  /** Every topic the master knows, with its type. */
  public List<TopicType> getTopicTypes() {
    return topicTypes("getTopicTypes", call("getTopicTypes"));
  }

  private static List<TopicType> topicTypes(String method, Object o) {
    List<TopicType> out = new ArrayList<>();
    for (Object entry : RosReplies.list(method, o)) {
      List<?> pair = RosReplies.list(method, entry);
      out.add(new TopicType(String.valueOf(pair.get(0)), String.valueOf(pair.get(1))));
    }
    return out;
  }

  /** The master's own URI, as it reports it. */
  public URI getUri() {
    return URI.create(String.valueOf(call("getUri")));
  }

  /** The master's process id. */
  public int getPid() {
    return RosReplies.integer("getPid", call("getPid"));
  }

  /** Sets parameter {@code key} (a global name) to {@code value}. */
  public void setParam(String key, Object value) {
    call("setParam", key, value);
  }

  /**
   * The value of parameter {@code key}; a namespace gives a {@link Map} of its parameters.
   *
   * @throws RosRpcException when the parameter is not set
   */
  public Object getParam(String key) {
    return call("getParam", key);
  }

  /** True when parameter {@code key} is set. */
  public boolean hasParam(String key) {
    return Boolean.TRUE.equals(call("hasParam", key));
  }

  /**
   * Deletes parameter {@code key}.
   *
   * @throws RosRpcException when the parameter is not set
   */
  public void deleteParam(String key) {
    call("deleteParam", key);
  }

  /**
   * Searches for {@code key} upwards from the caller's namespace.
   *
   * @return the full name of the closest parameter called {@code key}, or null when none
   */
  public String searchParam(String key) {
    try {
      Object found = call("searchParam", key);
      return found instanceof String s && !s.isEmpty() ? s : null;
    } catch (RosRpcException e) {
      return null;
    }
  }

  /**
   * Subscribes {@code callerApi} to changes of {@code key}, delivered as {@code paramUpdate}.
   *
   * @return the current value, or an empty map when the parameter is not set
   */
  public Object subscribeParam(URI callerApi, String key) {
    return call("subscribeParam", callerApi.toString(), key);
  }

  /** Ends a parameter subscription; returns the number removed (0 or 1). */
  public int unsubscribeParam(URI callerApi, String key) {
    return RosReplies.integer(
        "unsubscribeParam", call("unsubscribeParam", callerApi.toString(), key));
  }

  /** The names of every parameter. */
  public List<String> getParamNames() {
    return RosReplies.strings("getParamNames", call("getParamNames"));
  }
}
