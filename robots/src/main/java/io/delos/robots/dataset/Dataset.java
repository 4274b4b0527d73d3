package io.delos.robots.dataset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A dataset folder opened for reading: its manifest, and its shards read on demand with their
 * checksums verified. Files not listed in the manifest (temporary files of an interrupted
 * collection, shards written after the last manifest update) are ignored.
 *
 * <p>Threading: safe for concurrent reads.
 */
public final class Dataset {
  private final Path folder;
  private final Manifest manifest;

  private Dataset(Path folder, Manifest manifest) {
    this.folder = folder;
    this.manifest = manifest;
  }

  /**
   * Opens the dataset in {@code folder}.
   *
   * @throws DatasetException when the manifest is missing, malformed or of an unknown version
   */
  public static Dataset open(Path folder) {
    Path file = folder.resolve(Manifest.FILE);
    if (!Files.isRegularFile(file)) {
      throw new DatasetException("no dataset in " + folder + ": " + Manifest.FILE + " is missing");
    }
    try {
      return new Dataset(
          folder, Manifest.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The manifest. */
  public Manifest manifest() {
    return manifest;
  }

  /** The finished shards, sorted by file name. */
  public List<Manifest.Shard> shards() {
    return manifest.shards();
  }

  /**
   * Reads one shard after checking its size and SHA-256 against the manifest.
   *
   * @throws DatasetException when the file is missing or its checksum disagrees
   */
  public ShardData read(Manifest.Shard shard) {
    Path file = folder.resolve(shard.file());
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DatasetException("shard " + shard.file() + " cannot be read: " + e.getMessage(), e);
    }
    String sha = sha256(bytes);
    if (!sha.equals(shard.sha256())) {
      throw new DatasetException(
          "shard "
              + shard.file()
              + " fails its checksum: the manifest says SHA-256 "
              + shard.sha256()
              + ", the file ("
              + bytes.length
              + " bytes) has "
              + sha);
    }
    Map<String, Npz.Array> a;
    try {
      a = Npz.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new DatasetException("shard " + shard.file() + " is not a readable archive", e);
    }
    Manifest.SystemInfo system = manifest.system(shard.system());
    return new ShardData(
        shard,
        system.observationNames().size(),
        system.actionNames().size(),
        array(a, "observations", shard).values(),
        array(a, "actions", shard).values(),
        array(a, "rewards", shard).values(),
        array(a, "times", shard).values(),
        array(a, "flags", shard).integers(),
        array(a, "episode_ids", shard).integers(),
        array(a, "last_observations", shard).values());
  }

  private static Npz.Array array(Map<String, Npz.Array> arrays, String name, Manifest.Shard s) {
    Npz.Array a = arrays.get(name);
    if (a == null) {
      throw new DatasetException(
          "shard " + s.file() + " has no array '" + name + "'; it has " + arrays.keySet());
    }
    return a;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
