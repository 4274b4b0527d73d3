package io.delos.worldmodel.physsm;

import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import io.delos.worldmodel.data.Normalizer;
import io.delos.worldmodel.nn.ParameterFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A forecaster saved in a folder, and the notes kept with it.
 *
 * <p>Layout: {@value #METADATA} holds UTF-8 JSON ({@code "format": "delos-forecaster"}, {@code
 * "version": 1}): the arm, the catalogue system whose physics declaration it was built with and
 * that declaration's {@link PhysicsDeclaration#summary() summary}, the observation and action
 * channel names, the configuration, the observation normaliser and the action statistics, the
 * control period (s), training facts (validation error, kept step, skipped steps, seconds), free
 * notes, and the parameter list (name and number of values, in network order) with the byte count
 * and CRC-32 of {@value #PARAMETERS}. {@value #PARAMETERS} holds each parameter's values as
 * little-endian float32, in the listed order. Values round-trip bit for bit.
 *
 * <p>The declaration itself is code ({@link KnownPhysics#forFamily}); loading rebuilds it from the
 * system's name and refuses the checkpoint when its summary differs from the saved one, so that a
 * forecaster is never run with physics other than those it was trained with.
 *
 * @param forecaster the loaded forecaster; the caller closes it
 * @param notes the notes saved with it
 */
public record ForecasterCheckpoint(Forecaster forecaster, Map<String, String> notes) {
  /** The format name in the metadata. */
  public static final String FORMAT = "delos-forecaster";

  /** The only format version this build reads and writes. */
  public static final int VERSION = 1;

  /** The metadata file's name inside the folder. */
  public static final String METADATA = "forecaster.json";

  /** The parameter file's name inside the folder. */
  public static final String PARAMETERS = "parameters.bin";

  /** Copies the notes. */
  public ForecasterCheckpoint {
    notes = Map.copyOf(notes);
  }

  /** Whether {@code folder} holds a saved forecaster's metadata (its content is not checked). */
  public static boolean isCheckpoint(Path folder) {
    return Files.isRegularFile(folder.resolve(METADATA));
  }

  /**
   * Writes {@code f} into {@code folder}: parameters first, then metadata, each to a temporary file
   * renamed into place, so that a reader never sees metadata without its parameters.
   *
   * @throws IllegalArgumentException when the forecaster's declaration is not the catalogue's
   *     declaration of its system
   * @throws UncheckedIOException when a file cannot be written
   */
  static void write(Forecaster f, Path folder, Map<String, String> notes) {
    PhysicsDeclaration d = f.declaration();
    String catalogue;
    try {
      catalogue = KnownPhysics.forFamily(d.system()).summary();
    } catch (IllegalArgumentException e) {
      catalogue = null;
    }
    if (!d.summary().equals(catalogue)) {
      throw new IllegalArgumentException(
          "the forecaster's physics declaration of '"
              + d.system()
              + "' is not KnownPhysics.forFamily(\""
              + d.system()
              + "\"): only forecasters of the catalogue declarations (pendulum, cartpole,"
              + " quadrotor, car) can be saved, since loading rebuilds the declaration from its"
              + " name");
    }
    ParameterFile.Encoded file = ParameterFile.encode(List.of(f.parameterValues()));

    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put("version", VERSION);
    meta.put("arm", f.arm().name());
    meta.put("system", d.system());
    meta.put("declaration", d.summary());
    meta.put("observations", List.copyOf(d.observations()));
    meta.put("actions", List.copyOf(d.actions()));
    meta.put("config", f.config().toJson());
    meta.put("normalizer", normalizer(f.normalizer()));
    meta.put("actionStatistics", normalizer(f.actionStatistics()));
    meta.put("controlPeriod", f.controlPeriod());
    meta.put("validationError", Double.isFinite(f.validationError()) ? f.validationError() : null);
    meta.put("bestIteration", f.bestIteration());
    meta.put("skippedIterations", f.skippedIterations());
    meta.put("trainingSeconds", f.trainingSeconds());
    meta.put("fingerprint", f.fingerprint());
    meta.put("notes", new LinkedHashMap<>(notes));
    meta.put("parameters", file.listings().get(0));
    meta.put("parameterBytes", file.bytes().length);
    meta.put("parameterCrc32", file.crc32());
    try {
      Files.createDirectories(folder);
      ParameterFile.replace(folder.resolve(PARAMETERS), file.bytes());
      ParameterFile.replace(
          folder.resolve(METADATA), Json.write(meta).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the forecaster in " + folder, e);
    }
  }

  private static Map<String, Object> normalizer(Normalizer n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", n.mean());
    m.put("std", n.std());
    return m;
  }

  /**
   * Loads the forecaster saved in {@code folder}.
   *
   * @throws ForecasterCheckpointException when the folder holds no forecaster, another format or
   *     version, damaged or mismatched parameters, or a declaration that differs from this build's;
   *     the message names the folder and what was found
   */
  public static ForecasterCheckpoint read(Path folder) {
    String source = folder.toString();
    JsonValue meta;
    byte[] raw;
    try {
      meta =
          Json.parse(
              Files.readString(folder.resolve(METADATA), StandardCharsets.UTF_8),
              folder.resolve(METADATA).toString());
      raw = Files.readAllBytes(folder.resolve(PARAMETERS));
    } catch (NoSuchFileException e) {
      throw new ForecasterCheckpointException(
          source + " holds no saved forecaster: " + e.getFile() + " is missing", e);
    } catch (IOException e) {
      throw new ForecasterCheckpointException(
          "cannot read the forecaster in " + source + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ForecasterCheckpointException(
          source + ": " + METADATA + " is not valid JSON: " + e.getMessage(), e);
    }
    try {
      String format = meta.has("format") ? meta.get("format").asString() : "none";
      int version = meta.has("version") ? meta.get("version").asInt() : -1;
      if (!format.equals(FORMAT) || version != VERSION) {
        throw new ForecasterCheckpointException(
            source
                + ": found format '"
                + format
                + "' version "
                + version
                + "; this build reads "
                + FORMAT
                + " version "
                + VERSION
                + " only");
      }
      Arm arm = arm(meta.get("arm").asString(), source);
      String system = meta.get("system").asString();
      PhysicsDeclaration declaration;
      try {
        declaration = KnownPhysics.forFamily(system);
      } catch (IllegalArgumentException e) {
        throw new ForecasterCheckpointException(source + ": " + e.getMessage(), e);
      }
      String saved = meta.get("declaration").asString();
      if (!saved.equals(declaration.summary())) {
        throw new ForecasterCheckpointException(
            source
                + ": it was trained with a physics declaration of '"
                + system
                + "' that differs from this build's; train it again. Saved:\n"
                + saved
                + "This build:\n"
                + declaration.summary());
      }
      ForecastConfig config = ForecastConfig.read(meta.get("config"), null);
      int o = declaration.observations().size();
      int m = declaration.actionSize();
      Normalizer normalizer = normalizer(meta.get("normalizer"), o);
      Normalizer actions = normalizer(meta.get("actionStatistics"), m);
      double period = meta.get("controlPeriod").asDouble();
      if (!(period > 0) || !Double.isFinite(period)) {
        throw new ForecasterCheckpointException(
            source + ": controlPeriod = " + period + " s; must be finite and > 0");
      }
      JsonValue v = meta.get("validationError");
      double validationError = v.isNull() ? Double.POSITIVE_INFINITY : v.asDouble();

      String damage =
          ParameterFile.problem(
              raw,
              meta.get("parameterBytes").asLong(),
              meta.get("parameterCrc32").asString(),
              PARAMETERS);
      if (damage != null) {
        throw new ForecasterCheckpointException(source + ": " + damage);
      }
      Map<String, float[]> values;
      try {
        values = ParameterFile.take(ParameterFile.reader(raw), meta.get("parameters"), PARAMETERS);
      } catch (IllegalArgumentException e) {
        throw new ForecasterCheckpointException(source + ": " + e.getMessage(), e);
      }
      Map<String, String> notes = new LinkedHashMap<>();
      JsonValue n = meta.get("notes");
      for (String field : n.fields()) {
        notes.put(field, n.get(field).asString());
      }
      Forecaster f;
      try {
        f =
            Forecaster.restore(
                declaration,
                arm,
                config,
                normalizer,
                actions,
                period,
                validationError,
                meta.get("bestIteration").asInt(),
                meta.get("skippedIterations").asInt(),
                meta.get("trainingSeconds").asDouble(),
                values);
      } catch (IllegalArgumentException e) {
        throw new ForecasterCheckpointException(
            source + ": the parameters do not fit the network: " + e.getMessage(), e);
      }
      return new ForecasterCheckpoint(f, notes);
    } catch (ForecasterCheckpointException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ForecasterCheckpointException(
          source + ": bad metadata in " + METADATA + ": " + e.getMessage(), e);
    }
  }

  private static Arm arm(String name, String source) {
    try {
      return Arm.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new ForecasterCheckpointException(
          source + ": arm '" + name + "' is unknown; known: " + List.of(Arm.values()), e);
    }
  }

  private static Normalizer normalizer(JsonValue json, int width) {
    double[] mean = json.get("mean").asDoubles(width);
    double[] std = json.get("std").asDoubles(width);
    for (int c = 0; c < width; c++) {
      if (!(std[c] > 0) || !Double.isFinite(std[c]) || !Double.isFinite(mean[c])) {
        throw new IllegalArgumentException(
            json.path() + ": channel " + c + " has mean " + mean[c] + " and std " + std[c]);
      }
    }
    return new Normalizer(mean, std);
  }
}
