package io.delos.robots.ros.internal;

import io.delos.robots.ros.MasterClient;
import io.delos.robots.ros.ParameterListener;
import io.delos.robots.ros.ParameterTree;
import io.delos.robots.ros.RosRpcException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ParameterTree} of a node, over the master's parameter API. */
final class RosParameterTree implements ParameterTree {
  private static final Logger LOG = LoggerFactory.getLogger(RosParameterTree.class);

  private final RosNode node;
  private final Map<String, List<ParameterListener>> listeners = new ConcurrentHashMap<>();

  RosParameterTree(RosNode node) {
    this.node = node;
  }

  private MasterClient master() {
    return node.getMasterClient();
  }

  private String resolve(String name) {
    return node.resolveName(name);
  }

  @Override
  public boolean has(String name) {
    return master().hasParam(resolve(name));
  }

  @Override
  public void delete(String name) {
    master().deleteParam(resolve(name));
  }

  @Override
  public void set(String name, Object value) {
    master().setParam(resolve(name), value);
  }

  @Override
  public Object get(String name) {
    return master().getParam(resolve(name));
  }

  @Override
  public Object get(String name, Object defaultValue) {
    String key = resolve(name);
    try {
      return master().getParam(key);
    } catch (RosRpcException e) {
      return defaultValue;
    }
  }

  private <T> T typed(String name, Class<T> type, T defaultValue) {
    Object v = get(name, null);
    if (v == null) {
      return defaultValue;
    }
    if (!type.isInstance(v)) {
      throw new IllegalArgumentException(
          "parameter "
              + resolve(name)
              + " = "
              + v
              + " is a "
              + v.getClass().getSimpleName()
              + ", not a "
              + type.getSimpleName());
    }
    return type.cast(v);
  }

  @Override
  public String getString(String name, String defaultValue) {
    return typed(name, String.class, defaultValue);
  }

  @Override
  public int getInteger(String name, int defaultValue) {
    return typed(name, Integer.class, defaultValue);
  }

  @Override
  public double getDouble(String name, double defaultValue) {
    return typed(name, Number.class, defaultValue).doubleValue();
  }

  @Override
  public boolean getBoolean(String name, boolean defaultValue) {
    return typed(name, Boolean.class, defaultValue);
  }

  @Override
  public List<?> getList(String name, List<?> defaultValue) {
    return typed(name, List.class, defaultValue);
  }

  @Override
  public Map<?, ?> getMap(String name, Map<?, ?> defaultValue) {
    return typed(name, Map.class, defaultValue);
  }

  @Override
  public String search(String name) {
    return master().searchParam(name);
  }

  @Override
  public List<String> getNames() {
    return master().getParamNames();
  }

  @Override
  public void addParameterListener(String name, ParameterListener listener) {
    String key = resolve(name);
    boolean first = listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).isEmpty();
    listeners.get(key).add(listener);
    if (first) {
      try {
        master().subscribeParam(node.getUri(), key);
      } catch (RuntimeException e) {
        LOG.debug(
            "subscribeParam {} failed; retried when the master answers: {}", key, e.toString());
        node.markDirty();
      }
    }
  }

  /** The subscribed keys, for re-registration. */
  List<String> subscribedKeys() {
    return new ArrayList<>(listeners.keySet());
  }

  /** Delivers a {@code paramUpdate} from the master. */
  void update(String key, Object value) {
    String k = key.length() > 1 && key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    listeners.forEach(
        (subscribed, ls) -> {
          if (k.equals(subscribed)
              || k.startsWith(subscribed + "/")
              || subscribed.startsWith(k + "/")) {
            for (ParameterListener l : ls) {
              try {
                l.onNewValue(k, value);
              } catch (RuntimeException e) {
                LOG.error("a listener of parameter {} threw", subscribed, e);
              }
            }
          }
        });
  }

  /**
   * Delivers the value a renewed subscription returned, since the parameter may have changed while
   * the master was away; an unset parameter (an empty map) is not delivered.
   */
  void resubscribed(String key, Object value) {
    if (!(value instanceof Map<?, ?> m && m.isEmpty())) {
      update(key, value);
    }
  }

  /** Ends every parameter subscription (best effort). */
  void unsubscribeAll() {
    for (String key : listeners.keySet()) {
      try {
        master().unsubscribeParam(node.getUri(), key);
      } catch (RuntimeException e) {
        LOG.debug("unsubscribeParam {} failed: {}", key, e.toString());
        return;
      }
    }
  }
}
