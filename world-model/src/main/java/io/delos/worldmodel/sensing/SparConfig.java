package io.delos.worldmodel.sensing;

/**
 * Settings of a {@link SparModel}: sizes, which placement embeddings are on, the two pretraining
 * objectives and their masking, and the optimiser.
 *
 * <p>The paper leaves loss weights and masking ratios open (Chen, Wang, Lyu et al., 2025, arXiv
 * 2505.16936); these are ours and are data, not constants.
 *
 * @param window samples per node window, 4 to 4096
 * @param roles number of distinct (mounting, modality) roles, as {@code mountings · modalities}
 * @param modalities number of modality indices, 1 to 64 (a role is {@code mounting · modalities +
 *     modality})
 * @param width model width d, 4 to 1024, a multiple of {@code heads}
 * @param heads attention heads, 1 to 64
 * @param layers transformer blocks, 1 to 32
 * @param fourierFeatures random frequencies of the spatial embedding, 1 to 512
 * @param fourierScale standard deviation of those frequencies, cycles per normalised unit, in (0,
 *     100]
 * @param spatial whether the spatial (Fourier position) embedding is added
 * @param structural whether the structural (role) embedding is added
 * @param signalMaskRatio share of a scene's nodes whose signal is hidden and reconstructed, in (0,
 *     0.9]
 * @param positionMaskRatio share of a scene's nodes whose position is hidden and reconstructed, in
 *     [0, 0.9]; the two masked sets are disjoint and leave at least one node whole
 * @param signalWeight weight of the masked-signal loss, >= 0
 * @param positionWeight weight of the position-from-signal loss, >= 0 (0: signal reconstruction
 *     only); the two weights may not both be 0
 * @param epochs pretraining passes over the scenes, 1 to 10000
 * @param batchSize scenes per step, 1 to 4096
 * @param learningRate AdamW step size, in (0, 1]
 * @param seed seeds weights, frequencies, masks and shuffling
 */
public record SparConfig(
    int window,
    int roles,
    int modalities,
    int width,
    int heads,
    int layers,
    int fourierFeatures,
    double fourierScale,
    boolean spatial,
    boolean structural,
    double signalMaskRatio,
    double positionMaskRatio,
    double signalWeight,
    double positionWeight,
    int epochs,
    int batchSize,
    double learningRate,
    long seed) {
  /** Validates the fields. */
  public SparConfig {
    Checks.range("window", window, 4, 4096);
    Checks.range("modalities", modalities, 1, 64);
    Checks.range("roles", roles, modalities, 4096);
    Checks.range("width", width, 4, 1024);
    Checks.range("heads", heads, 1, 64);
    if (width % heads != 0) {
      throw new IllegalArgumentException(
          "width = " + width + ": allowed a multiple of heads = " + heads);
    }
    Checks.range("layers", layers, 1, 32);
    Checks.range("fourierFeatures", fourierFeatures, 1, 512);
    if (!(fourierScale > 0 && fourierScale <= 100)) {
      throw new IllegalArgumentException("fourierScale = " + fourierScale + ": allowed (0, 100]");
    }
    if (!(signalMaskRatio > 0 && signalMaskRatio <= 0.9)) {
      throw new IllegalArgumentException(
          "signalMaskRatio = " + signalMaskRatio + ": allowed (0, 0.9]");
    }
    Checks.range("positionMaskRatio", positionMaskRatio, 0, 0.9);
    Checks.range("signalWeight", signalWeight, 0, 1e6);
    Checks.range("positionWeight", positionWeight, 0, 1e6);
    if (signalWeight == 0 && positionWeight == 0) {
      throw new IllegalArgumentException(
          "signalWeight = 0 and positionWeight = 0: allowed at least one > 0");
    }
    Checks.range("epochs", epochs, 1, 10_000);
    Checks.range("batchSize", batchSize, 1, 4096);
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException("learningRate = " + learningRate + ": allowed in (0, 1]");
    }
  }

  /** The same settings without the spatial and the structural embedding (the first ablation). */
  public SparConfig withoutPlacement() {
    return new SparConfig(
        window,
        roles,
        modalities,
        width,
        heads,
        layers,
        fourierFeatures,
        fourierScale,
        false,
        false,
        signalMaskRatio,
        positionMaskRatio,
        signalWeight,
        positionWeight,
        epochs,
        batchSize,
        learningRate,
        seed);
  }

  /** The same settings pretrained on masked-signal reconstruction only (the second ablation). */
  public SparConfig withSignalReconstructionOnly() {
    return new SparConfig(
        window,
        roles,
        modalities,
        width,
        heads,
        layers,
        fourierFeatures,
        fourierScale,
        spatial,
        structural,
        signalMaskRatio,
        0,
        signalWeight > 0 ? signalWeight : 1,
        0,
        epochs,
        batchSize,
        learningRate,
        seed);
  }

  /** The same settings with another seed. */
  public SparConfig withSeed(long newSeed) {
    return new SparConfig(
        window,
        roles,
        modalities,
        width,
        heads,
        layers,
        fourierFeatures,
        fourierScale,
        spatial,
        structural,
        signalMaskRatio,
        positionMaskRatio,
        signalWeight,
        positionWeight,
        epochs,
        batchSize,
        learningRate,
        newSeed);
  }
}
