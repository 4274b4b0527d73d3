package io.delos.robots.ros.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A set of ROS 1 message and service definitions, and the specs, MD5 sums and full definition texts
 * computed from them exactly as ROS 1 ({@code genmsg}) computes them.
 *
 * <p>{@link #builtIn()} holds the definitions shipped with Delos: the packages {@code std_msgs},
 * {@code geometry_msgs}, {@code sensor_msgs}, {@code nav_msgs}, {@code std_srvs} and {@code
 * actionlib_msgs}, copied from ROS Noetic. Definitions of any other package are added at run time
 * with {@link #withPackagesUnder(Path)}, {@link #withPackage(String, Path)}, {@link #withMessage}
 * or {@link #withService}; each returns a new set and leaves this one unchanged.
 *
 * <p>Threading: safe for concurrent use; specs are computed once and cached.
 */
public final class MessageDefinitions {
  private static final String RESOURCES = "/io/delos/robots/ros/definitions/";
  private static final String SEPARATOR = "=".repeat(80);

  private final Map<String, String> messages;
  private final Map<String, String> services;
  private final Map<String, MessageSpec> specs = new ConcurrentHashMap<>();
  private final Map<String, ServiceSpec> serviceSpecs = new ConcurrentHashMap<>();

  private MessageDefinitions(Map<String, String> messages, Map<String, String> services) {
    this.messages = Collections.unmodifiableMap(new HashMap<>(messages));
    this.services = Collections.unmodifiableMap(new HashMap<>(services));
  }

  private static final class BuiltIn {
    static final MessageDefinitions INSTANCE = loadBuiltIn();
  }

  /** The definitions shipped with Delos (see the class comment for the packages). */
  public static MessageDefinitions builtIn() {
    return BuiltIn.INSTANCE;
  }

  /** A set without any definitions. */
  public static MessageDefinitions empty() {
    return new MessageDefinitions(Map.of(), Map.of());
  }

  private static MessageDefinitions loadBuiltIn() {
    Map<String, String> msgs = new HashMap<>();
    Map<String, String> srvs = new HashMap<>();
    for (String entry : readResource("index.txt").split("\n")) {
      String e = entry.strip();
      if (e.isEmpty()) {
        continue;
      }
      String[] parts = e.split("/");
      String name = parts[2].substring(0, parts[2].lastIndexOf('.'));
      String text = readResource(e);
      if (parts[1].equals("msg")) {
        msgs.put(parts[0] + "/" + name, text);
      } else {
        srvs.put(parts[0] + "/" + name, text);
      }
    }
    return new MessageDefinitions(msgs, srvs);
  }

  private static String readResource(String path) {
    try (InputStream in = MessageDefinitions.class.getResourceAsStream(RESOURCES + path)) {
      if (in == null) {
        throw new IllegalStateException("definition resource " + RESOURCES + path + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * This set plus a message definition; a definition of the same type is replaced.
   *
   * @param type {@code package/Name}
   * @param text the {@code .msg} text
   */
  public MessageDefinitions withMessage(String type, String text) {
    DefinitionParser.requireTypeName(type);
    Map<String, String> m = new HashMap<>(messages);
    m.put(type, java.util.Objects.requireNonNull(text, "text"));
    return new MessageDefinitions(m, services);
  }

  /**
   * This set plus a service definition; a definition of the same type is replaced.
   *
   * @param type {@code package/Name}
   * @param text the {@code .srv} text
   */
  public MessageDefinitions withService(String type, String text) {
    DefinitionParser.requireTypeName(type);
    Map<String, String> s = new HashMap<>(services);
    s.put(type, java.util.Objects.requireNonNull(text, "text"));
    return new MessageDefinitions(messages, s);
  }

  /**
   * This set plus one package's definitions from {@code packageDir/msg/*.msg} and {@code
   * packageDir/srv/*.srv}.
   *
   * @param packageName the package name, for example {@code "turtlesim"}
   * @param packageDir the package folder
   * @throws UncheckedIOException when a file cannot be read
   */
  public MessageDefinitions withPackage(String packageName, Path packageDir) {
    Map<String, String> m = new HashMap<>(messages);
    Map<String, String> s = new HashMap<>(services);
    addPackage(packageName, packageDir, m, s);
    return new MessageDefinitions(m, s);
  }

  /**
   * This set plus the definitions of every package folder directly under {@code root} that has a
   * {@code msg} or {@code srv} subfolder: the layout of {@code /usr/share} on Debian and of a
   * catkin {@code src} folder.
   *
   * @throws UncheckedIOException when the folder cannot be listed or a file cannot be read
   */
  public MessageDefinitions withPackagesUnder(Path root) {
    Map<String, String> m = new HashMap<>(messages);
    Map<String, String> s = new HashMap<>(services);
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.sorted().toList()) {
        if (Files.isDirectory(dir.resolve("msg")) || Files.isDirectory(dir.resolve("srv"))) {
          addPackage(dir.getFileName().toString(), dir, m, s);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list message packages under " + root, e);
    }
    return new MessageDefinitions(m, s);
  }

  private static void addPackage(
      String pkg, Path dir, Map<String, String> msgs, Map<String, String> srvs) {
    addFiles(pkg, dir.resolve("msg"), ".msg", msgs);
    addFiles(pkg, dir.resolve("srv"), ".srv", srvs);
  }

  private static void addFiles(String pkg, Path dir, String suffix, Map<String, String> into) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String file = f.getFileName().toString();
        if (file.endsWith(suffix) && Files.isRegularFile(f)) {
          String type = pkg + "/" + file.substring(0, file.length() - suffix.length());
          DefinitionParser.requireTypeName(type);
          into.put(type, Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read definitions in " + dir, e);
    }
  }

  /** The message types defined here, sorted (request and response types of services excluded). */
  public Set<String> messageTypes() {
    return Collections.unmodifiableSet(new TreeSet<>(messages.keySet()));
  }

  /** The service types defined here, sorted. */
  public Set<String> serviceTypes() {
    return Collections.unmodifiableSet(new TreeSet<>(services.keySet()));
  }

  /**
   * True when {@code type} is a message type here, including service request and response types.
   */
  public boolean hasMessage(String type) {
    return messages.containsKey(type) || serviceOfPart(type) != null;
  }

  /** True when {@code type} is a service type here. */
  public boolean hasService(String type) {
    return services.containsKey(type);
  }

  /** The raw {@code .msg} text of {@code type}, or null. */
  public String messageText(String type) {
    return messages.get(type);
  }

  /**
   * The resolved spec of a message type; {@code package/NameRequest} and {@code
   * package/NameResponse} name the halves of service {@code package/Name}.
   *
   * @throws IllegalArgumentException when the type, or a type it uses, is unknown or invalid; the
   *     message names the type and the chain of fields that needs it
   */
  public MessageSpec message(String type) {
    MessageSpec s = specs.get(type);
    if (s != null) {
      return s;
    }
    synchronized (this) {
      return build(type, new ArrayDeque<>());
    }
  }

  /**
   * The resolved spec of a service type.
   *
   * @throws IllegalArgumentException when the type, or a type it uses, is unknown or invalid
   */
  public ServiceSpec service(String type) {
    ServiceSpec s = serviceSpecs.get(type);
    if (s != null) {
      return s;
    }
    synchronized (this) {
      return buildService(type, new ArrayDeque<>());
    }
  }

  /** A new message of {@code type} with every field at its default (zeros, empty strings). */
  public Message newMessage(String type) {
    return new Message(message(type));
  }

  private String serviceOfPart(String type) {
    for (String suffix : new String[] {"Request", "Response"}) {
      if (type.endsWith(suffix)) {
        String service = type.substring(0, type.length() - suffix.length());
        if (services.containsKey(service)) {
          return service;
        }
      }
    }
    return null;
  }

  private ServiceSpec buildService(String type, Deque<String> stack) {
    ServiceSpec cached = serviceSpecs.get(type);
    if (cached != null) {
      return cached;
    }
    String text = services.get(type);
    if (text == null) {
      throw new IllegalArgumentException(
          "unknown service type '"
              + type
              + "'; add its .srv definition (known: "
              + services.size()
              + " services, for example "
              + services.keySet().stream().sorted().limit(5).toList()
              + ")");
    }
    String[] halves = DefinitionParser.splitService(type, text);
    MessageSpec request =
        buildFrom(DefinitionParser.parseMessage(type + "Request", halves[0]), stack);
    MessageSpec response =
        buildFrom(DefinitionParser.parseMessage(type + "Response", halves[1]), stack);
    String md5 =
        md5Hex(
            md5Text(DefinitionParser.parseMessage(type + "Request", halves[0]))
                + md5Text(DefinitionParser.parseMessage(type + "Response", halves[1])));
    ServiceSpec spec = new ServiceSpec(type, text, request, response, md5);
    serviceSpecs.put(type, spec);
    return spec;
  }

  private MessageSpec build(String type, Deque<String> stack) {
    MessageSpec cached = specs.get(type);
    if (cached != null) {
      return cached;
    }
    String text = messages.get(type);
    if (text == null) {
      String service = serviceOfPart(type);
      if (service != null) {
        buildService(service, stack);
        return specs.get(type);
      }
      throw new IllegalArgumentException(
          "unknown message type '"
              + type
              + "'"
              + (stack.isEmpty() ? "" : " (needed by " + String.join(" <- ", stack) + ")")
              + "; add its .msg definition with withPackagesUnder, withPackage or withMessage");
    }
    return buildFrom(DefinitionParser.parseMessage(type, text), stack);
  }

  private MessageSpec buildFrom(DefinitionParser.Parsed parsed, Deque<String> stack) {
    String type = parsed.type();
    MessageSpec cached = specs.get(type);
    if (cached != null) {
      return cached;
    }
    if (stack.contains(type)) {
      throw new IllegalArgumentException(
          "message type " + type + " contains itself: " + String.join(" <- ", stack));
    }
    stack.push(type);
    try {
      List<FieldSpec> fields = new ArrayList<>();
      for (DefinitionParser.ParsedField f : parsed.fields()) {
        String base = DefinitionParser.baseType(f.type());
        MessageSpec nested = BuiltinType.isBuiltin(base) ? null : build(base, stack);
        fields.add(
            new FieldSpec(
                f.name(),
                f.type(),
                base,
                f.type().endsWith("]"),
                DefinitionParser.arrayLength(f.type()),
                nested));
      }
      MessageSpec spec =
          new MessageSpec(
              type,
              parsed.text(),
              fields,
              parsed.constants(),
              md5Hex(md5Text(parsed)),
              fullText(parsed, fields));
      specs.put(type, spec);
      return spec;
    } finally {
      stack.pop();
    }
  }

  /** The text whose MD5 is the type's MD5 ({@code genmsg.compute_md5_text}). */
  private String md5Text(DefinitionParser.Parsed parsed) {
    StringBuilder sb = new StringBuilder();
    for (ConstantSpec c : parsed.constants()) {
      sb.append(c.type()).append(' ').append(c.name()).append('=').append(c.valueText());
      sb.append('\n');
    }
    for (DefinitionParser.ParsedField f : parsed.fields()) {
      String base = DefinitionParser.baseType(f.type());
      if (BuiltinType.isBuiltin(base)) {
        sb.append(f.type());
      } else {
        sb.append(specs.get(base).md5());
      }
      sb.append(' ').append(f.name()).append('\n');
    }
    return sb.toString().strip();
  }

  /** The full definition text ({@code genmsg.compute_full_text}). */
  private static String fullText(DefinitionParser.Parsed parsed, List<FieldSpec> fields) {
    Set<MessageSpec> deps = new LinkedHashSet<>();
    collect(fields, deps, new HashSet<>());
    StringBuilder sb = new StringBuilder(parsed.text()).append('\n');
    for (MessageSpec d : deps) {
      sb.append(SEPARATOR).append('\n');
      sb.append("MSG: ").append(d.type()).append('\n');
      sb.append(d.text()).append('\n');
    }
    sb.setLength(sb.length() - 1);
    return sb.toString();
  }

  private static void collect(List<FieldSpec> fields, Set<MessageSpec> out, Set<String> seen) {
    for (FieldSpec f : fields) {
      if (f.message() != null) {
        if (seen.add(f.message().type())) {
          out.add(f.message());
          collect(f.message().fields(), out, seen);
        }
      }
    }
  }

  static String md5Hex(String text) {
    try {
      byte[] d = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(32);
      for (byte b : d) {
        sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }
}
