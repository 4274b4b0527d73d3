package io.delos.robots.ros.message;

import java.util.Objects;

/**
 * A constant of a message type, such as {@code uint8 POWER_SUPPLY_STATUS_CHARGING=1}.
 *
 * @param type the builtin type
 * @param name the constant's name
 * @param valueText the value as written, trimmed; what the MD5 text uses
 * @param value the value: a {@link Long} for integers, {@link Double} for floats, {@link Boolean}
 *     or {@link String}
 */
public record ConstantSpec(String type, String name, String valueText, Object value) {
  /** Validates the constant. */
  public ConstantSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueText, "valueText");
    Objects.requireNonNull(value, "value");
  }
}
