package io.delos.robots.ros.internal;

/** Host names in URIs. */
public final class Hosts {
  private Hosts() {}

  /** {@code host} as it appears in a URI: IPv6 literals in brackets. */
  public static String forUri(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
