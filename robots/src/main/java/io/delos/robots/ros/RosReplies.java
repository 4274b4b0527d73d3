package io.delos.robots.ros;

import java.util.ArrayList;
import java.util.List;

/** Reads the {@code [code, statusMessage, value]} replies of the ROS master and slave APIs. */
final class RosReplies {
  private RosReplies() {}

  /** The value of a successful reply; throws {@link RosRpcException} for any other status. */
  static Object value(String method, Object reply) {
    if (!(reply instanceof List<?> l) || l.size() != 3 || !(l.get(0) instanceof Integer code)) {
      throw new RosRpcException(method, -1, "malformed reply " + reply);
    }
    if (code != 1) {
      throw new RosRpcException(method, code, String.valueOf(l.get(1)));
    }
    return l.get(2);
  }

  static List<?> list(String method, Object o) {
    if (o instanceof List<?> l) {
      return l;
    }
    throw new RosRpcException(method, -1, "expected a list, got " + o);
  }

  static List<String> strings(String method, Object o) {
    List<String> out = new ArrayList<>();
    for (Object x : list(method, o)) {
      out.add(String.valueOf(x));
    }
    return out;
  }

  static int integer(String method, Object o) {
    if (o instanceof Integer i) {
      return i;
    }
    throw new RosRpcException(method, -1, "expected an integer, got " + o);
  }
}
