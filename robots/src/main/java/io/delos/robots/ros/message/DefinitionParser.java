package io.delos.robots.ros.message;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses {@code .msg} and {@code .srv} texts the way ROS 1's {@code genmsg} does, so that MD5 sums
 * and definition texts come out identical.
 */
final class DefinitionParser {
  static final String HEADER = "Header";
  static final String HEADER_TYPE = "std_msgs/Header";

  private static final Pattern FIELD_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
  private static final Pattern BASE_TYPE =
      Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*(/[a-zA-Z][a-zA-Z0-9_]*)?");
  private static final Pattern ARRAY_SUFFIX = Pattern.compile("\\[[0-9]*]");
  private static final Pattern TYPE_NAME =
      Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*/[a-zA-Z][a-zA-Z0-9_]*");

  /** A field as declared: its resolved type (with array suffix) and name. */
  record ParsedField(String type, String name) {}

  /** A message text split into fields and constants. */
  record Parsed(String type, String text, List<ParsedField> fields, List<ConstantSpec> constants) {}

  private DefinitionParser() {}

  /**
   * Checks a full type name such as {@code geometry_msgs/Twist}.
   *
   * @throws IllegalArgumentException naming the value and the required form
   */
  static String requireTypeName(String type) {
    if (type == null || !TYPE_NAME.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "type name '" + type + "': must be package/Name, for example geometry_msgs/Twist");
    }
    return type;
  }

  /**
   * Parses a message definition.
   *
   * @param type the full type name, {@code package/Name}
   * @param text the definition text
   * @throws IllegalArgumentException naming the type, the line and what is wrong
   */
  static Parsed parseMessage(String type, String text) {
    requireTypeName(type);
    String pkg = type.substring(0, type.indexOf('/'));
    List<ParsedField> fields = new ArrayList<>();
    List<ConstantSpec> constants = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String orig = lines[i];
      String clean = stripComment(orig);
      if (clean.isEmpty()) {
        continue;
      }
      try {
        if (clean.indexOf('=') >= 0) {
          constants.add(constant(orig, clean));
        } else {
          fields.add(field(clean, pkg));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            type + " line " + (i + 1) + " '" + orig.strip() + "': " + e.getMessage(), e);
      }
    }
    List<String> seen = new ArrayList<>();
    for (ParsedField f : fields) {
      if (seen.contains(f.name())) {
        throw new IllegalArgumentException(type + ": field '" + f.name() + "' declared twice");
      }
      seen.add(f.name());
    }
    return new Parsed(type, text, fields, constants);
  }

  /**
   * Splits a service definition into the request and response texts, as {@code genmsg} does:
   * comments are stripped and lines trimmed, and the halves are separated by the first line
   * starting with {@code ---}.
   *
   * @return the request and the response text
   */
  static String[] splitService(String type, String text) {
    StringBuilder request = new StringBuilder();
    StringBuilder response = new StringBuilder();
    StringBuilder current = request;
    boolean split = false;
    for (String line : text.split("\n", -1)) {
      String clean = stripComment(line);
      if (clean.startsWith("---")) {
        current = response;
        split = true;
      } else {
        current.append(clean).append('\n');
      }
    }
    if (!split) {
      throw new IllegalArgumentException(
          "service " + type + ": no '---' line between the request and the response");
    }
    return new String[] {request.toString(), response.toString()};
  }

  /** The part of a line before the first {@code #}, stripped of surrounding white space. */
  static String stripComment(String line) {
    int hash = line.indexOf('#');
    return (hash >= 0 ? line.substring(0, hash) : line).strip();
  }

  /** The base type of a field type: {@code float64[3]} gives {@code float64}. */
  static String baseType(String type) {
    int bracket = type.indexOf('[');
    return bracket < 0 ? type : type.substring(0, bracket);
  }

  /** The fixed length of {@code T[N]}, -1 for {@code T[]} or a single value. */
  static int arrayLength(String type) {
    int bracket = type.indexOf('[');
    if (bracket < 0 || type.endsWith("[]")) {
      return -1;
    }
    return Integer.parseInt(type.substring(bracket + 1, type.length() - 1));
  }

  private static String[] words(String clean) {
    return clean.strip().split("\\s+");
  }

  private static ParsedField field(String clean, String pkg) {
    String[] w = words(clean);
    if (w.length != 2) {
      throw new IllegalArgumentException("a field is 'type name'; found " + w.length + " words");
    }
    String fieldType = w[0];
    String name = w[1];
    if (!FIELD_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "field name '" + name + "' must start with a letter and hold letters, digits or _");
    }
    String base = baseType(fieldType);
    String suffix = fieldType.substring(base.length());
    if (!BASE_TYPE.matcher(base).matches()
        || !(suffix.isEmpty() || ARRAY_SUFFIX.matcher(suffix).matches())) {
      throw new IllegalArgumentException(
          "field type '" + fieldType + "' is not a builtin or package/Name, with [] or [N]");
    }
    if (base.indexOf('/') < 0) {
      if (base.equals(HEADER)) {
        fieldType = HEADER_TYPE + suffix;
      } else if (!BuiltinType.isBuiltin(base)) {
        fieldType = pkg + "/" + fieldType;
      }
    }
    return new ParsedField(fieldType, name);
  }

  private static ConstantSpec constant(String orig, String clean) {
    String[] w = words(clean);
    String constType = w[0];
    BuiltinType builtin = BuiltinType.of(constType);
    if (builtin == null || !builtin.constantAllowed()) {
      throw new IllegalArgumentException(
          "constant type '" + constType + "': only bool, integers, floats and string");
    }
    String name;
    String value;
    if (builtin == BuiltinType.STRING) {
      // A string constant is everything right of the first '=', comments included.
      int eq = orig.indexOf('=');
      name = orig.substring(orig.indexOf(' ') + 1, eq);
      value = orig.substring(eq + 1);
    } else {
      String rest = String.join(" ", java.util.Arrays.copyOfRange(w, 1, w.length));
      String[] parts = rest.split("=", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException("a constant is 'type NAME=value'");
      }
      name = parts[0].strip();
      value = parts[1].strip();
    }
    return new ConstantSpec(constType, name, value.strip(), convert(builtin, value));
  }

  private static Object convert(BuiltinType t, String raw) {
    String v = raw.strip();
    switch (t) {
      case STRING:
        return raw;
      case BOOL:
        return switch (v) {
          case "True", "true", "1" -> Boolean.TRUE;
          case "False", "false", "0" -> Boolean.FALSE;
          default ->
              throw new IllegalArgumentException(
                  "bool constant '" + v + "': use True, False, 1 or 0");
        };
      case FLOAT32:
      case FLOAT64:
        try {
          return Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(t.rosName + " constant '" + v + "' is not a number");
        }
      default:
        BigInteger n;
        try {
          n = new BigInteger(v);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              t.rosName + " constant '" + v + "' is not a whole number");
        }
        BigInteger lo = t.unsigned() ? BigInteger.ZERO : BigInteger.valueOf(t.min());
        BigInteger hi =
            t == BuiltinType.UINT64
                ? BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)
                : BigInteger.valueOf(t.max());
        if (n.compareTo(lo) < 0 || n.compareTo(hi) > 0) {
          throw new IllegalArgumentException(
              t.rosName + " constant " + v + " is outside [" + lo + ", " + hi + "]");
        }
        return n.longValue();
    }
  }
}
