package io.delos.sim.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader that remembers the line of every value, and a writer.
 *
 * <p>Delos's description formats (morphologies, tasks, controller settings, dataset manifests) are
 * JSON; loading errors must name the field and the line, which a tree that keeps positions makes
 * easy. Numbers are read as doubles.
 */
public final class Json {
  private final String text;
  private final String source;
  private int pos;
  private int line = 1;

  private Json(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /**
   * Parses a JSON document.
   *
   * @param text the document
   * @param source where it came from, for messages (a file name)
   * @throws JsonException at the first syntax error, naming the line
   */
  public static JsonValue parse(String text, String source) {
    Json p = new Json(text, source);
    p.skipSpace();
    JsonValue v = p.value("$");
    p.skipSpace();
    if (p.pos < p.text.length()) {
      throw p.error("unexpected text after the document");
    }
    return v;
  }

  private JsonException error(String message) {
    return new JsonException(source + ":" + line + ": " + message);
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else {
        break;
      }
    }
  }

  private JsonValue value(String path) {
    if (pos >= text.length()) {
      throw error("unexpected end of document");
    }
    char c = text.charAt(pos);
    int at = line;
    switch (c) {
      case '{':
        return object(path);
      case '[':
        return array(path);
      case '"':
        return new JsonValue(path, source, at, string());
      case 't':
        literal("true");
        return new JsonValue(path, source, at, Boolean.TRUE);
      case 'f':
        literal("false");
        return new JsonValue(path, source, at, Boolean.FALSE);
      case 'n':
        literal("null");
        return new JsonValue(path, source, at, null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return new JsonValue(path, source, at, number());
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private void literal(String word) {
    if (!text.startsWith(word, pos)) {
      throw error("expected '" + word + "'");
    }
    pos += word.length();
  }

  private Double number() {
    int start = pos;
    if (text.charAt(pos) == '-') {
      pos++;
    }
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        pos++;
      } else {
        break;
      }
    }
    String s = text.substring(start, pos);
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw error("'" + s + "' is not a number");
    }
  }

  private String string() {
    pos++; // opening quote
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\n') {
        throw error("line break inside a string");
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          throw error("unterminated escape");
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw error("short \\u escape");
            }
            try {
              sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
          }
          default -> throw error("unknown escape \\" + e);
        }
      } else {
        sb.append(c);
      }
    }
  }

  private JsonValue object(String path) {
    int at = line;
    pos++;
    Map<String, JsonValue> fields = new LinkedHashMap<>();
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == '}') {
      pos++;
      return new JsonValue(path, source, at, Collections.unmodifiableMap(fields));
    }
    while (true) {
      skipSpace();
      if (pos >= text.length() || text.charAt(pos) != '"') {
        throw error("expected a field name in quotes");
      }
      String key = string();
      skipSpace();
      if (pos >= text.length() || text.charAt(pos) != ':') {
        throw error("expected ':' after field \"" + key + "\"");
      }
      pos++;
      skipSpace();
      if (fields.containsKey(key)) {
        throw error("field \"" + key + "\" appears twice");
      }
      fields.put(key, value(path + "." + key));
      skipSpace();
      if (pos >= text.length()) {
        throw error("unterminated object");
      }
      char c = text.charAt(pos++);
      if (c == '}') {
        return new JsonValue(path, source, at, Collections.unmodifiableMap(fields));
      }
      if (c != ',') {
        throw error("expected ',' or '}' in object");
      }
    }
  }

  private JsonValue array(String path) {
    int at = line;
    pos++;
    List<JsonValue> items = new ArrayList<>();
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == ']') {
      pos++;
      return new JsonValue(path, source, at, Collections.unmodifiableList(items));
    }
    while (true) {
      skipSpace();
      items.add(value(path + "[" + items.size() + "]"));
      skipSpace();
      if (pos >= text.length()) {
        throw error("unterminated array");
      }
      char c = text.charAt(pos++);
      if (c == ']') {
        return new JsonValue(path, source, at, Collections.unmodifiableList(items));
      }
      if (c != ',') {
        throw error("expected ',' or ']' in array");
      }
    }
  }

  /**
   * Writes a value made of maps, lists, strings, numbers, booleans and nulls as indented JSON.
   * Doubles are written with the shortest text that reads back to the same value.
   */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    sb.append('\n');
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, int indent) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Double d) {
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("JSON cannot hold " + d);
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        sb.append((long) (double) d);
      } else {
        sb.append(d);
      }
    } else if (v instanceof Float f) {
      write(sb, (double) f, indent);
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        pad(sb, indent + 2);
        quote(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        write(sb, e.getValue(), indent + 2);
        sb.append(++i < m.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append('}');
    } else if (v instanceof List<?> l) {
      boolean flat = l.stream().allMatch(x -> x instanceof Number || x instanceof String);
      if (flat) {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          write(sb, l.get(i), indent);
        }
        sb.append(']');
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        pad(sb, indent + 2);
        write(sb, l.get(i), indent + 2);
        sb.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append(']');
    } else if (v instanceof double[] a) {
      List<Object> l = new ArrayList<>();
      for (double x : a) {
        l.add(x);
      }
      write(sb, l, indent);
    } else {
      throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
    }
  }

  private static void pad(StringBuilder sb, int n) {
    sb.append(" ".repeat(n));
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
