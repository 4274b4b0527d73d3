package io.delos.robots.ros.internal;

import io.delos.robots.ros.ConnectedNode;
import io.delos.robots.ros.MasterClient;
import io.delos.robots.ros.NodeConfiguration;
import io.delos.robots.ros.NodeMain;
import io.delos.robots.ros.ParameterTree;
import io.delos.robots.ros.Publisher;
import io.delos.robots.ros.RosRpcException;
import io.delos.robots.ros.ServiceClient;
import io.delos.robots.ros.ServiceResponseBuilder;
import io.delos.robots.ros.ServiceServer;
import io.delos.robots.ros.Subscriber;
import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageDefinitions;
import io.delos.robots.ros.message.MessageSpec;
import io.delos.robots.ros.message.MessageType;
import io.delos.robots.ros.message.RosTime;
import io.delos.robots.ros.message.ServiceSpec;
import io.delos.robots.ros.message.ServiceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node implementation: the slave API server, the TCPROS server, the registrations with the
 * master, and the watchdog that re-registers after a lost or restarted master.
 */
public final class RosNode implements ConnectedNode {
  private static final Logger LOG = LoggerFactory.getLogger(RosNode.class);

  private final NodeConfiguration config;
  private final NodeMain main;
  private final String name;
  private final MasterClient master;
  private final XmlRpcClient peer;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService background;
  private final Map<String, TopicPublication> publications = new ConcurrentHashMap<>();
  private final Map<String, TopicSubscription> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, ServiceProvider<?, ?>> services = new ConcurrentHashMap<>();
  private final RosParameterTree parameters;
  private final AtomicInteger connectionIds = new AtomicInteger();
  private final AtomicBoolean shutdown = new AtomicBoolean();
  private final Backoff masterBackoff;
  private XmlRpcServer slave;
  private TcpRosServer tcp;
  private URI uri;
  private volatile boolean dirty;
  private volatile boolean masterLost;
  private volatile boolean registered;
  private volatile boolean warnedNameTaken;

  private RosNode(NodeConfiguration config, NodeMain main) {
    this.config = config;
    this.main = main;
    this.name = GraphNames.resolve(config.namespace(), "/", config.nodeName());
    this.master = new MasterClient(config.masterUri(), name, config.rpcTimeout());
    this.peer = new XmlRpcClient(config.rpcTimeout(), config.rpcTimeout());
    this.scheduler = Executors.newSingleThreadScheduledExecutor(Threads.daemon("ros-node" + name));
    this.background = Executors.newCachedThreadPool(Threads.daemon("ros-bg" + name));
    this.parameters = new RosParameterTree(this);
    this.masterBackoff = new Backoff(config.reconnectMinDelay(), config.reconnectMaxDelay());
  }

  /**
   * Starts a node: binds its servers and schedules the first master check.
   *
   * @param config the configuration, with a node name
   * @param main the behaviour to notify on shutdown, or null
   * @throws IOException when a port cannot be bound
   */
  public static RosNode start(NodeConfiguration config, NodeMain main) throws IOException {
    RosNode n = new RosNode(config, main);
    n.tcp = TcpRosServer.start(config.bindAddress(), n);
    try {
      n.slave =
          XmlRpcServer.start(config.bindAddress(), 0, 4, "ros-slave" + n.name, n::handleSlave);
    } catch (IOException e) {
      n.tcp.close();
      throw e;
    }
    n.uri = n.slave.uri(config.host());
    LOG.debug(
        "node {} serves its slave API at {} and TCPROS on port {}", n.name, n.uri, n.tcp.port());
    n.scheduler.execute(n::checkMaster);
    return n;
  }

  // ---- accessors for the package

  NodeConfiguration config() {
    return config;
  }

  XmlRpcClient peerRpc() {
    return peer;
  }

  ExecutorService background() {
    return background;
  }

  int nextConnectionId() {
    return connectionIds.incrementAndGet();
  }

  int queueSize() {
    return config.queueSize();
  }

  URI serviceUri() {
    return URI.create("rosrpc://" + Hosts.forUri(config.host()) + ":" + tcp.port());
  }

  void markDirty() {
    dirty = true;
  }

  // ---- ConnectedNode

  @Override
  public String getName() {
    return name;
  }

  @Override
  public URI getUri() {
    return uri;
  }

  @Override
  public URI getMasterUri() {
    return config.masterUri();
  }

  @Override
  public String resolveName(String n) {
    return GraphNames.resolve(config.namespace(), name, n);
  }

  @Override
  public RosTime getCurrentTime() {
    return RosTime.now(config.clock());
  }

  @Override
  public MessageDefinitions getMessageDefinitions() {
    return config.definitions();
  }

  @Override
  public Message newMessage(String type) {
    return config.definitions().newMessage(type);
  }

  @Override
  public <T> Publisher<T> newPublisher(String topic, MessageType<T> type) {
    requireRunning();
    String t = resolveName(topic);
    MessageSpec spec = config.definitions().message(type.name());
    TopicPublication p;
    boolean created = false;
    synchronized (publications) {
      p = publications.get(t);
      if (p == null) {
        p = new TopicPublication(this, t, spec);
        publications.put(t, p);
        created = true;
      } else if (!p.spec.equals(spec)) {
        throw new IllegalArgumentException(
            "topic "
                + t
                + " is already published here as "
                + p.spec.type()
                + ", not "
                + spec.type());
      }
      p.retain();
    }
    if (created) {
      register(() -> master.registerPublisher(t, spec.type(), uri));
    }
    return new PublisherView<>(this, p, type);
  }

  @Override
  public Publisher<Message> newPublisher(String topic, String type) {
    return newPublisher(topic, MessageType.dynamic(type));
  }

  @Override
  public <T> Subscriber<T> newSubscriber(String topic, MessageType<T> type) {
    requireRunning();
    String t = resolveName(topic);
    MessageSpec spec = config.definitions().message(type.name());
    TopicSubscription s;
    boolean created = false;
    synchronized (subscriptions) {
      s = subscriptions.get(t);
      if (s == null) {
        s = new TopicSubscription(this, t, spec);
        subscriptions.put(t, s);
        created = true;
      } else if (!s.spec.equals(spec)) {
        throw new IllegalArgumentException(
            "topic "
                + t
                + " is already subscribed here as "
                + s.spec.type()
                + ", not "
                + spec.type());
      }
      s.retain();
    }
    SubscriberView<T> view = new SubscriberView<>(this, s, type);
    if (created) {
      TopicSubscription sub = s;
      register(() -> sub.updatePublishers(master.registerSubscriber(t, spec.type(), uri)));
    }
    return view;
  }

  @Override
  public Subscriber<Message> newSubscriber(String topic, String type) {
    return newSubscriber(topic, MessageType.dynamic(type));
  }

  @Override
  public <Q, S> ServiceServer<Q, S> newServiceServer(
      String serviceName, ServiceType<Q, S> type, ServiceResponseBuilder<Q, S> builder) {
    requireRunning();
    String n = resolveName(serviceName);
    ServiceSpec spec = config.definitions().service(type.name());
    ServiceProvider<Q, S> provider = new ServiceProvider<>(this, n, spec, type, builder);
    if (services.putIfAbsent(n, provider) != null) {
      throw new IllegalArgumentException("service " + n + " is already offered by node " + name);
    }
    register(() -> master.registerService(n, serviceUri(), uri));
    return provider;
  }

  @Override
  public ServiceServer<Message, Message> newServiceServer(
      String serviceName, String type, ServiceResponseBuilder<Message, Message> builder) {
    return newServiceServer(serviceName, ServiceType.dynamic(type), builder);
  }

  @Override
  public <Q, S> ServiceClient<Q, S> newServiceClient(
      String serviceName, ServiceType<Q, S> type, boolean persistent) {
    requireRunning();
    String n = resolveName(serviceName);
    return new ServiceCaller<>(
        this, n, config.definitions().service(type.name()), type, persistent);
  }

  @Override
  public ServiceClient<Message, Message> newServiceClient(String serviceName, String type) {
    return newServiceClient(serviceName, ServiceType.dynamic(type), false);
  }

  @Override
  public ParameterTree getParameterTree() {
    return parameters;
  }

  @Override
  public MasterClient getMasterClient() {
    return master;
  }

  @Override
  public ScheduledExecutorService getScheduledExecutorService() {
    return scheduler;
  }

  @Override
  public boolean isRegistered() {
    return registered && !dirty;
  }

  private void requireRunning() {
    if (shutdown.get()) {
      throw new IllegalStateException("node " + name + " is shut down");
    }
  }

  /** Registers now; an unreachable master leaves the registration to the watchdog. */
  private void register(Runnable registration) {
    try {
      registration.run();
    } catch (UncheckedIOException e) {
      dirty = true;
      LOG.debug("registration with the master deferred: {}", e.getMessage());
    }
  }

  // ---- releasing

  void release(TopicPublication p) {
    synchronized (publications) {
      if (!p.release()) {
        return;
      }
      publications.remove(p.topic, p);
    }
    unregister(() -> master.unregisterPublisher(p.topic, uri));
    p.close();
  }

  void release(TopicSubscription s) {
    synchronized (subscriptions) {
      if (!s.release()) {
        return;
      }
      subscriptions.remove(s.topic, s);
    }
    unregister(() -> master.unregisterSubscriber(s.topic, uri));
    s.close();
  }

  void removeService(ServiceProvider<?, ?> provider) {
    if (services.remove(provider.name, provider)) {
      unregister(() -> master.unregisterService(provider.name, serviceUri()));
      provider.close();
    }
  }

  private void unregister(Runnable call) {
    if (masterLost) {
      return;
    }
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.debug("unregistration failed: {}", e.toString());
    }
  }

  // ---- the master watchdog

  private void checkMaster() {
    if (shutdown.get()) {
      return;
    }
    Duration next = config.masterCheckPeriod();
    try {
      boolean anything =
          !publications.isEmpty()
              || !subscriptions.isEmpty()
              || !services.isEmpty()
              || !parameters.subscribedKeys().isEmpty();
      boolean needed = dirty;
      if (anything && !needed) {
        try {
          URI known = master.lookupNode(name);
          if (!known.toString().equals(uri.toString()) && !warnedNameTaken) {
            warnedNameTaken = true;
            LOG.warn(
                "the ROS master lists node {} at {}, not at {}: another node took the name",
                name,
                known,
                uri);
          }
        } catch (RosRpcException e) {
          needed = true;
        }
      } else if (!anything) {
        master.getPid();
      }
      if (needed) {
        reRegisterAll();
      }
      if (masterLost) {
        masterLost = false;
        LOG.info(
            "node {} reached the ROS master at {} again and registered anew",
            name,
            config.masterUri());
      }
      registered = true;
      masterBackoff.reset();
    } catch (UncheckedIOException e) {
      registered = false;
      if (!masterLost) {
        masterLost = true;
        LOG.warn(
            "node {} lost the ROS master at {} ({}); peer connections stay open and the node"
                + " retries with back-off up to {}",
            name,
            config.masterUri(),
            e.getCause() == null ? e.getMessage() : e.getCause().toString(),
            config.reconnectMaxDelay());
      }
      next = masterBackoff.next();
    } catch (RuntimeException e) {
      LOG.warn("node {}: master check failed", name, e);
      next = masterBackoff.next();
    }
    if (!shutdown.get()) {
      try {
        scheduler.schedule(this::checkMaster, next.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        LOG.trace("scheduler stopped", e);
      }
    }
  }

  private void reRegisterAll() {
    dirty = false;
    try {
      for (TopicPublication p : publications.values()) {
        attempt(() -> master.registerPublisher(p.topic, p.spec.type(), uri), "publisher", p.topic);
      }
      for (TopicSubscription s : subscriptions.values()) {
        attempt(
            () -> s.updatePublishers(master.registerSubscriber(s.topic, s.spec.type(), uri)),
            "subscriber",
            s.topic);
      }
      for (ServiceProvider<?, ?> p : services.values()) {
        attempt(() -> master.registerService(p.name, serviceUri(), uri), "service", p.name);
      }
      for (String key : parameters.subscribedKeys()) {
        attempt(
            () -> parameters.resubscribed(key, master.subscribeParam(uri, key)),
            "parameter subscription",
            key);
      }
    } catch (UncheckedIOException e) {
      dirty = true;
      throw e;
    }
    LOG.debug(
        "node {} registered {} publishers, {} subscribers, {} services",
        name,
        publications.size(),
        subscriptions.size(),
        services.size());
  }

  private void attempt(Runnable r, String what, String which) {
    try {
      r.run();
    } catch (RosRpcException e) {
      LOG.warn("the ROS master refused {} {} of node {}: {}", what, which, name, e.getMessage());
    }
  }

  // ---- TCPROS dispatch

  void acceptSubscriber(Socket socket, Map<String, String> header) throws IOException {
    TopicPublication p = publications.get(header.get("topic"));
    if (p == null) {
      ConnectionHeader.write(
          socket.getOutputStream(),
          Map.of("error", "node " + name + " does not publish " + header.get("topic")));
      socket.close();
      return;
    }
    p.accept(socket, header);
  }

  void acceptServiceClient(Socket socket, Map<String, String> header) throws IOException {
    ServiceProvider<?, ?> s = services.get(header.get("service"));
    if (s == null) {
      ConnectionHeader.write(
          socket.getOutputStream(),
          Map.of("error", "node " + name + " does not provide " + header.get("service")));
      socket.close();
      return;
    }
    s.serve(socket, header);
  }

  // ---- the slave API

  private static List<Object> ok(Object value) {
    return List.of(1, "", value);
  }

  private Object handleSlave(String method, List<Object> params) throws XmlRpcFault {
    switch (method) {
      case "getBusStats":
        {
          List<Object> pub = new ArrayList<>();
          publications.values().forEach(p -> pub.add(p.busStats()));
          List<Object> sub = new ArrayList<>();
          subscriptions.values().forEach(s -> sub.add(s.busStats()));
          long calls = 0;
          long in = 0;
          long out = 0;
          for (ServiceProvider<?, ?> s : services.values()) {
            ServiceProvider.Stats st = s.stats();
            calls += st.calls();
            in += st.bytesIn();
            out += st.bytesOut();
          }
          return ok(List.of(pub, sub, List.of((int) calls, (int) in, (int) out)));
        }
      case "getBusInfo":
        {
          List<Object> rows = new ArrayList<>();
          publications.values().forEach(p -> rows.addAll(p.busInfo()));
          subscriptions.values().forEach(s -> rows.addAll(s.busInfo()));
          return ok(rows);
        }
      case "getMasterUri":
        return ok(config.masterUri().toString());
      case "shutdown":
        {
          String why = params.size() > 1 ? String.valueOf(params.get(1)) : "";
          LOG.warn(
              "node {} was told to shut down by {}: {}",
              name,
              params.isEmpty() ? "?" : params.get(0),
              why);
          background.execute(this::shutdown);
          return ok(0);
        }
      case "getPid":
        return ok((int) ProcessHandle.current().pid());
      case "getSubscriptions":
        {
          List<Object> out = new ArrayList<>();
          subscriptions.values().forEach(s -> out.add(List.of(s.topic, s.spec.type())));
          return ok(out);
        }
      case "getPublications":
        {
          List<Object> out = new ArrayList<>();
          publications.values().forEach(p -> out.add(List.of(p.topic, p.spec.type())));
          return ok(out);
        }
      case "paramUpdate":
        requireParams(method, params, 3);
        parameters.update(String.valueOf(params.get(1)), params.get(2));
        return ok(0);
      case "publisherUpdate":
        {
          requireParams(method, params, 3);
          TopicSubscription s = subscriptions.get(String.valueOf(params.get(1)));
          if (s != null && params.get(2) instanceof List<?> uris) {
            List<String> list = new ArrayList<>();
            uris.forEach(u -> list.add(String.valueOf(u)));
            s.updatePublishers(list);
          }
          return ok(0);
        }
      case "requestTopic":
        {
          requireParams(method, params, 3);
          String topic = String.valueOf(params.get(1));
          if (!publications.containsKey(topic)) {
            return List.of(-1, "node " + name + " does not publish " + topic, List.of());
          }
          if (params.get(2) instanceof List<?> protocols) {
            for (Object p : protocols) {
              if (p instanceof List<?> l && !l.isEmpty() && "TCPROS".equals(l.get(0))) {
                return List.of(
                    1,
                    "ready on " + config.host() + ":" + tcp.port(),
                    List.of("TCPROS", config.host(), tcp.port()));
              }
            }
          }
          return List.of(
              0, "no supported protocol in " + params.get(2) + "; only TCPROS", List.of());
        }
      default:
        throw new XmlRpcFault(-1, "method " + method + " is not part of the ROS slave API");
    }
  }

  private static void requireParams(String method, List<Object> params, int n) throws XmlRpcFault {
    if (params.size() < n) {
      throw new XmlRpcFault(-1, method + " needs " + n + " parameters, got " + params.size());
    }
  }

  // ---- shutdown

  @Override
  public void shutdown() {
    if (!shutdown.compareAndSet(false, true)) {
      return;
    }
    if (main != null) {
      try {
        main.onShutdown(this);
      } catch (RuntimeException e) {
        LOG.error("onShutdown of node {} threw", name, e);
      }
    }
    for (ServiceProvider<?, ?> s : new ArrayList<>(services.values())) {
      removeService(s);
    }
    for (TopicPublication p : new ArrayList<>(publications.values())) {
      publications.remove(p.topic);
      unregister(() -> master.unregisterPublisher(p.topic, uri));
      p.close();
    }
    for (TopicSubscription s : new ArrayList<>(subscriptions.values())) {
      subscriptions.remove(s.topic);
      unregister(() -> master.unregisterSubscriber(s.topic, uri));
      s.close();
    }
    if (!masterLost) {
      parameters.unsubscribeAll();
    }
    tcp.close();
    slave.close();
    scheduler.shutdownNow();
    background.shutdownNow();
    LOG.debug("node {} shut down", name);
  }
}
