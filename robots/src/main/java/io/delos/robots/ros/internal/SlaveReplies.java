package io.delos.robots.ros.internal;

import java.io.IOException;
import java.util.List;

/** Reads the {@code [code, statusMessage, value]} replies of peers' slave APIs. */
final class SlaveReplies {
  private SlaveReplies() {}

  /** The value of a successful reply, which must be a list. */
  static List<?> valueList(String method, Object reply) throws IOException {
    if (!(reply instanceof List<?> l) || l.size() != 3 || !(l.get(0) instanceof Integer code)) {
      throw new IOException(method + ": malformed reply " + reply);
    }
    if (code != 1) {
      throw new IOException(method + " failed (status " + code + "): " + l.get(1));
    }
    if (!(l.get(2) instanceof List<?> value)) {
      throw new IOException(method + ": expected a list value, got " + l.get(2));
    }
    return value;
  }
}
