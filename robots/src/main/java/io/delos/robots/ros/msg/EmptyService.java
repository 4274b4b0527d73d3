package io.delos.robots.ros.msg;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.ServiceType;

/** The service {@code std_srvs/Empty}: no request fields, no response fields. */
public final class EmptyService {
  /** The ROS type name. */
  public static final String NAME = "std_srvs/Empty";

  /** The type, with plain (empty) messages. */
  public static final ServiceType<Message, Message> TYPE = ServiceType.dynamic(NAME);

  private EmptyService() {}
}
