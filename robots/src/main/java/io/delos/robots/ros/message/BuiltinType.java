package io.delos.robots.ros.message;

import java.util.HashMap;
import java.util.Map;

/**
 * The builtin field types of ROS 1 message definitions, with their wire size and the Java type that
 * holds them in a {@link Message}.
 *
 * <p>Integers are held in the Java type of the same width with the same bits: {@code uint8} in a
 * {@code byte}, {@code uint32} in an {@code int}. The typed accessors of {@link Message} widen
 * unsigned values correctly ({@link Message#getLong} of a {@code uint32} is never negative).
 */
enum BuiltinType {
  BOOL("bool", 1, false),
  INT8("int8", 1, true),
  UINT8("uint8", 1, true),
  BYTE("byte", 1, true),
  CHAR("char", 1, true),
  INT16("int16", 2, true),
  UINT16("uint16", 2, true),
  INT32("int32", 4, true),
  UINT32("uint32", 4, true),
  INT64("int64", 8, true),
  UINT64("uint64", 8, true),
  FLOAT32("float32", 4, false),
  FLOAT64("float64", 8, false),
  STRING("string", -1, false),
  TIME("time", 8, false),
  DURATION("duration", 8, false);

  private static final Map<String, BuiltinType> BY_NAME = new HashMap<>();

  static {
    for (BuiltinType t : values()) {
      BY_NAME.put(t.rosName, t);
    }
  }

  /** The name in {@code .msg} files. */
  final String rosName;

  /** Bytes on the wire; -1 for the variable-length {@code string}. */
  final int size;

  /** True for the integer types. */
  final boolean integer;

  BuiltinType(String rosName, int size, boolean integer) {
    this.rosName = rosName;
    this.size = size;
    this.integer = integer;
  }

  /** The builtin called {@code name}, or null when {@code name} is a message type. */
  static BuiltinType of(String name) {
    return BY_NAME.get(name);
  }

  /** True when {@code name} is a builtin type name. */
  static boolean isBuiltin(String name) {
    return BY_NAME.containsKey(name);
  }

  /** True for the unsigned integer types. */
  boolean unsigned() {
    return this == UINT8 || this == CHAR || this == UINT16 || this == UINT32 || this == UINT64;
  }

  /** Smallest value a {@code long} may hold for this integer type. */
  long min() {
    return switch (this) {
      case INT8, BYTE -> Byte.MIN_VALUE;
      case INT16 -> Short.MIN_VALUE;
      case INT32 -> Integer.MIN_VALUE;
      case INT64 -> Long.MIN_VALUE;
      case UINT64 -> Long.MIN_VALUE; // the bits of values above Long.MAX_VALUE
      default -> 0;
    };
  }

  /** Largest value a {@code long} may hold for this integer type. */
  long max() {
    return switch (this) {
      case INT8, BYTE -> Byte.MAX_VALUE;
      case UINT8, CHAR -> 0xFFL;
      case INT16 -> Short.MAX_VALUE;
      case UINT16 -> 0xFFFFL;
      case INT32 -> Integer.MAX_VALUE;
      case UINT32 -> 0xFFFF_FFFFL;
      default -> Long.MAX_VALUE;
    };
  }

  /** True when constants of this type are allowed ({@code time} and {@code duration} are not). */
  boolean constantAllowed() {
    return this != TIME && this != DURATION;
  }
}
