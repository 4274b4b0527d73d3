package io.delos.robots.ros.message;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ROS 1 wire format of messages: little-endian and packed; a {@code string} is a uint32 byte
 * count and UTF-8 bytes; a variable array {@code T[]} is a uint32 element count and the elements; a
 * fixed array {@code T[N]} just the elements; {@code time} and {@code duration} two 32-bit values;
 * nested messages inline; constants are not sent.
 *
 * <p>Threading: stateless and safe for concurrent use.
 */
public final class MessageSerializer {
  private MessageSerializer() {}

  /** The message's bytes on the wire (without the TCPROS length prefix). */
  public static byte[] serialize(Message message) {
    ByteBuffer b = ByteBuffer.allocate(size(message)).order(ByteOrder.LITTLE_ENDIAN);
    write(message, b);
    return b.array();
  }

  /**
   * Decodes one message of {@code spec} from {@code bytes}.
   *
   * @throws IllegalArgumentException when the bytes end early or hold an impossible length; the
   *     message names the type and the field
   */
  public static Message deserialize(MessageSpec spec, byte[] bytes) {
    return deserialize(spec, ByteBuffer.wrap(bytes));
  }

  /**
   * Decodes one message of {@code spec} from {@code buffer}, advancing its position.
   *
   * @throws IllegalArgumentException when the bytes end early or hold an impossible length
   */
  public static Message deserialize(MessageSpec spec, ByteBuffer buffer) {
    ByteBuffer b = buffer.order(ByteOrder.LITTLE_ENDIAN);
    return read(spec, b, spec.type());
  }

  /** Bytes {@link #serialize} writes for {@code message}. */
  public static int size(Message message) {
    int n = 0;
    List<FieldSpec> fields = message.spec().fields();
    for (int i = 0; i < fields.size(); i++) {
      FieldSpec f = fields.get(i);
      Object v = message.raw(i);
      if (f.array() && !f.isFixedArray()) {
        n += 4;
      }
      if (f.isMessage()) {
        if (f.array()) {
          for (Object m : (List<?>) v) {
            n += size((Message) m);
          }
        } else {
          n += size((Message) v);
        }
      } else if (f.builtin() == BuiltinType.STRING) {
        if (f.array()) {
          for (Object s : (List<?>) v) {
            n += 4 + utf8Length((String) s);
          }
        } else {
          n += 4 + utf8Length((String) v);
        }
      } else {
        n += f.builtin().size * (f.array() ? Message.length(v) : 1);
      }
    }
    return n;
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void write(Message message, ByteBuffer b) {
    List<FieldSpec> fields = message.spec().fields();
    for (int i = 0; i < fields.size(); i++) {
      FieldSpec f = fields.get(i);
      Object v = message.raw(i);
      if (!f.array()) {
        if (f.isMessage()) {
          write((Message) v, b);
        } else {
          writeScalar(f.builtin(), v, b);
        }
        continue;
      }
      if (!f.isFixedArray()) {
        b.putInt(Message.length(v));
      }
      if (f.isMessage()) {
        for (Object m : (List<?>) v) {
          write((Message) m, b);
        }
        continue;
      }
      switch (f.builtin()) {
        case BOOL -> {
          for (boolean x : (boolean[]) v) {
            b.put((byte) (x ? 1 : 0));
          }
        }
        case INT8, UINT8, BYTE, CHAR -> b.put((byte[]) v);
        case INT16, UINT16 -> {
          for (short x : (short[]) v) {
            b.putShort(x);
          }
        }
        case INT32, UINT32 -> {
          for (int x : (int[]) v) {
            b.putInt(x);
          }
        }
        case INT64, UINT64 -> {
          for (long x : (long[]) v) {
            b.putLong(x);
          }
        }
        case FLOAT32 -> {
          for (float x : (float[]) v) {
            b.putFloat(x);
          }
        }
        case FLOAT64 -> {
          for (double x : (double[]) v) {
            b.putDouble(x);
          }
        }
        default -> {
          for (Object x : (List<?>) v) {
            writeScalar(f.builtin(), x, b);
          }
        }
      }
    }
  }

  private static void writeScalar(BuiltinType t, Object v, ByteBuffer b) {
    switch (t) {
      case BOOL -> b.put((byte) (((Boolean) v) ? 1 : 0));
      case INT8, UINT8, BYTE, CHAR -> b.put((Byte) v);
      case INT16, UINT16 -> b.putShort((Short) v);
      case INT32, UINT32 -> b.putInt((Integer) v);
      case INT64, UINT64 -> b.putLong((Long) v);
      case FLOAT32 -> b.putFloat((Float) v);
      case FLOAT64 -> b.putDouble((Double) v);
      case STRING -> {
        byte[] s = ((String) v).getBytes(StandardCharsets.UTF_8);
        b.putInt(s.length);
        b.put(s);
      }
      case TIME -> {
        RosTime time = (RosTime) v;
        b.putInt((int) time.secs());
        b.putInt((int) time.nsecs());
      }
      case DURATION -> {
        RosDuration d = (RosDuration) v;
        b.putInt(d.secs());
        b.putInt(d.nsecs());
      }
    }
  }

  private static Message read(MessageSpec spec, ByteBuffer b, String path) {
    Message m = new Message(spec);
    List<FieldSpec> fields = spec.fields();
    for (int i = 0; i < fields.size(); i++) {
      FieldSpec f = fields.get(i);
      String where = path + "." + f.name();
      try {
        m.setRaw(i, readField(f, b, where));
      } catch (BufferUnderflowException e) {
        throw new IllegalArgumentException(
            "cannot decode " + where + " (" + f.type() + "): the message ends early", e);
      }
    }
    return m;
  }

  private static Object readField(FieldSpec f, ByteBuffer b, String where) {
    if (!f.array()) {
      return f.isMessage() ? read(f.message(), b, where) : readScalar(f.builtin(), b);
    }
    int n = f.isFixedArray() ? f.length() : count(b, f, where);
    if (f.isMessage()) {
      List<Message> list = new ArrayList<>(Math.min(n, 1024));
      for (int k = 0; k < n; k++) {
        list.add(read(f.message(), b, where + "[" + k + "]"));
      }
      return list;
    }
    BuiltinType t = f.builtin();
    Object a = t.size > 0 ? Message.newArray(t, n) : null;
    switch (t) {
      case BOOL -> {
        boolean[] x = (boolean[]) a;
        for (int k = 0; k < n; k++) {
          x[k] = b.get() != 0;
        }
      }
      case INT8, UINT8, BYTE, CHAR -> b.get((byte[]) a);
      case INT16, UINT16 -> b.asShortBuffer().get((short[]) a);
      case INT32, UINT32 -> b.asIntBuffer().get((int[]) a);
      case INT64, UINT64 -> b.asLongBuffer().get((long[]) a);
      case FLOAT32 -> b.asFloatBuffer().get((float[]) a);
      case FLOAT64 -> b.asDoubleBuffer().get((double[]) a);
      default -> {
        List<Object> list = new ArrayList<>(Math.min(n, 1024));
        for (int k = 0; k < n; k++) {
          list.add(readScalar(t, b));
        }
        return list;
      }
    }
    int width = t.size;
    if (width > 1 && t != BuiltinType.BOOL) {
      b.position(b.position() + n * width);
    }
    return a;
  }

  private static int count(ByteBuffer b, FieldSpec f, String where) {
    long n = Integer.toUnsignedLong(b.getInt());
    int minElement = f.isMessage() ? 0 : Math.max(1, f.builtin().size);
    if (f.builtin() == BuiltinType.STRING) {
      minElement = 4;
    }
    if (minElement > 0 && n * minElement > b.remaining()) {
      throw new IllegalArgumentException(
          "cannot decode "
              + where
              + " ("
              + f.type()
              + "): "
              + n
              + " elements need at least "
              + n * minElement
              + " bytes, "
              + b.remaining()
              + " left");
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "cannot decode " + where + " (" + f.type() + "): " + n + " elements is too many");
    }
    return (int) n;
  }

  private static Object readScalar(BuiltinType t, ByteBuffer b) {
    return switch (t) {
      case BOOL -> b.get() != 0;
      case INT8, UINT8, BYTE, CHAR -> b.get();
      case INT16, UINT16 -> b.getShort();
      case INT32, UINT32 -> b.getInt();
      case INT64, UINT64 -> b.getLong();
      case FLOAT32 -> b.getFloat();
      case FLOAT64 -> b.getDouble();
      case STRING -> {
        long n = Integer.toUnsignedLong(b.getInt());
        if (n > b.remaining()) {
          throw new BufferUnderflowException();
        }
        byte[] s = new byte[(int) n];
        b.get(s);
        yield new String(s, StandardCharsets.UTF_8);
      }
      case TIME ->
          new RosTime(Integer.toUnsignedLong(b.getInt()), Integer.toUnsignedLong(b.getInt()));
      case DURATION -> new RosDuration(b.getInt(), b.getInt());
    };
  }
}
