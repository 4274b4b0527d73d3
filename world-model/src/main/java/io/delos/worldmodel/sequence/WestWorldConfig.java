package io.delos.worldmodel.sequence;

import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes of WestWorld and of the baselines trained beside it on the same data and budget, read from
 * {@code delos-westworld-config} files ({@code cpu.json}, {@code paper.json}).
 *
 * @param name configuration name
 * @param d model width, a multiple of 4 and of {@code heads}
 * @param blocks number of blocks, >= 1
 * @param heads attention heads, >= 1
 * @param bins value bins K of the soft histogram, >= 2
 * @param ffnHidden hidden width of the per-step feed-forward layer
 * @param experts number of experts P of the Sys-MoE layer, >= 1
 * @param expertHidden hidden width of each expert MLP
 * @param router {@code dense} (softmax mixture of all experts, the paper's) or {@code topk}
 * @param topK experts kept per sequence by the {@code topk} router, 1..experts
 * @param balanceWeight weight of the load-balancing loss of the {@code topk} router, >= 0
 * @param ssmInner inner width of the state-space layer, a multiple of {@code ssmHeads}
 * @param ssmHeads scan heads (decay rates) of the state-space layer
 * @param ssmState state size per head
 * @param ssmConv width of the causal convolution before the scan
 * @param ssmChunk chunk length of the scan
 * @param window steps per training window (observed + predicted), >= 2
 * @param observed steps given before the predicted ones, 1..window-1
 * @param maxObservations largest number of observation channels of a system
 * @param maxActions largest number of action channels of a system
 * @param maxBodies rows of each structural embedding table (bodies and ranks are below it)
 * @param mlpHidden hidden width of each member of the MLP-ensemble baseline
 * @param ensemble members of the MLP-ensemble baseline, >= 1
 * @param tdmContext steps of context of the flattened-token (TDM) baseline, >= 1: each token
 *     attends to the tokens of its own step and of the {@code tdmContext − 1} steps before it
 */
public record WestWorldConfig(
    String name,
    int d,
    int blocks,
    int heads,
    int bins,
    int ffnHidden,
    int experts,
    int expertHidden,
    String router,
    int topK,
    double balanceWeight,
    int ssmInner,
    int ssmHeads,
    int ssmState,
    int ssmConv,
    int ssmChunk,
    int window,
    int observed,
    int maxObservations,
    int maxActions,
    int maxBodies,
    int mlpHidden,
    int ensemble,
    int tdmContext) {
  /** The format name of configuration files. */
  public static final String FORMAT = "delos-westworld-config";

  /** Validates every size, naming the field, the value and what is allowed. */
  public WestWorldConfig {
    positive("d", d);
    positive("blocks", blocks);
    positive("heads", heads);
    positive("ffnHidden", ffnHidden);
    positive("experts", experts);
    positive("expertHidden", expertHidden);
    positive("ssmInner", ssmInner);
    positive("ssmHeads", ssmHeads);
    positive("ssmState", ssmState);
    positive("ssmConv", ssmConv);
    positive("ssmChunk", ssmChunk);
    positive("maxObservations", maxObservations);
    positive("maxActions", maxActions);
    positive("maxBodies", maxBodies);
    positive("mlpHidden", mlpHidden);
    positive("ensemble", ensemble);
    positive("tdmContext", tdmContext);
    if (d % 4 != 0 || d % heads != 0) {
      throw new IllegalArgumentException(
          "d = " + d + ": must be a multiple of 4 and of heads = " + heads);
    }
    if (bins < 2) {
      throw new IllegalArgumentException("bins = " + bins + ": must be >= 2");
    }
    if (!router.equals("dense") && !router.equals("topk")) {
      throw new IllegalArgumentException("router = '" + router + "': allowed dense, topk");
    }
    if (topK < 1 || topK > experts) {
      throw new IllegalArgumentException("topK = " + topK + ": allowed 1.." + experts);
    }
    if (!(balanceWeight >= 0)) {
      throw new IllegalArgumentException("balanceWeight = " + balanceWeight + ": must be >= 0");
    }
    if (ssmInner % ssmHeads != 0) {
      throw new IllegalArgumentException(
          "ssmInner = " + ssmInner + ": must be a multiple of ssmHeads = " + ssmHeads);
    }
    if (window < 2) {
      throw new IllegalArgumentException("window = " + window + ": must be >= 2");
    }
    if (observed < 1 || observed >= window) {
      throw new IllegalArgumentException(
          "observed = " + observed + ": allowed 1.." + (window - 1) + " (window " + window + ")");
    }
  }

  private static void positive(String field, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(field + " = " + v + ": must be >= 1");
    }
  }

  /** Steps predicted per window. */
  public int predicted() {
    return window - observed;
  }

  /** This configuration with another router. */
  public WestWorldConfig withRouter(String newRouter, int newTopK) {
    return new WestWorldConfig(
        name,
        d,
        blocks,
        heads,
        bins,
        ffnHidden,
        experts,
        expertHidden,
        newRouter,
        newTopK,
        balanceWeight,
        ssmInner,
        ssmHeads,
        ssmState,
        ssmConv,
        ssmChunk,
        window,
        observed,
        maxObservations,
        maxActions,
        maxBodies,
        mlpHidden,
        ensemble,
        tdmContext);
  }

  /** The built-in configuration {@code cpu} or {@code paper}. */
  public static WestWorldConfig builtIn(String name) {
    String path = "/io/delos/worldmodel/westworld/" + name + ".json";
    try (InputStream in = WestWorldConfig.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no built-in WestWorld configuration '" + name + "'; built in: cpu, paper");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a configuration file's {@code model} section (or the whole file). */
  public static WestWorldConfig parse(String text, String source) {
    JsonValue root = Json.parse(text, source);
    if (root.has("format")) {
      root.allowOnly("format", "version", "name", "notes", "model", "training");
      if (!root.get("format").asString().equals(FORMAT)) {
        throw root.get("format").error("expected \"" + FORMAT + "\"");
      }
      if (root.get("version").asInt() != 1) {
        throw root.get("version")
            .error("version " + root.get("version").asInt() + " found; this build reads version 1");
      }
      return fromJson(root.get("model"), root.get("name").asString());
    }
    return fromJson(root, root.optString("name", "custom"));
  }

  /** Reads the fields written by {@link #toJson}. */
  public static WestWorldConfig fromJson(JsonValue m, String name) {
    m.allowOnly(
        "name",
        "d",
        "blocks",
        "heads",
        "bins",
        "ffnHidden",
        "experts",
        "expertHidden",
        "router",
        "topK",
        "balanceWeight",
        "ssmInner",
        "ssmHeads",
        "ssmState",
        "ssmConv",
        "ssmChunk",
        "window",
        "observed",
        "maxObservations",
        "maxActions",
        "maxBodies",
        "mlpHidden",
        "ensemble",
        "tdmContext");
    return new WestWorldConfig(
        m.optString("name", name),
        m.get("d").asInt(),
        m.get("blocks").asInt(),
        m.get("heads").asInt(),
        m.get("bins").asInt(),
        m.get("ffnHidden").asInt(),
        m.get("experts").asInt(),
        m.get("expertHidden").asInt(),
        m.optString("router", "dense"),
        m.optInt("topK", 1),
        m.optDouble("balanceWeight", 0.01),
        m.get("ssmInner").asInt(),
        m.get("ssmHeads").asInt(),
        m.get("ssmState").asInt(),
        m.optInt("ssmConv", 4),
        m.optInt("ssmChunk", 8),
        m.get("window").asInt(),
        m.get("observed").asInt(),
        m.get("maxObservations").asInt(),
        m.get("maxActions").asInt(),
        m.get("maxBodies").asInt(),
        m.get("mlpHidden").asInt(),
        m.get("ensemble").asInt(),
        m.optInt("tdmContext", 8));
  }

  /** The configuration as plain maps for JSON. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("d", d);
    m.put("blocks", blocks);
    m.put("heads", heads);
    m.put("bins", bins);
    m.put("ffnHidden", ffnHidden);
    m.put("experts", experts);
    m.put("expertHidden", expertHidden);
    m.put("router", router);
    m.put("topK", topK);
    m.put("balanceWeight", balanceWeight);
    m.put("ssmInner", ssmInner);
    m.put("ssmHeads", ssmHeads);
    m.put("ssmState", ssmState);
    m.put("ssmConv", ssmConv);
    m.put("ssmChunk", ssmChunk);
    m.put("window", window);
    m.put("observed", observed);
    m.put("maxObservations", maxObservations);
    m.put("maxActions", maxActions);
    m.put("maxBodies", maxBodies);
    m.put("mlpHidden", mlpHidden);
    m.put("ensemble", ensemble);
    m.put("tdmContext", tdmContext);
    return m;
  }
}
