package io.delos.robots.ros;

/** Receives changes of a subscribed parameter. */
@FunctionalInterface
public interface ParameterListener {
  /**
   * Called with the parameter's new value (an XML-RPC value; an empty map when it was deleted).
   *
   * @param name the full name of the parameter that changed
   * @param value the new value
   */
  void onNewValue(String name, Object value);
}
