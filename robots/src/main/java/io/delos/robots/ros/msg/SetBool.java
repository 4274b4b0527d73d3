package io.delos.robots.ros.msg;

import io.delos.robots.ros.message.ServiceType;

/** The service {@code std_srvs/SetBool}: a flag in, success and a message out. */
public final class SetBool {
  /** The ROS type name. */
  public static final String NAME = "std_srvs/SetBool";

  /** The type, for {@code newServiceServer} and {@code newServiceClient}. */
  public static final ServiceType<SetBoolRequest, SetBoolResponse> TYPE =
      new ServiceType<>(NAME, SetBoolRequest.TYPE, SetBoolResponse.TYPE);

  private SetBool() {}
}
