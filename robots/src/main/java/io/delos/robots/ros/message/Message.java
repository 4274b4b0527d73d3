package io.delos.robots.ros.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A ROS 1 message of any type, with typed getters and setters by field name.
 *
 * <p>Field values are held in the Java type of the same width as the ROS type: {@code int8} and
 * {@code uint8} in {@code byte}, {@code int16}/{@code uint16} in {@code short}, {@code
 * int32}/{@code uint32} in {@code int}, {@code int64}/{@code uint64} in {@code long}, {@code
 * float32} in {@code float}, {@code float64} in {@code double}, {@code time} in {@link RosTime},
 * {@code duration} in {@link RosDuration}, nested messages in {@link Message}. Arrays are primitive
 * arrays ({@code float64[]} is a {@code double[]}, {@code uint8[]} a {@code byte[]}) or lists
 * ({@code string[]} a {@code List<String>}, {@code Pose[]} a {@code List<Message>}).
 *
 * <p>The typed accessors widen correctly: {@link #getLong} of a {@code uint32} field holding
 * 4,000,000,000 returns 4,000,000,000, {@link #getInt} of a {@code uint8} field returns 0 to 255.
 * Setters check the range of the field's type and the length of fixed-size arrays, and throw {@link
 * IllegalArgumentException} naming the type, the field, the value and what is allowed.
 *
 * <p>Getters of arrays return copies; {@link #getMessage} returns the nested message itself, so
 * {@code twist.getMessage("linear").setDouble("x", 0.5)} changes {@code twist}; setters store
 * copies.
 *
 * <p>Threading: not thread-safe; a publisher serialises the message during {@code publish}, after
 * which the message may be changed and published again.
 */
public final class Message {
  private final MessageSpec spec;
  private final Object[] values;

  /** A message of {@code spec} with every field at its default. */
  public Message(MessageSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.values = new Object[spec.fields().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = defaultValue(spec.fields().get(i));
    }
  }

  private Message(MessageSpec spec, Object[] values) {
    this.spec = spec;
    this.values = values;
  }

  /** The message's type spec. */
  public MessageSpec spec() {
    return spec;
  }

  /** The type name, {@code package/Name}. */
  public String type() {
    return spec.type();
  }

  /** A deep copy. */
  public Message copy() {
    Object[] v = new Object[values.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = copyValue(values[i]);
    }
    return new Message(spec, v);
  }

  // ---- generic access

  /**
   * The value of {@code field} in its holding type (see the class comment); arrays are copied and
   * lists are unmodifiable.
   */
  public Object get(String field) {
    Object v = values[index(field)];
    if (v instanceof List<?> l) {
      return Collections.unmodifiableList(l);
    }
    return v instanceof Message ? v : copyValue(v);
  }

  /**
   * Sets {@code field}, converting numbers, primitive arrays and lists to the field's type.
   *
   * @return this message
   * @throws IllegalArgumentException when the value does not fit the field
   */
  public Message set(String field, Object value) {
    int i = index(field);
    FieldSpec f = spec.fields().get(i);
    values[i] = f.array() ? convertArray(f, value) : convertScalar(f, value);
    return this;
  }

  /** The raw value at field position {@code i}, not copied; for serialisers. */
  Object raw(int i) {
    return values[i];
  }

  /** Stores a raw value at field position {@code i}, not checked; for deserialisers. */
  void setRaw(int i, Object value) {
    values[i] = value;
  }

  // ---- typed scalars

  /** The {@code bool} field {@code field}. */
  public boolean getBool(String field) {
    return (Boolean) values[index(field, "bool")];
  }

  /** Sets the {@code bool} field {@code field}. */
  public Message setBool(String field, boolean value) {
    values[index(field, "bool")] = value;
    return this;
  }

  /**
   * An integer field that fits an {@code int}: {@code int8}, {@code uint8}, {@code int16}, {@code
   * uint16}, {@code int32}; {@code uint32} when the value is at most 2³¹-1.
   */
  public int getInt(String field) {
    long v = getLong(field);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          spec.type() + "." + field + " = " + v + " does not fit an int: use getLong");
    }
    return (int) v;
  }

  /** Any integer field, unsigned types widened ({@code uint64} returns its bits). */
  public long getLong(String field) {
    int i = index(field);
    BuiltinType t = scalarBuiltin(i);
    if (!t.integer) {
      throw wrongType(i, "an integer");
    }
    return widen(t, (Number) values[i]);
  }

  /** Sets an integer field; the value must fit its type. */
  public Message setInt(String field, int value) {
    return setLong(field, value);
  }

  /** Sets an integer field; the value must fit its type ({@code uint64} takes any bits). */
  public Message setLong(String field, long value) {
    int i = index(field);
    BuiltinType t = scalarBuiltin(i);
    if (!t.integer) {
      throw wrongType(i, "an integer");
    }
    values[i] = narrow(spec.fields().get(i), t, value);
    return this;
  }

  /** A {@code float32} or {@code float64} field. */
  public double getDouble(String field) {
    int i = index(field);
    BuiltinType t = scalarBuiltin(i);
    if (t != BuiltinType.FLOAT32 && t != BuiltinType.FLOAT64) {
      throw wrongType(i, "float32 or float64");
    }
    return ((Number) values[i]).doubleValue();
  }

  /** Sets a {@code float32} (rounded) or {@code float64} field. */
  public Message setDouble(String field, double value) {
    int i = index(field);
    BuiltinType t = scalarBuiltin(i);
    if (t == BuiltinType.FLOAT32) {
      values[i] = (float) value;
    } else if (t == BuiltinType.FLOAT64) {
      values[i] = value;
    } else {
      throw wrongType(i, "float32 or float64");
    }
    return this;
  }

  /** A {@code string} field. */
  public String getString(String field) {
    return (String) values[index(field, "string")];
  }

  /** Sets a {@code string} field. */
  public Message setString(String field, String value) {
    values[index(field, "string")] = Objects.requireNonNull(value, field);
    return this;
  }

  /** A {@code time} field. */
  public RosTime getTime(String field) {
    return (RosTime) values[index(field, "time")];
  }

  /** Sets a {@code time} field. */
  public Message setTime(String field, RosTime value) {
    values[index(field, "time")] = Objects.requireNonNull(value, field);
    return this;
  }

  /** A {@code duration} field. */
  public RosDuration getDuration(String field) {
    return (RosDuration) values[index(field, "duration")];
  }

  /** Sets a {@code duration} field. */
  public Message setDuration(String field, RosDuration value) {
    values[index(field, "duration")] = Objects.requireNonNull(value, field);
    return this;
  }

  /** A nested message field, itself (not a copy): changes to it change this message. */
  public Message getMessage(String field) {
    int i = index(field);
    FieldSpec f = spec.fields().get(i);
    if (!f.isMessage() || f.array()) {
      throw wrongType(i, "a nested message");
    }
    return (Message) values[i];
  }

  /** Sets a nested message field to a copy of {@code value}, which must be of the field's type. */
  public Message setMessage(String field, Message value) {
    return set(field, value);
  }

  // ---- typed arrays

  /** A {@code float64[]} field, copied. */
  public double[] getDoubles(String field) {
    return ((double[]) values[arrayIndex(field, double[].class)]).clone();
  }

  /** Sets a {@code float64[]} field to a copy of {@code value}. */
  public Message setDoubles(String field, double... value) {
    return set(field, value);
  }

  /** A {@code float32[]} field, copied. */
  public float[] getFloats(String field) {
    return ((float[]) values[arrayIndex(field, float[].class)]).clone();
  }

  /** Sets a {@code float32[]} field to a copy of {@code value}. */
  public Message setFloats(String field, float... value) {
    return set(field, value);
  }

  /** An {@code int8[]}, {@code uint8[]}, {@code byte[]} or {@code char[]} field, copied. */
  public byte[] getBytes(String field) {
    return ((byte[]) values[arrayIndex(field, byte[].class)]).clone();
  }

  /** Sets an 8-bit array field to a copy of {@code value}. */
  public Message setBytes(String field, byte... value) {
    return set(field, value);
  }

  /** An {@code int16[]} or {@code uint16[]} field (bits), copied. */
  public short[] getShorts(String field) {
    return ((short[]) values[arrayIndex(field, short[].class)]).clone();
  }

  /** An {@code int32[]} or {@code uint32[]} field (bits), copied. */
  public int[] getInts(String field) {
    return ((int[]) values[arrayIndex(field, int[].class)]).clone();
  }

  /** Sets an {@code int32[]} or {@code uint32[]} field (bits) to a copy of {@code value}. */
  public Message setInts(String field, int... value) {
    return set(field, value);
  }

  /** An {@code int64[]} or {@code uint64[]} field (bits), copied. */
  public long[] getLongs(String field) {
    return ((long[]) values[arrayIndex(field, long[].class)]).clone();
  }

  /** A {@code bool[]} field, copied. */
  public boolean[] getBools(String field) {
    return ((boolean[]) values[arrayIndex(field, boolean[].class)]).clone();
  }

  /** A {@code string[]} field, as an unmodifiable list. */
  @SuppressWarnings("unchecked")
  public List<String> getStrings(String field) {
    int i = index(field);
    requireListOf(i, BuiltinType.STRING);
    return Collections.unmodifiableList((List<String>) values[i]);
  }

  /** Sets a {@code string[]} field to a copy of {@code value}. */
  public Message setStrings(String field, List<String> value) {
    return set(field, value);
  }

  /** A message array field, as an unmodifiable list of the nested messages themselves. */
  @SuppressWarnings("unchecked")
  public List<Message> getMessages(String field) {
    int i = index(field);
    FieldSpec f = spec.fields().get(i);
    if (!f.isMessage() || !f.array()) {
      throw wrongType(i, "an array of messages");
    }
    return Collections.unmodifiableList((List<Message>) values[i]);
  }

  /** Sets a message array field to copies of {@code value}, each of the field's type. */
  public Message setMessages(String field, List<Message> value) {
    return set(field, value);
  }

  // ---- helpers

  private int index(String field) {
    int i = spec.indexOf(field);
    if (i < 0) {
      spec.field(field); // throws, naming the fields
    }
    return i;
  }

  private int index(String field, String rosType) {
    int i = index(field);
    FieldSpec f = spec.fields().get(i);
    if (f.array() || !f.baseType().equals(rosType)) {
      throw wrongType(i, rosType);
    }
    return i;
  }

  private int arrayIndex(String field, Class<?> holder) {
    int i = index(field);
    FieldSpec f = spec.fields().get(i);
    if (!f.array() || f.isMessage() || !holder.isInstance(values[i])) {
      throw wrongType(i, "an array held as " + holder.getSimpleName());
    }
    return i;
  }

  private void requireListOf(int i, BuiltinType t) {
    FieldSpec f = spec.fields().get(i);
    if (!f.array() || f.builtin() != t) {
      throw wrongType(i, t.rosName + "[]");
    }
  }

  private BuiltinType scalarBuiltin(int i) {
    FieldSpec f = spec.fields().get(i);
    if (f.array() || f.isMessage()) {
      throw wrongType(i, "a single builtin value");
    }
    return f.builtin();
  }

  private IllegalArgumentException wrongType(int i, String wanted) {
    FieldSpec f = spec.fields().get(i);
    return new IllegalArgumentException(
        spec.type() + "." + f.name() + " is of type " + f.type() + ", not " + wanted);
  }

  static long widen(BuiltinType t, Number n) {
    long v = n.longValue();
    return switch (t) {
      case UINT8, CHAR -> v & 0xFFL;
      case UINT16 -> v & 0xFFFFL;
      case UINT32 -> v & 0xFFFF_FFFFL;
      default -> v;
    };
  }

  private Object narrow(FieldSpec f, BuiltinType t, long value) {
    if (value < t.min() || value > t.max()) {
      throw new IllegalArgumentException(
          spec.type()
              + "."
              + f.name()
              + " = "
              + value
              + ": "
              + t.rosName
              + " allows ["
              + t.min()
              + ", "
              + t.max()
              + "]");
    }
    return switch (t) {
      case INT8, UINT8, BYTE, CHAR -> (byte) value;
      case INT16, UINT16 -> (short) value;
      case INT32, UINT32 -> (int) value;
      default -> value;
    };
  }

  private Object convertScalar(FieldSpec f, Object v) {
    if (v == null) {
      throw new IllegalArgumentException(spec.type() + "." + f.name() + ": value is null");
    }
    if (f.isMessage()) {
      return convertMessage(f, v);
    }
    BuiltinType t = f.builtin();
    return convertElement(f, t, v);
  }

  private Object convertElement(FieldSpec f, BuiltinType t, Object v) {
    if (t.integer) {
      if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
        return narrow(f, t, ((Number) v).longValue());
      }
      throw badValue(f, v, "a whole number (Byte, Short, Integer or Long)");
    }
    switch (t) {
      case BOOL:
        if (v instanceof Boolean) {
          return v;
        }
        throw badValue(f, v, "a Boolean");
      case FLOAT32:
        if (v instanceof Number n) {
          return n.floatValue();
        }
        throw badValue(f, v, "a number");
      case FLOAT64:
        if (v instanceof Number n) {
          return n.doubleValue();
        }
        throw badValue(f, v, "a number");
      case STRING:
        if (v instanceof CharSequence s) {
          return s.toString();
        }
        throw badValue(f, v, "a String");
      case TIME:
        if (v instanceof RosTime) {
          return v;
        }
        throw badValue(f, v, "a RosTime");
      case DURATION:
        if (v instanceof RosDuration) {
          return v;
        }
        throw badValue(f, v, "a RosDuration");
      default:
        throw new IllegalStateException("unhandled builtin " + t);
    }
  }

  private Message convertMessage(FieldSpec f, Object v) {
    if (v instanceof Message m && m.spec.type().equals(f.baseType())) {
      if (!m.spec.md5().equals(f.message().md5())) {
        throw badValue(f, v, "a " + f.baseType() + " with MD5 " + f.message().md5());
      }
      return m.copy();
    }
    throw badValue(f, v, "a Message of type " + f.baseType());
  }

  private Object convertArray(FieldSpec f, Object v) {
    if (v == null) {
      throw new IllegalArgumentException(spec.type() + "." + f.name() + ": value is null");
    }
    Object out;
    if (f.isMessage()) {
      if (!(v instanceof Collection<?> c)) {
        throw badValue(f, v, "a List of " + f.baseType() + " messages");
      }
      List<Message> list = new ArrayList<>(c.size());
      for (Object o : c) {
        list.add(convertMessage(f, o));
      }
      out = list;
    } else {
      BuiltinType t = f.builtin();
      Object template = emptyArray(t);
      if (template.getClass().isInstance(v) && !(v instanceof List)) {
        out = copyValue(v);
      } else if (v instanceof Collection<?> c) {
        out = fromCollection(f, t, c);
      } else {
        throw badValue(
            f, v, "a " + template.getClass().getSimpleName() + " or a List of " + t.rosName);
      }
    }
    int n = length(out);
    if (f.isFixedArray() && n != f.length()) {
      throw new IllegalArgumentException(
          spec.type()
              + "."
              + f.name()
              + " has "
              + n
              + " elements: "
              + f.type()
              + " needs exactly "
              + f.length());
    }
    return out;
  }

  private Object fromCollection(FieldSpec f, BuiltinType t, Collection<?> c) {
    Object[] items = c.toArray();
    switch (t) {
      case BOOL:
        {
          boolean[] a = new boolean[items.length];
          for (int k = 0; k < a.length; k++) {
            a[k] = (Boolean) convertElement(f, t, items[k]);
          }
          return a;
        }
      case INT8, UINT8, BYTE, CHAR:
        {
          byte[] a = new byte[items.length];
          for (int k = 0; k < a.length; k++) {
            a[k] = (Byte) convertElement(f, t, items[k]);
          }
          return a;
        }
      case INT16, UINT16:
        {
          short[] a = new short[items.length];
          for (int k = 0; k < a.length; k++) {
            a[k] = (Short) convertElement(f, t, items[k]);
          }
          return a;
        }
      case INT32, UINT32:
        {
          int[] a = new int[items.length];
          for (int k = 0; k < a.length; k++) {
            a[k] = (Integer) convertElement(f, t, items[k]);
          }
          return a;
        }
      case INT64, UINT64:
        {
          long[] a = new long[items.length];
          for (int k = 0; k < a.length; k++) {
            a[k] = (Long) convertElement(f, t, items[k]);
          }
          return a;
        }
      case FLOAT32:
        {
          float[] a = new float[items.length];
          for (int k = 0; k < a.length; k++) {
            a[k] = (Float) convertElement(f, t, items[k]);
          }
          return a;
        }
      case FLOAT64:
        {
          double[] a = new double[items.length];
          for (int k = 0; k < a.length; k++) {
            a[k] = (Double) convertElement(f, t, items[k]);
          }
          return a;
        }
      default:
        {
          List<Object> a = new ArrayList<>(items.length);
          for (Object o : items) {
            a.add(convertElement(f, t, o));
          }
          return a;
        }
    }
  }

  private IllegalArgumentException badValue(FieldSpec f, Object v, String wanted) {
    String shown = v == null ? "null" : v.getClass().getSimpleName() + " " + abbreviate(v);
    return new IllegalArgumentException(
        spec.type() + "." + f.name() + " (" + f.type() + ") = " + shown + ": needs " + wanted);
  }

  private static String abbreviate(Object v) {
    String s = v instanceof Message m ? m.type() : String.valueOf(v);
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  static int length(Object array) {
    if (array instanceof List<?> l) {
      return l.size();
    }
    return java.lang.reflect.Array.getLength(array);
  }

  /** An empty array of the holding type of {@code t}. */
  static Object emptyArray(BuiltinType t) {
    return newArray(t, 0);
  }

  /** A zero-filled array of the holding type of {@code t}. */
  static Object newArray(BuiltinType t, int n) {
    return switch (t) {
      case BOOL -> new boolean[n];
      case INT8, UINT8, BYTE, CHAR -> new byte[n];
      case INT16, UINT16 -> new short[n];
      case INT32, UINT32 -> new int[n];
      case INT64, UINT64 -> new long[n];
      case FLOAT32 -> new float[n];
      case FLOAT64 -> new double[n];
      case STRING -> new ArrayList<>(Collections.nCopies(n, ""));
      case TIME -> new ArrayList<>(Collections.nCopies(n, RosTime.ZERO));
      case DURATION -> new ArrayList<>(Collections.nCopies(n, RosDuration.ZERO));
    };
  }

  static Object defaultScalar(BuiltinType t) {
    return switch (t) {
      case BOOL -> Boolean.FALSE;
      case INT8, UINT8, BYTE, CHAR -> (byte) 0;
      case INT16, UINT16 -> (short) 0;
      case INT32, UINT32 -> 0;
      case INT64, UINT64 -> 0L;
      case FLOAT32 -> 0f;
      case FLOAT64 -> 0d;
      case STRING -> "";
      case TIME -> RosTime.ZERO;
      case DURATION -> RosDuration.ZERO;
    };
  }

  private static Object defaultValue(FieldSpec f) {
    if (!f.array()) {
      return f.isMessage() ? new Message(f.message()) : defaultScalar(f.builtin());
    }
    int n = Math.max(0, f.length());
    if (f.isMessage()) {
      List<Message> list = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        list.add(new Message(f.message()));
      }
      return list;
    }
    return newArray(f.builtin(), n);
  }

  private static Object copyValue(Object v) {
    if (v instanceof Message m) {
      return m.copy();
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(o instanceof Message m ? m.copy() : o);
      }
      return out;
    }
    if (v instanceof double[] a) {
      return a.clone();
    }
    if (v instanceof float[] a) {
      return a.clone();
    }
    if (v instanceof byte[] a) {
      return a.clone();
    }
    if (v instanceof short[] a) {
      return a.clone();
    }
    if (v instanceof int[] a) {
      return a.clone();
    }
    if (v instanceof long[] a) {
      return a.clone();
    }
    if (v instanceof boolean[] a) {
      return a.clone();
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Message m) || !m.spec.equals(spec)) {
      return false;
    }
    for (int i = 0; i < values.length; i++) {
      if (!Objects.deepEquals(values[i], m.values[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return spec.hashCode() * 31 + Arrays.deepHashCode(values);
  }

  /** A one-line YAML-like rendering, for logs and messages. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(spec.type()).append(' ');
    appendBody(sb);
    return sb.toString();
  }

  private void appendBody(StringBuilder sb) {
    sb.append('{');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(spec.fields().get(i).name()).append(": ");
      appendValue(sb, values[i]);
    }
    sb.append('}');
  }

  private static void appendValue(StringBuilder sb, Object v) {
    if (v instanceof Message m) {
      m.appendBody(sb);
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int k = 0; k < l.size(); k++) {
        if (k > 0) {
          sb.append(", ");
        }
        appendValue(sb, l.get(k));
      }
      sb.append(']');
    } else if (v instanceof String s) {
      sb.append('"').append(s).append('"');
    } else if (v != null && v.getClass().isArray()) {
      sb.append(
          Arrays.deepToString(new Object[] {v}),
          1,
          Arrays.deepToString(new Object[] {v}).length() - 1);
    } else {
      sb.append(v);
    }
  }
}
