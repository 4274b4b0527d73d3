package io.delos.actors.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models directory as the model hosts see it: a model id names a folder directly inside it, and
 * a folder holds a model of a kind when that kind's metadata file is there.
 *
 * <p>An id that resolves anywhere else (the directory itself, its parent, a nested path) is not
 * found, so a client cannot reach files outside the directory.
 */
public final class ModelDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(ModelDirectory.class);

  private final Path directory;
  private final Predicate<Path> holdsModel;
  private final String kind;

  /**
   * A view of one kind of model.
   *
   * @param directory the models directory, or null when none is configured
   * @param holdsModel whether a folder holds a model of this kind
   * @param kind the kind in words, singular, for messages, for example "forecaster"
   */
  public ModelDirectory(Path directory, Predicate<Path> holdsModel, String kind) {
    this.directory = directory;
    this.holdsModel = holdsModel;
    this.kind = kind;
  }

  /**
   * Where model {@code id} is.
   *
   * @param folder its folder, or null when there is none
   * @param notFound why there is none (names the directory and the models it holds); null with a
   *     folder
   */
  public record Lookup(Path folder, String notFound) {}

  /** The folder of model {@code id}, or why there is none. */
  public Lookup find(String id) {
    if (directory == null) {
      return new Lookup(
          null,
          "no models directory is configured (delos.models.directory), so no "
              + kind
              + " is served");
    }
    Path folder = directory.resolve(id).normalize();
    if (!directory.normalize().equals(folder.getParent()) || !holdsModel.test(folder)) {
      return new Lookup(
          null,
          "no "
              + kind
              + " '"
              + id
              + "' in the models directory "
              + directory
              + "; "
              + kind
              + "s there: "
              + available());
    }
    return new Lookup(folder, null);
  }

  /** Ids of the folders in the directory that hold a model of this kind, sorted. */
  public List<String> available() {
    List<String> out = new ArrayList<>();
    if (directory == null) {
      return out;
    }
    try (Stream<Path> s = Files.list(directory)) {
      s.filter(holdsModel).forEach(p -> out.add(p.getFileName().toString()));
    } catch (IOException e) {
      LOG.warn("cannot list the models directory {}: {}", directory, e.getMessage());
    }
    out.sort(null);
    return out;
  }
}
