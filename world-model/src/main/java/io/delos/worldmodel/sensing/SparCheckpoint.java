package io.delos.worldmodel.sensing;

import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import io.delos.worldmodel.nn.ParameterFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A pretrained SPAR model and the localisation head fitted on its frozen representations, saved in
 * a folder so that a server can answer with them.
 *
 * <p>Layout: {@value #METADATA} holds UTF-8 JSON ({@code "format": "delos-spar"}, {@code "version":
 * 1}): the model's {@link SparConfig} and {@link SparModel.Scaling}, the head's {@link
 * SparProbe.Fitted}, the role vocabulary (mounting names and modality names; a node's role is
 * written {@code "mounting/modality"}), the sampling rate the windows were recorded at (Hz), the
 * head's uncertainty (its per-axis root-mean-square error on held-out layouts, m), free notes, and
 * the two parameter lists (name and number of values, model first, then head) with the byte count
 * and CRC-32 of {@value #PARAMETERS}. {@value #PARAMETERS} holds each parameter's values as
 * little-endian float32 in the listed order, so values round-trip bit for bit.
 *
 * @param model the pretrained model; closed by {@link #close}
 * @param locator a regression head with two outputs (x and y, m) over the model's node
 *     representations; closed by {@link #close}
 * @param mountings mounting names, in index order
 * @param modalities modality names, in index order
 * @param sampleRate the rate every window was recorded at, Hz
 * @param uncertainty the locator's per-axis root-mean-square error on held-out layouts, m
 * @param version the CRC-32 of the parameters, as eight hex digits
 * @param notes free notes saved with it (the command, the data, the scores)
 */
public record SparCheckpoint(
    SparModel model,
    SparProbe locator,
    List<String> mountings,
    List<String> modalities,
    double sampleRate,
    double uncertainty,
    String version,
    Map<String, String> notes)
    implements AutoCloseable {
  /** The format name in the metadata. */
  public static final String FORMAT = "delos-spar";

  /** The only format version this build reads and writes. */
  public static final int VERSION = 1;

  /** The metadata file's name inside the folder. */
  public static final String METADATA = "spar.json";

  /** The parameter file's name inside the folder. */
  public static final String PARAMETERS = "parameters.bin";

  /** Checks that the parts fit together and copies the lists. */
  public SparCheckpoint {
    Checks.notNull("model", model);
    Checks.notNull("locator", locator);
    mountings = List.copyOf(mountings);
    modalities = List.copyOf(modalities);
    notes = Map.copyOf(notes);
    check(model, locator, mountings, modalities, sampleRate, uncertainty);
  }

  /** The role names, {@code "mounting/modality"}, in role-index order. */
  public List<String> roles() {
    List<String> out = new ArrayList<>();
    for (String m : mountings) {
      for (String k : modalities) {
        out.add(m + "/" + k);
      }
    }
    return out;
  }

  /** Whether {@code folder} holds a saved model's metadata (its content is not checked). */
  public static boolean isCheckpoint(Path folder) {
    return Files.isRegularFile(folder.resolve(METADATA));
  }

  /**
   * Writes a model and its localisation head into {@code folder}: parameters first, then metadata,
   * each to a temporary file renamed into place, so that a reader never sees metadata without its
   * parameters.
   *
   * @param notes free notes; keys and values are strings
   * @return the version (CRC-32 of the parameters) the saved model will report
   * @throws IllegalArgumentException when the parts do not fit together (see the record's
   *     parameters)
   * @throws UncheckedIOException when a file cannot be written
   */
  public static String write(
      Path folder,
      SparModel model,
      SparProbe locator,
      List<String> mountings,
      List<String> modalities,
      double sampleRate,
      double uncertainty,
      Map<String, String> notes) {
    Checks.notNull("model", model);
    Checks.notNull("locator", locator);
    Checks.notNull("mountings", mountings);
    Checks.notNull("modalities", modalities);
    Checks.notNull("notes", notes);
    check(model, locator, mountings, modalities, sampleRate, uncertainty);
    ParameterFile.Encoded file =
        ParameterFile.encode(List.of(model.parameterValues(), locator.parameterValues()));
    String version = file.crc32();

    SparModel.Scaling s = model.scaling();
    Map<String, Object> scaling = new LinkedHashMap<>();
    scaling.put("signal", s.signal());
    scaling.put("centreX", s.centreX());
    scaling.put("centreY", s.centreY());
    scaling.put("position", s.position());
    SparProbe.Fitted f = locator.fitted();
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("features", f.features());
    head.put("hidden", f.hidden());
    head.put("featureMean", list(f.featureMean()));
    head.put("featureStd", list(f.featureStd()));
    head.put("targetMean", list(f.targetMean()));
    head.put("targetStd", list(f.targetStd()));

    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put("version", VERSION);
    meta.put("config", config(model.config()));
    meta.put("scaling", scaling);
    meta.put("locator", head);
    meta.put("mountings", List.copyOf(mountings));
    meta.put("modalities", List.copyOf(modalities));
    meta.put("sampleRate", sampleRate);
    meta.put("uncertainty", uncertainty);
    meta.put("notes", new LinkedHashMap<>(notes));
    meta.put("modelParameters", file.listings().get(0));
    meta.put("locatorParameters", file.listings().get(1));
    meta.put("parameterBytes", file.bytes().length);
    meta.put("parameterCrc32", version);
    try {
      Files.createDirectories(folder);
      ParameterFile.replace(folder.resolve(PARAMETERS), file.bytes());
      ParameterFile.replace(
          folder.resolve(METADATA), Json.write(meta).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the SPAR model in " + folder, e);
    }
    return version;
  }

  /**
   * Loads the model saved in {@code folder}.
   *
   * @throws SparCheckpointException when the folder holds no model, another format or version, or
   *     damaged or mismatched parameters; the message names the folder and what was found
   */
  public static SparCheckpoint read(Path folder) {
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
      throw new SparCheckpointException(
          source + " holds no saved SPAR model: " + e.getFile() + " is missing", e);
    } catch (IOException e) {
      throw new SparCheckpointException(
          "cannot read the SPAR model in " + source + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new SparCheckpointException(
          source + ": " + METADATA + " is not valid JSON: " + e.getMessage(), e);
    }
    SparModel model = null;
    SparProbe locator = null;
    try {
      String format = meta.has("format") ? meta.get("format").asString() : "none";
      int version = meta.has("version") ? meta.get("version").asInt() : -1;
      if (!format.equals(FORMAT) || version != VERSION) {
        throw new SparCheckpointException(
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
      String damage =
          ParameterFile.problem(
              raw,
              meta.get("parameterBytes").asLong(),
              meta.get("parameterCrc32").asString(),
              PARAMETERS);
      if (damage != null) {
        throw new SparCheckpointException(source + ": " + damage);
      }
      String sum = meta.get("parameterCrc32").asString();
      ByteBuffer in = ParameterFile.reader(raw);
      Map<String, float[]> modelValues =
          ParameterFile.take(in, meta.get("modelParameters"), PARAMETERS);
      Map<String, float[]> locatorValues =
          ParameterFile.take(in, meta.get("locatorParameters"), PARAMETERS);
      if (in.hasRemaining()) {
        throw new SparCheckpointException(
            source + ": " + PARAMETERS + " has " + in.remaining() + " bytes after the last one");
      }
      JsonValue s = meta.get("scaling");
      model =
          SparModel.restore(
              config(meta.get("config")),
              new SparModel.Scaling(
                  s.get("signal").asDouble(),
                  s.get("centreX").asDouble(),
                  s.get("centreY").asDouble(),
                  s.get("position").asDouble()),
              modelValues);
      JsonValue h = meta.get("locator");
      int features = h.get("features").asInt();
      locator =
          SparProbe.restore(
              new SparProbe.Fitted(
                  features,
                  h.get("hidden").asInt(),
                  0,
                  h.get("featureMean").asDoubles(features),
                  h.get("featureStd").asDoubles(features),
                  h.get("targetMean").asDoubles(2),
                  h.get("targetStd").asDoubles(2)),
              locatorValues);
      Map<String, String> notes = new LinkedHashMap<>();
      JsonValue n = meta.get("notes");
      for (String k : n.fields()) {
        notes.put(k, n.get(k).asString());
      }
      return new SparCheckpoint(
          model,
          locator,
          meta.get("mountings").asStrings(),
          meta.get("modalities").asStrings(),
          meta.get("sampleRate").asDouble(),
          meta.get("uncertainty").asDouble(),
          sum,
          notes);
    } catch (SparCheckpointException e) {
      closeQuietly(model, locator);
      throw e;
    } catch (IllegalArgumentException e) {
      closeQuietly(model, locator);
      throw new SparCheckpointException(source + ": " + e.getMessage(), e);
    }
  }

  /** Closes the model and the head. */
  @Override
  public void close() {
    try {
      locator.close();
    } finally {
      model.close();
    }
  }

  private static void check(
      SparModel model,
      SparProbe locator,
      List<String> mountings,
      List<String> modalities,
      double sampleRate,
      double uncertainty) {
    SparProbe.Fitted f = locator.fitted();
    if (f.classes() != 0 || f.targetMean().length != 2) {
      throw new IllegalArgumentException(
          "locator is a "
              + (f.classes() != 0 ? f.classes() + "-class classifier" : "regressor")
              + " with "
              + f.targetMean().length
              + " outputs: allowed a regressor with 2 outputs (x and y)");
    }
    if (f.features() != model.representationSize()) {
      throw new IllegalArgumentException(
          "locator reads "
              + f.features()
              + " features per node: allowed the model's node representation size, "
              + model.representationSize());
    }
    names("mountings", mountings);
    names("modalities", modalities);
    SparConfig c = model.config();
    if (modalities.size() != c.modalities()) {
      throw new IllegalArgumentException(
          "modalities has "
              + modalities.size()
              + " names: allowed the model's modality count, "
              + c.modalities());
    }
    if ((long) mountings.size() * modalities.size() > c.roles()) {
      throw new IllegalArgumentException(
          "mountings has "
              + mountings.size()
              + " names: allowed at most "
              + c.roles() / c.modalities()
              + " (the model's roles / modalities)");
    }
    if (!(sampleRate > 0) || !Double.isFinite(sampleRate)) {
      throw new IllegalArgumentException(
          "sampleRate = " + sampleRate + " Hz: allowed finite and > 0");
    }
    if (!(uncertainty >= 0) || !Double.isFinite(uncertainty)) {
      throw new IllegalArgumentException(
          "uncertainty = " + uncertainty + " m: allowed finite and >= 0");
    }
  }

  private static void names(String field, List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException(field + " is empty: allowed >= 1 name");
    }
    if (new LinkedHashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException(field + " = " + names + ": allowed distinct names");
    }
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n == null || n.isBlank() || n.contains("/")) {
        throw new IllegalArgumentException(
            field + "[" + i + "] = '" + n + "': allowed a non-blank name without '/'");
      }
    }
  }

  private static Map<String, Object> config(SparConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("window", c.window());
    m.put("roles", c.roles());
    m.put("modalities", c.modalities());
    m.put("width", c.width());
    m.put("heads", c.heads());
    m.put("layers", c.layers());
    m.put("fourierFeatures", c.fourierFeatures());
    m.put("fourierScale", c.fourierScale());
    m.put("spatial", c.spatial());
    m.put("structural", c.structural());
    m.put("signalMaskRatio", c.signalMaskRatio());
    m.put("positionMaskRatio", c.positionMaskRatio());
    m.put("signalWeight", c.signalWeight());
    m.put("positionWeight", c.positionWeight());
    m.put("epochs", c.epochs());
    m.put("batchSize", c.batchSize());
    m.put("learningRate", c.learningRate());
    m.put("seed", c.seed());
    return m;
  }

  private static SparConfig config(JsonValue j) {
    return new SparConfig(
        j.get("window").asInt(),
        j.get("roles").asInt(),
        j.get("modalities").asInt(),
        j.get("width").asInt(),
        j.get("heads").asInt(),
        j.get("layers").asInt(),
        j.get("fourierFeatures").asInt(),
        j.get("fourierScale").asDouble(),
        j.get("spatial").asBoolean(),
        j.get("structural").asBoolean(),
        j.get("signalMaskRatio").asDouble(),
        j.get("positionMaskRatio").asDouble(),
        j.get("signalWeight").asDouble(),
        j.get("positionWeight").asDouble(),
        j.get("epochs").asInt(),
        j.get("batchSize").asInt(),
        j.get("learningRate").asDouble(),
        j.get("seed").asLong());
  }

  private static List<Double> list(double[] v) {
    List<Double> out = new ArrayList<>(v.length);
    for (double x : v) {
      out.add(x);
    }
    return out;
  }

  private static void closeQuietly(SparModel model, SparProbe locator) {
    if (locator != null) {
      locator.close();
    }
    if (model != null) {
      model.close();
    }
  }
}
