package io.delos.robots.ros.message;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fully resolved message type: its fields (with nested types resolved), constants, the original
 * definition text, the MD5 sum and the full {@code message_definition} text, both exactly as ROS 1
 * computes them.
 *
 * <p>Instances come from {@link MessageDefinitions}; they are immutable and may be shared between
 * threads.
 */
public final class MessageSpec {
  private final String type;
  private final String text;
  private final List<FieldSpec> fields;
  private final List<ConstantSpec> constants;
  private final String md5;
  private final String definition;
  private final Map<String, Integer> index = new HashMap<>();

  MessageSpec(
      String type,
      String text,
      List<FieldSpec> fields,
      List<ConstantSpec> constants,
      String md5,
      String definition) {
    this.type = Objects.requireNonNull(type, "type");
    this.text = Objects.requireNonNull(text, "text");
    this.fields = List.copyOf(fields);
    this.constants = List.copyOf(constants);
    this.md5 = Objects.requireNonNull(md5, "md5");
    this.definition = Objects.requireNonNull(definition, "definition");
    for (int i = 0; i < this.fields.size(); i++) {
      index.put(this.fields.get(i).name(), i);
    }
  }

  /** The type name, {@code package/Name}. */
  public String type() {
    return type;
  }

  /** The package part of {@link #type()}. */
  public String packageName() {
    return type.substring(0, type.indexOf('/'));
  }

  /** The definition text as written in the {@code .msg} file. */
  public String text() {
    return text;
  }

  /** The fields in wire order. */
  public List<FieldSpec> fields() {
    return fields;
  }

  /** The constants in declaration order. */
  public List<ConstantSpec> constants() {
    return constants;
  }

  /** The MD5 sum, 32 lower-case hex digits, as {@code rosmsg md5} prints it. */
  public String md5() {
    return md5;
  }

  /**
   * The full definition sent as {@code message_definition} in connection headers: this type's text
   * followed by the text of every nested type.
   */
  public String definition() {
    return definition;
  }

  /** The position of field {@code name}, or -1 when there is none. */
  public int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  /**
   * The field called {@code name}.
   *
   * @throws IllegalArgumentException naming the type and its fields when there is none
   */
  public FieldSpec field(String name) {
    int i = indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(
          "message type "
              + type
              + " has no field '"
              + name
              + "'; fields: "
              + fields.stream().map(FieldSpec::name).toList());
    }
    return fields.get(i);
  }

  /** The constant called {@code name}, or null. */
  public ConstantSpec constant(String name) {
    for (ConstantSpec c : constants) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageSpec s && s.type.equals(type) && s.md5.equals(md5);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + md5.hashCode();
  }

  @Override
  public String toString() {
    return type + " [" + md5 + "]";
  }
}
