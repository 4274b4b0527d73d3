package io.delos.robots.ros.internal;

import java.util.regex.Pattern;

/**
 * ROS graph names: validation and resolution of relative ({@code name}), global ({@code /name}) and
 * private ({@code ~name}) names.
 */
public final class GraphNames {
  private static final Pattern NAME = Pattern.compile("[~/]?([a-zA-Z][a-zA-Z0-9_]*/?)*");

  private GraphNames() {}

  /**
   * Checks a name.
   *
   * @param what what the name is, for the message (for example {@code "topic"})
   * @throws IllegalArgumentException naming the value and the allowed form
   */
  public static String require(String what, String name) {
    if (name == null || name.isEmpty() || !NAME.matcher(name).matches() || name.contains("//")) {
      throw new IllegalArgumentException(
          what
              + " '"
              + name
              + "': a ROS name is letters, digits, _ and /, each part starting with a letter,"
              + " optionally starting with / or ~");
    }
    return name;
  }

  /** {@code namespace} as {@code /a/b/}, with leading and trailing slash. */
  public static String namespace(String namespace) {
    String ns = namespace == null || namespace.isEmpty() ? "/" : namespace;
    if (!ns.startsWith("/")) {
      ns = "/" + ns;
    }
    if (!ns.endsWith("/")) {
      ns = ns + "/";
    }
    if (!ns.equals("/")) {
      require("namespace", ns);
    }
    return ns;
  }

  /**
   * Resolves {@code name} to a global name without a trailing slash.
   *
   * @param namespace the node's namespace
   * @param nodeName the node's global name, for {@code ~private} names
   */
  public static String resolve(String namespace, String nodeName, String name) {
    require("name", name);
    String global;
    if (name.startsWith("/")) {
      global = name;
    } else if (name.startsWith("~")) {
      global = nodeName + "/" + name.substring(1);
    } else {
      global = namespace(namespace) + name;
    }
    global = global.replaceAll("/+", "/");
    if (global.length() > 1 && global.endsWith("/")) {
      global = global.substring(0, global.length() - 1);
    }
    return global;
  }
}
