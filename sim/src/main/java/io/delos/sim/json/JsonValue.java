package io.delos.sim.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON value with its path ({@code $.bodies[2].mass}) and line, and typed accessors whose
 * errors name both.
 */
public final class JsonValue {
  private final String path;
  private final String source;
  private final int line;
  private final Object value;

  JsonValue(String path, String source, int line, Object value) {
    this.path = path;
    this.source = source;
    this.line = line;
    this.value = value;
  }

  /** The path of this value from the document root, for example {@code $.joints[0].anchor}. */
  public String path() {
    return path;
  }

  /** The line the value starts on, 1-based. */
  public int line() {
    return line;
  }

  /** Fails with a message naming this value's path and line. */
  public JsonException error(String message) {
    return new JsonException(source + ":" + line + ": " + path + ": " + message);
  }

  /** True for JSON null. */
  public boolean isNull() {
    return value == null;
  }

  /** True for an object. */
  public boolean isObject() {
    return value instanceof Map;
  }

  /** True for an array. */
  public boolean isArray() {
    return value instanceof List;
  }

  /** True for a string. */
  public boolean isString() {
    return value instanceof String;
  }

  /** True for a number. */
  public boolean isNumber() {
    return value instanceof Double;
  }

  @SuppressWarnings("unchecked")
  private Map<String, JsonValue> object() {
    if (!(value instanceof Map)) {
      throw error("expected an object, found " + describe());
    }
    return (Map<String, JsonValue>) value;
  }

  private String describe() {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof String s) {
      return "the string \"" + s + "\"";
    }
    return String.valueOf(value);
  }

  /** The field names of this object. */
  public Set<String> fields() {
    return object().keySet();
  }

  /** True when this object has the field. */
  public boolean has(String field) {
    return object().containsKey(field) && !object().get(field).isNull();
  }

  /** The required field {@code name} of this object. */
  public JsonValue get(String name) {
    JsonValue v = object().get(name);
    if (v == null || v.isNull()) {
      throw error("missing required field \"" + name + "\"");
    }
    return v;
  }

  /** The optional field {@code name}, or {@code null}. */
  public JsonValue opt(String name) {
    JsonValue v = object().get(name);
    return v == null || v.isNull() ? null : v;
  }

  /** Rejects fields other than {@code allowed}, naming the unknown one and the allowed set. */
  public void allowOnly(String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (Map.Entry<String, JsonValue> e : object().entrySet()) {
      if (!ok.contains(e.getKey())) {
        throw e.getValue()
            .error("unknown field \"" + e.getKey() + "\"; allowed: " + new java.util.TreeSet<>(ok));
      }
    }
  }

  /** This value as a string. */
  public String asString() {
    if (!(value instanceof String s)) {
      throw error("expected a string, found " + describe());
    }
    return s;
  }

  /** This value as a finite number. */
  public double asDouble() {
    if (!(value instanceof Double d)) {
      throw error("expected a number, found " + describe());
    }
    return d;
  }

  /** This value as an integer. */
  public int asInt() {
    double d = asDouble();
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw error("expected a whole number, found " + d);
    }
    return (int) d;
  }

  /** This value as a long integer. */
  public long asLong() {
    double d = asDouble();
    if (d != Math.rint(d) || Math.abs(d) > 9.007199254740992E15) {
      throw error("expected a whole number, found " + d);
    }
    return (long) d;
  }

  /** This value as a boolean. */
  public boolean asBoolean() {
    if (!(value instanceof Boolean b)) {
      throw error("expected true or false, found " + describe());
    }
    return b;
  }

  /** This value as an array. */
  @SuppressWarnings("unchecked")
  public List<JsonValue> asArray() {
    if (!(value instanceof List)) {
      throw error("expected an array, found " + describe());
    }
    return (List<JsonValue>) value;
  }

  /** This value as an array of numbers, with a required length, or any length when negative. */
  public double[] asDoubles(int length) {
    List<JsonValue> items = asArray();
    if (length >= 0 && items.size() != length) {
      throw error("expected " + length + " numbers, found " + items.size());
    }
    double[] out = new double[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = items.get(i).asDouble();
    }
    return out;
  }

  /** This value as an array of strings. */
  public List<String> asStrings() {
    List<String> out = new ArrayList<>();
    for (JsonValue v : asArray()) {
      out.add(v.asString());
    }
    return out;
  }

  /** The optional number field {@code name}, or {@code fallback}. */
  public double optDouble(String name, double fallback) {
    JsonValue v = opt(name);
    return v == null ? fallback : v.asDouble();
  }

  /** The optional integer field {@code name}, or {@code fallback}. */
  public int optInt(String name, int fallback) {
    JsonValue v = opt(name);
    return v == null ? fallback : v.asInt();
  }

  /** The optional string field {@code name}, or {@code fallback}. */
  public String optString(String name, String fallback) {
    JsonValue v = opt(name);
    return v == null ? fallback : v.asString();
  }

  /** The optional boolean field {@code name}, or {@code fallback}. */
  public boolean optBoolean(String name, boolean fallback) {
    JsonValue v = opt(name);
    return v == null ? fallback : v.asBoolean();
  }

  /** This value converted to plain Java maps, lists, strings, doubles, booleans and nulls. */
  public Object toPlain() {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put((String) e.getKey(), ((JsonValue) e.getValue()).toPlain());
      }
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(((JsonValue) o).toPlain());
      }
      return out;
    }
    return value;
  }

  @Override
  public String toString() {
    return path + " (line " + line + "): " + describe();
  }
}
