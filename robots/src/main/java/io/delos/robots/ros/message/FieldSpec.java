package io.delos.robots.ros.message;

import java.util.Objects;

/**
 * One field of a message type.
 *
 * @param name the field name, for example {@code "position"}
 * @param type the type as resolved by the parser, with its array suffix, for example {@code
 *     "float64[]"}, {@code "float64[36]"} or {@code "geometry_msgs/Point"} ({@code Header} is
 *     resolved to {@code std_msgs/Header}, bare message names to the declaring package)
 * @param baseType {@code type} without the array suffix
 * @param array whether the field is an array
 * @param length the element count of a fixed-size array; -1 for a variable-length array or a single
 *     value
 * @param message the nested type's spec when {@code baseType} is a message type, else null
 */
public record FieldSpec(
    String name, String type, String baseType, boolean array, int length, MessageSpec message) {
  /** Validates the field. */
  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(baseType, "baseType");
    if (length < -1 || (!array && length != -1)) {
      throw new IllegalArgumentException(
          "field '" + name + "' length = " + length + ": must be -1 or, for fixed arrays, >= 0");
    }
    if ((message == null) == !BuiltinType.isBuiltin(baseType)) {
      throw new IllegalArgumentException(
          "field '"
              + name
              + "' of type "
              + baseType
              + ": a nested spec is required exactly for message types");
    }
  }

  /** True when the elements are messages. */
  public boolean isMessage() {
    return message != null;
  }

  /** True for a fixed-size array such as {@code float64[36]}. */
  public boolean isFixedArray() {
    return array && length >= 0;
  }

  /** The builtin type of the elements, or null for message types. */
  BuiltinType builtin() {
    return BuiltinType.of(baseType);
  }
}
