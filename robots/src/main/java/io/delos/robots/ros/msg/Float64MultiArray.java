package io.delos.robots.ros.msg;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageType;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code std_msgs/Float64MultiArray}: a flat array of doubles with an optional layout; the bridge
 * uses it for one value per actuator.
 */
public final class Float64MultiArray extends MessageWrapper {
  /** The ROS type name. */
  public static final String NAME = "std_msgs/Float64MultiArray";

  /** The type, for {@code newPublisher} and {@code newSubscriber}. */
  public static final MessageType<Float64MultiArray> TYPE =
      MessageType.of(NAME, Float64MultiArray::new, Float64MultiArray::toMessage);

  /** Views {@code message}, which must be a {@code std_msgs/Float64MultiArray}. */
  public Float64MultiArray(Message message) {
    super(message, NAME);
  }

  /** A new message with every field at zero. */
  public static Float64MultiArray create() {
    return new Float64MultiArray(newBuiltIn(NAME));
  }

  /** The data, a copy. */
  public double[] getData() {
    return toMessage().getDoubles("data");
  }

  /** Sets the data. */
  public Float64MultiArray setData(double... data) {
    toMessage().setDoubles("data", data);
    return this;
  }

  /** The labels of the layout dimensions, outermost first. */
  public List<String> getDimensionLabels() {
    List<String> out = new ArrayList<>();
    for (Message d : toMessage().getMessage("layout").getMessages("dim")) {
      out.add(d.getString("label"));
    }
    return out;
  }

  /**
   * Describes the data as one dimension called {@code label} of {@code size} elements (stride
   * {@code size}, offset 0).
   */
  public Float64MultiArray setSingleDimension(String label, int size) {
    Message layout = toMessage().getMessage("layout");
    Message dim = new Message(layout.spec().field("dim").message());
    dim.setString("label", label).setLong("size", size).setLong("stride", size);
    layout.setMessages("dim", List.of(dim));
    layout.setLong("data_offset", 0);
    return this;
  }
}
