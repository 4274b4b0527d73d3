package io.delos.actors.worldmodel;

import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluation's finished results, one JSON file per entry under {@code results/}, so an
 * interrupted evaluation resumes where it stopped and the report can be rebuilt from them.
 */
final class Results {
  private final Path folder;

  Results(Path folder) {
    this.folder = folder;
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(String name) {
    return folder.resolve(name + ".json");
  }

  boolean has(String name) {
    return Files.exists(file(name));
  }

  /** The entry as plain maps, lists, strings, doubles, or null when missing. */
  @SuppressWarnings("unchecked")
  Map<String, Object> get(String name) {
    if (!has(name)) {
      return null;
    }
    try {
      String text = Files.readString(file(name), StandardCharsets.UTF_8);
      JsonValue v = Json.parse(text, file(name).toString());
      return (Map<String, Object>) v.toPlain();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void put(String name, Map<String, Object> value) {
    try {
      Path tmp = folder.resolve(name + ".json.tmp");
      Files.writeString(tmp, Json.write(new LinkedHashMap<>(value)), StandardCharsets.UTF_8);
      Files.move(
          tmp, file(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double number(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
