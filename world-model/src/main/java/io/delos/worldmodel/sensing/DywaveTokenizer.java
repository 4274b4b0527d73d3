package io.delos.worldmodel.sensing;

import io.delos.sim.Vec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Dywave: event-aligned dynamic tokenization of multi-channel sensor streams (Kimura, Kara, Li et
 * al., 2026, arXiv 2605.14014). The paper fixes the idea (wavelet decomposition, boundaries at
 * physical events, redundant intervals compressed); the rules below are this implementation's.
 *
 * <ol>
 *   <li>Each channel x_c is mirrored to length 2N (so the periodic transform sees no jump at the
 *       ends) and decomposed by the {@link StationaryWaveletTransform} into J detail levels.
 *   <li>Detail energy, aligned so that a step starting at sample t peaks at t in every level (lag_j
 *       is measured once, on a unit step):
 *       <pre>  e_{c,j}[t] = w_{c,j}[t − lag_j]²</pre>
 *       and the score sums channels and levels, each relative to its own median so that neither a
 *       channel's units nor the steady energy of a smooth oscillation at one scale dominates, and
 *       each level weighted by 1/s (s = 2^(j−1)) so that the finer, better localised levels lead:
 *       <pre>  S[t] = Σ_c Σⱼ (1/s)·e_{c,j}[t] / median(e_{c,j})</pre>
 *   <li>Robust threshold on the log score, whose spread hardly depends on how busy the stream is:
 *       <pre>  log τ = median(log S) + k·1.4826·MAD(log S)</pre>
 *       Boundaries are local maxima of S above τ, taken highest first, each at least minGap samples
 *       from the others and from both ends, and parted from each higher one by a valley below
 *       √(τ·S[t]) (halfway down to τ in log), so one ragged transient gives one boundary.
 *   <li>Segments whose mean score is below mergeRatio times the median segment mean are candidates
 *       for merging: the quietest is merged into its quieter neighbour, repeatedly, while the
 *       merged segment stays within maxSegmentLength and is redundant (one token reconstructs it
 *       with at most 1.5 times the larger RMS error of the two tokens, so a quiet segment at
 *       another level than its neighbour stays apart). Segments longer than maxSegmentLength are
 *       split evenly.
 *   <li>Each segment becomes a {@link Token}: its start, its length and its shape resampled to K
 *       points per channel.
 * </ol>
 *
 * <p>Limitation: the score reacts to transients (steps, impacts, kinks in a signal's value or
 * slope), not to a sustained change of texture without one, such as a vibration whose frequency
 * shifts smoothly; such a change is found only where it starts or stops abruptly.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class DywaveTokenizer {
  /** 1/Φ⁻¹(3/4): makes the MAD a consistent estimate of a normal standard deviation. */
  private static final double MAD_TO_SIGMA = 1.4826;

  /** How much worse one token may describe two merged segments than two tokens, ratio of RMS. */
  private static final double REDUNDANCY_FACTOR = 1.5;

  private final DywaveConfig config;

  /** lag[j − 1]: samples from the step to the peak of level j's squared response to it. */
  private final int[] lag;

  /**
   * @param config the settings
   */
  public DywaveTokenizer(DywaveConfig config) {
    Checks.notNull("config", config);
    this.config = config;
    this.lag = stepLags(config.wavelet(), config.levels());
  }

  /**
   * Where each level's detail energy peaks for a unit step, relative to the step: the transform of
   * a step from 0 to 1 at sample M/2 of a periodic series of M samples, and per level the index of
   * the largest squared coefficient near it.
   */
  private static int[] stepLags(Wavelet wavelet, int levels) {
    int m = 8 * wavelet.length() << levels;
    double[] step = new double[m];
    Arrays.fill(step, m / 2, m, 1.0);
    WaveletDecomposition d = StationaryWaveletTransform.forward(step, wavelet, levels);
    int[] lags = new int[levels];
    for (int j = 1; j <= levels; j++) {
      double[] w = d.detail(j);
      int best = m / 2;
      for (int i = m / 4; i < 3 * m / 4; i++) {
        if (w[i] * w[i] > w[best] * w[best]) {
          best = i;
        }
      }
      lags[j - 1] = m / 2 - best;
    }
    return lags;
  }

  /** The settings. */
  public DywaveConfig config() {
    return config;
  }

  /**
   * Computes the boundary score and picks the event boundaries of a stream [channel][time].
   *
   * @throws IllegalArgumentException for an empty, ragged or non-finite stream, or one shorter than
   *     2^levels samples
   */
  public EventBoundaries detect(double[][] stream) {
    Checks.stream("stream", stream);
    int n = stream[0].length;
    int minimum = 1 << config.levels();
    if (n < minimum) {
      throw new IllegalArgumentException(
          "stream has "
              + n
              + " samples: too short for levels = "
              + config.levels()
              + "; allowed >= 2^"
              + config.levels()
              + " = "
              + minimum);
    }
    double[] s = score(stream);
    double[] log = new double[n];
    for (int t = 0; t < n; t++) {
      log[t] = Math.log(s[t] + Double.MIN_NORMAL);
    }
    double median = median(log);
    double[] deviation = new double[n];
    for (int t = 0; t < n; t++) {
      deviation[t] = Math.abs(log[t] - median);
    }
    double tau = Math.exp(median + config.thresholdMads() * MAD_TO_SIGMA * median(deviation));
    return new EventBoundaries(Vec.of(s), tau, peaks(s, tau));
  }

  /**
   * Tokenizes a stream [channel][time].
   *
   * @throws IllegalArgumentException as {@link #detect}
   */
  public Tokenization tokenize(double[][] stream) {
    EventBoundaries found = detect(stream);
    int n = stream[0].length;
    List<int[]> segments = merge(stream, found.score(), found.boundaries(), n);
    List<Token> tokens = new ArrayList<>();
    for (int[] seg : segments) {
      int length = seg[1] - seg[0];
      int parts = (length + config.maxSegmentLength() - 1) / config.maxSegmentLength();
      for (int p = 0; p < parts; p++) {
        int a = seg[0] + (int) ((long) length * p / parts);
        int b = seg[0] + (int) ((long) length * (p + 1) / parts);
        tokens.add(Token.of(stream, a, b - a, config.shapeLength()));
      }
    }
    return new Tokenization(stream.length, n, config.shapeLength(), tokens);
  }

  /** S[t], step 2 of the class description. */
  private double[] score(double[][] stream) {
    int n = stream[0].length;
    double[] total = new double[n];
    double[] mirrored = new double[2 * n];
    double[] e = new double[n];
    for (double[] x : stream) {
      for (int i = 0; i < n; i++) {
        mirrored[i] = x[i];
        mirrored[2 * n - 1 - i] = x[i];
      }
      WaveletDecomposition d =
          StationaryWaveletTransform.forward(mirrored, config.wavelet(), config.levels());
      for (int j = 1; j <= config.levels(); j++) {
        int s = 1 << (j - 1);
        int shift = lag[j - 1];
        Vec w = d.details().get(j - 1);
        for (int t = 0; t < n; t++) {
          double v = w.get(Math.floorMod(t - shift, 2 * n));
          e[t] = v * v;
        }
        double scale = median(e);
        if (!(scale > 0)) {
          scale = Arrays.stream(e).average().orElse(0);
        }
        if (!(scale > 0)) {
          continue; // A constant channel carries no events.
        }
        double weight = 1.0 / s;
        for (int t = 0; t < n; t++) {
          total[t] += weight * e[t] / scale;
        }
      }
    }
    return total;
  }

  /**
   * Local maxima above τ, highest first, each at least minGap from the others and from the ends,
   * and separated from every higher accepted peak by a valley below √(τ·S[t]), halfway from the
   * peak down to τ in log (so one transient with a ragged or decaying score gives one boundary).
   */
  private List<Integer> peaks(double[] s, double tau) {
    int n = s.length;
    int gap = config.minGap();
    List<Integer> candidates = new ArrayList<>();
    for (int t = gap; t <= n - gap; t++) {
      boolean left = s[t] >= s[t - 1];
      boolean right = t == n - 1 || s[t] >= s[t + 1];
      if (s[t] > tau && left && right) {
        candidates.add(t);
      }
    }
    candidates.sort(Comparator.comparingDouble((Integer t) -> -s[t]).thenComparingInt(t -> t));
    List<Integer> accepted = new ArrayList<>();
    for (int t : candidates) {
      double valley = Math.sqrt(tau * s[t]);
      boolean free = true;
      for (int a : accepted) {
        if (Math.abs(a - t) < gap || min(s, Math.min(a, t), Math.max(a, t)) >= valley) {
          free = false;
          break;
        }
      }
      if (free) {
        accepted.add(t);
      }
    }
    accepted.sort(Integer::compare);
    return accepted;
  }

  private static double min(double[] s, int from, int to) {
    double m = Double.POSITIVE_INFINITY;
    for (int t = from; t <= to; t++) {
      m = Math.min(m, s[t]);
    }
    return m;
  }

  /** Segments [start, end) after merging the redundant ones, step 4 of the class description. */
  private List<int[]> merge(double[][] stream, Vec score, List<Integer> boundaries, int n) {
    List<int[]> seg = new ArrayList<>();
    List<Double> sum = new ArrayList<>();
    int start = 0;
    List<Integer> ends = new ArrayList<>(boundaries);
    ends.add(n);
    for (int end : ends) {
      double e = 0;
      for (int t = start; t < end; t++) {
        e += score.get(t);
      }
      seg.add(new int[] {start, end});
      sum.add(e);
      start = end;
    }
    if (config.mergeRatio() == 0 || seg.size() < 2) {
      return seg;
    }
    double[] densities = new double[seg.size()];
    for (int i = 0; i < seg.size(); i++) {
      densities[i] = sum.get(i) / (seg.get(i)[1] - seg.get(i)[0]);
    }
    double limit = config.mergeRatio() * median(densities);
    List<Boolean> stuck = new ArrayList<>();
    for (int i = 0; i < seg.size(); i++) {
      stuck.add(false);
    }
    while (true) {
      int quietest = -1;
      double lowest = limit;
      for (int i = 0; i < seg.size(); i++) {
        double d = density(seg.get(i), sum.get(i));
        if (!stuck.get(i) && d < lowest) {
          lowest = d;
          quietest = i;
        }
      }
      if (quietest < 0) {
        return seg;
      }
      int partner = -1;
      double partnerDensity = Double.POSITIVE_INFINITY;
      for (int j : new int[] {quietest - 1, quietest + 1}) {
        if (j < 0 || j >= seg.size()) {
          continue;
        }
        int merged =
            Math.max(seg.get(j)[1], seg.get(quietest)[1])
                - Math.min(seg.get(j)[0], seg.get(quietest)[0]);
        double d = density(seg.get(j), sum.get(j));
        if (merged <= config.maxSegmentLength()
            && d < partnerDensity
            && redundant(stream, seg.get(Math.min(j, quietest)), seg.get(Math.max(j, quietest)))) {
          partner = j;
          partnerDensity = d;
        }
      }
      if (partner < 0) {
        stuck.set(quietest, true);
        continue;
      }
      int first = Math.min(partner, quietest);
      int second = first + 1;
      seg.set(first, new int[] {seg.get(first)[0], seg.get(second)[1]});
      sum.set(first, sum.get(first) + sum.get(second));
      stuck.set(first, false);
      seg.remove(second);
      sum.remove(second);
      stuck.remove(second);
    }
  }

  /**
   * Whether one token describes two adjacent segments about as well as two tokens do: the union's
   * reconstruction error is at most {@link #REDUNDANCY_FACTOR} times the larger of the two
   * segments' own errors.
   */
  private boolean redundant(double[][] stream, int[] a, int[] b) {
    double ea = error(stream, a[0], a[1]);
    double eb = error(stream, b[0], b[1]);
    double union = error(stream, a[0], b[1]);
    return union <= REDUNDANCY_FACTOR * Math.max(ea, eb) + 1e-12;
  }

  /** RMS difference between {@code stream[·][from, to)} and its one-token reconstruction. */
  private double error(double[][] stream, int from, int to) {
    int k = config.shapeLength();
    Token t = Token.of(stream, from, to - from, k);
    double[] row = new double[k];
    double sum = 0;
    for (int c = 0; c < stream.length; c++) {
      for (int m = 0; m < k; m++) {
        row[m] = t.shape().get(c * k + m);
      }
      for (int i = 0; i < t.length(); i++) {
        double u = t.length() == 1 ? 0 : i * (k - 1.0) / (t.length() - 1);
        double e = Token.interpolate(row, u) - stream[c][from + i];
        sum += e * e;
      }
    }
    return Math.sqrt(sum / ((double) stream.length * (to - from)));
  }

  private static double density(int[] segment, double sum) {
    return sum / (segment[1] - segment[0]);
  }

  /** Median of a non-empty array (the mean of the middle two for even lengths). */
  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
  }
}
