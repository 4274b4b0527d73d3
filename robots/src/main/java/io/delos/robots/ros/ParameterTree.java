package io.delos.robots.ros;

import java.util.List;
import java.util.Map;

/**
 * The master's parameter server, seen from a node: names are resolved against the node's namespace
 * ({@code ~name} against the node's own name).
 *
 * <p>Values are XML-RPC values: {@link Integer}, {@link Boolean}, {@link String}, {@link Double},
 * {@code byte[]}, {@link List}, and {@link Map} for namespaces.
 *
 * <p>Threading: safe for concurrent use; every call goes to the master.
 */
public interface ParameterTree {
  /** True when the parameter is set. */
  boolean has(String name);

  /** Deletes the parameter; throws {@link RosRpcException} when it is not set. */
  void delete(String name);

  /** Sets the parameter (any XML-RPC value). */
  void set(String name, Object value);

  /** The value; throws {@link RosRpcException} when it is not set. */
  Object get(String name);

  /** The value, or {@code defaultValue} when it is not set. */
  Object get(String name, Object defaultValue);

  /** A string parameter, or {@code defaultValue}. */
  String getString(String name, String defaultValue);

  /** An integer parameter, or {@code defaultValue}. */
  int getInteger(String name, int defaultValue);

  /** A number parameter (integers widen), or {@code defaultValue}. */
  double getDouble(String name, double defaultValue);

  /** A boolean parameter, or {@code defaultValue}. */
  boolean getBoolean(String name, boolean defaultValue);

  /** A list parameter, or {@code defaultValue}. */
  List<?> getList(String name, List<?> defaultValue);

  /** A namespace as a map, or {@code defaultValue}. */
  Map<?, ?> getMap(String name, Map<?, ?> defaultValue);

  /** The full name of the closest parameter called {@code name} up the namespace, or null. */
  String search(String name);

  /** Every parameter name. */
  List<String> getNames();

  /**
   * Calls {@code listener} whenever the parameter (or a parameter under it) changes, until the node
   * shuts down.
   */
  void addParameterListener(String name, ParameterListener listener);
}
