package io.delos.worldmodel.physsm;

import io.delos.worldmodel.physsm.LatentVariable.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What physics says about a system, in the form the Phy-SSM unit uses (Wang, Zhao et al., "Phy-SSM:
 * physics-enhanced state space models for long-term forecasting", ICML 2025, arXiv 2507.10792):
 *
 * <pre>
 *   dz/dt = (A_known(z) + M_A ⊙ A_unknown(t)) z + (B_known(z) + M_B ⊙ B_unknown(t)) u
 * </pre>
 *
 * <p>The extended latent z = [s, φ(s)] holds state variables s (inferred by the encoder) and known
 * nonlinear features φ (sines and cosines of angles, the constant 1). A declaration lists them with
 * their typical magnitudes, the actions, the entries of A and B that physics knows (as functions of
 * z, see {@link Coefficient}) and the entries it leaves unknown (the masks M_A and M_B, filled by
 * sequence networks). Entries that are neither known nor unknown are zero.
 *
 * <p>The decomposition is unique only when the known and unknown supports are disjoint, so a
 * declaration that names one entry as both is refused. The constant feature's row must stay empty
 * (its derivative is zero).
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class PhysicsDeclaration {
  /** Row and column of one matrix entry, by latent variable (and action) name. */
  public record Entry(String row, String column) {
    /** Validates the names. */
    public Entry {
      Objects.requireNonNull(row, "row");
      Objects.requireNonNull(column, "column");
    }

    @Override
    public String toString() {
      return "[" + row + ", " + column + "]";
    }
  }

  /** One known entry evaluated by a general function, at a flat position of [A | B]. */
  record FunctionEntry(int flatIndex, Coefficient.StateFunction function) {}

  private final String system;
  private final List<LatentVariable> latent;
  private final List<String> actions;
  private final double[] actionScales;
  private final Map<Entry, Coefficient> knownA;
  private final Map<Entry, Coefficient> knownB;
  private final Set<Entry> unknownA;
  private final Set<Entry> unknownB;
  private final List<String> observations;
  private final Map<String, String> measured;
  private final Map<String, Integer> index;
  private final Map<String, Integer> actionIndex;

  private PhysicsDeclaration(Builder b) {
    this.system = b.system;
    this.latent = List.copyOf(b.latent);
    this.actions = List.copyOf(b.actions);
    this.actionScales = b.actionScales.stream().mapToDouble(Double::doubleValue).toArray();
    this.knownA = Collections.unmodifiableMap(new LinkedHashMap<>(b.knownA));
    this.knownB = Collections.unmodifiableMap(new LinkedHashMap<>(b.knownB));
    this.unknownA = Collections.unmodifiableSet(new LinkedHashSet<>(b.unknownA));
    this.unknownB = Collections.unmodifiableSet(new LinkedHashSet<>(b.unknownB));
    this.observations = List.copyOf(b.observations);
    this.measured = Collections.unmodifiableMap(new LinkedHashMap<>(b.measured));
    Map<String, Integer> idx = new LinkedHashMap<>();
    for (int i = 0; i < latent.size(); i++) {
      idx.put(latent.get(i).name(), i);
    }
    this.index = Collections.unmodifiableMap(idx);
    Map<String, Integer> aIdx = new LinkedHashMap<>();
    for (int i = 0; i < actions.size(); i++) {
      aIdx.put(actions.get(i), i);
    }
    this.actionIndex = Collections.unmodifiableMap(aIdx);
  }

  /**
   * Starts a declaration.
   *
   * @param system the system's name, for reports and messages
   */
  public static Builder builder(String system) {
    return new Builder(system);
  }

  /**
   * The same latent variables and actions with no known physics: every entry of A and B unknown,
   * the known matrices zero and no known measurement map (the decoder and encoder learn it). This
   * is the S5 baseline of the Phy-SSM paper, the same network with the physics taken out.
   */
  public PhysicsDeclaration withoutPhysics() {
    Builder b = new Builder(system + " (no physics)");
    b.latent.addAll(latent);
    b.actions.addAll(actions);
    for (double s : actionScales) {
      b.actionScales.add(s);
    }
    for (LatentVariable row : latent) {
      for (LatentVariable col : latent) {
        b.unknownA.add(new Entry(row.name(), col.name()));
      }
      for (String a : actions) {
        b.unknownB.add(new Entry(row.name(), a));
      }
    }
    return b.buildUnchecked();
  }

  /**
   * Observation channel names in order, when declared (empty: the forecaster learns the measurement
   * map entirely).
   */
  public List<String> observations() {
    return observations;
  }

  /**
   * The latent variable observation channel {@code channel} measures directly (in the same unit),
   * or {@code null} when none does or no observations are declared.
   */
  public String measuredBy(int channel) {
    return channel < observations.size() ? measured.get(observations.get(channel)) : null;
  }

  /** The system's name. */
  public String system() {
    return system;
  }

  /** The extended latent z, in order. */
  public List<LatentVariable> latent() {
    return latent;
  }

  /** Size n of the extended latent. */
  public int latentSize() {
    return latent.size();
  }

  /** Number of state variables the encoder infers (states and angles). */
  public int inferredSize() {
    return (int) latent.stream().filter(v -> v.kind().inferred()).count();
  }

  /** Action names, in order. */
  public List<String> actions() {
    return actions;
  }

  /** Number m of actions. */
  public int actionSize() {
    return actions.size();
  }

  /** Typical magnitude of each action, in its unit. */
  public double[] actionScales() {
    return actionScales.clone();
  }

  /** Known entries of A, by position. */
  public Map<Entry, Coefficient> knownA() {
    return knownA;
  }

  /** Known entries of B, by position (column = action name). */
  public Map<Entry, Coefficient> knownB() {
    return knownB;
  }

  /** Entries of A left to the sequence networks (the support of M_A). */
  public Set<Entry> unknownA() {
    return unknownA;
  }

  /** Entries of B left to the sequence networks (the support of M_B). */
  public Set<Entry> unknownB() {
    return unknownB;
  }

  /** Index of latent variable {@code name} in z. */
  public int indexOf(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a latent variable of '" + system + "'; latent: " + index.keySet());
    }
    return i;
  }

  /** The mask M_A as {@code [latent][latent]}: true where physics leaves the entry unknown. */
  public boolean[][] maskA() {
    int n = latentSize();
    boolean[][] mask = new boolean[n][n];
    for (Entry e : unknownA) {
      mask[indexOf(e.row())][indexOf(e.column())] = true;
    }
    return mask;
  }

  /** The mask M_B as {@code [latent][action]}: true where physics leaves the entry unknown. */
  public boolean[][] maskB() {
    boolean[][] mask = new boolean[latentSize()][actionSize()];
    for (Entry e : unknownB) {
      mask[indexOf(e.row())][actionIndex.get(e.column())] = true;
    }
    return mask;
  }

  /** Number of unknown entries, A's first then B's: the width of the sequence network's output. */
  public int unknownCount() {
    return unknownA.size() + unknownB.size();
  }

  /** Width of the flattened pair [A | B]: n·n + n·m. */
  int flatWidth() {
    int n = latentSize();
    return n * n + n * actionSize();
  }

  private int flatA(Entry e) {
    return indexOf(e.row()) * latentSize() + indexOf(e.column());
  }

  private int flatB(Entry e) {
    return latentSize() * latentSize()
        + indexOf(e.row()) * actionSize()
        + actionIndex.get(e.column());
  }

  /**
   * The constant and linear known entries as an affine map from [1, z] to the flattened [A | B],
   * row-major {@code [1 + n, n·n + n·m]}.
   */
  double[] knownAffine() {
    int n = latentSize();
    int width = flatWidth();
    double[] out = new double[(n + 1) * width];
    addAffine(out, width, knownA, true);
    addAffine(out, width, knownB, false);
    return out;
  }

  private void addAffine(double[] out, int width, Map<Entry, Coefficient> known, boolean isA) {
    for (Map.Entry<Entry, Coefficient> e : known.entrySet()) {
      int flat = isA ? flatA(e.getKey()) : flatB(e.getKey());
      if (e.getValue() instanceof Coefficient.Constant c) {
        out[flat] += c.value();
      } else if (e.getValue() instanceof Coefficient.Linear l) {
        out[(1 + indexOf(l.variable())) * width + flat] += l.factor();
      }
    }
  }

  /** Known entries given by general functions, at their flat positions in [A | B]. */
  List<FunctionEntry> knownFunctions() {
    List<FunctionEntry> out = new ArrayList<>();
    for (Map.Entry<Entry, Coefficient> e : knownA.entrySet()) {
      if (e.getValue() instanceof Coefficient.Function f) {
        out.add(new FunctionEntry(flatA(e.getKey()), f.function()));
      }
    }
    for (Map.Entry<Entry, Coefficient> e : knownB.entrySet()) {
      if (e.getValue() instanceof Coefficient.Function f) {
        out.add(new FunctionEntry(flatB(e.getKey()), f.function()));
      }
    }
    return out;
  }

  /**
   * Scatters the sequence network's outputs into the flattened [A | B], {@code [unknownCount, n·n +
   * n·m]}, with gains that turn a normalised output into the entry's unit: scale_i / scale_j for A,
   * scale_i / actionScale_j for B. The mask is this matrix's support.
   */
  double[] unknownScatter() {
    int width = flatWidth();
    double[] out = new double[unknownCount() * width];
    int k = 0;
    for (Entry e : unknownA) {
      double gain = latent.get(indexOf(e.row())).scale() / latent.get(indexOf(e.column())).scale();
      out[k++ * width + flatA(e)] = gain;
    }
    for (Entry e : unknownB) {
      double gain =
          latent.get(indexOf(e.row())).scale() / actionScales[actionIndex.get(e.column())];
      out[k++ * width + flatB(e)] = gain;
    }
    return out;
  }

  /** Scales of every latent entry, in z's order. */
  public double[] scales() {
    return latent.stream().mapToDouble(LatentVariable::scale).toArray();
  }

  /** Indices in z of the variables the encoder infers, in order. */
  int[] inferredIndices() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < latent.size(); i++) {
      if (latent.get(i).kind().inferred()) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Indices in z of the entries networks read (all but raw angles), in order. */
  int[] visibleIndices() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < latent.size(); i++) {
      if (latent.get(i).visible()) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    return "PhysicsDeclaration["
        + system
        + ", latent "
        + index.keySet()
        + ", actions "
        + actions
        + ", "
        + knownA.size()
        + "+"
        + knownB.size()
        + " known, "
        + unknownA.size()
        + "+"
        + unknownB.size()
        + " unknown]";
  }

  /** Collects a declaration; {@link #build} validates it. Not thread-safe. */
  public static final class Builder {
    private final String system;
    private final List<LatentVariable> latent = new ArrayList<>();
    private final List<String> actions = new ArrayList<>();
    private final List<Double> actionScales = new ArrayList<>();
    private final Map<Entry, Coefficient> knownA = new LinkedHashMap<>();
    private final Map<Entry, Coefficient> knownB = new LinkedHashMap<>();
    private final Set<Entry> unknownA = new LinkedHashSet<>();
    private final Set<Entry> unknownB = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> observations = new ArrayList<>();
    private final Map<String, String> measured = new LinkedHashMap<>();

    private Builder(String system) {
      this.system = Objects.requireNonNull(system, "system");
    }

    /**
     * Adds a state variable the encoder infers.
     *
     * @param name unique name
     * @param scale typical magnitude in its SI unit, > 0
     */
    public Builder state(String name, double scale) {
      latent.add(new LatentVariable(name, Kind.STATE, null, scale));
      return this;
    }

    /**
     * Adds an angle (rad) the encoder infers; networks see it only through {@link #sinCos}.
     *
     * @param name unique name
     * @param scale typical magnitude in rad, > 0
     */
    public Builder angle(String name, double scale) {
      latent.add(new LatentVariable(name, Kind.ANGLE, null, scale));
      return this;
    }

    /** Adds the features {@code sin(angle)} and {@code cos(angle)} of a declared angle. */
    public Builder sinCos(String angle) {
      latent.add(new LatentVariable("sin(" + angle + ")", Kind.SIN, angle, 1));
      latent.add(new LatentVariable("cos(" + angle + ")", Kind.COS, angle, 1));
      return this;
    }

    /**
     * Declares the next observation channel, which no latent variable measures directly (the
     * decoder learns it).
     *
     * @param name the channel's name, as the robot's observation space calls it
     */
    public Builder observation(String name) {
      if (observations.contains(name)) {
        problems.add("observation '" + name + "' is declared twice");
      }
      observations.add(Objects.requireNonNull(name, "name"));
      return this;
    }

    /**
     * Declares the next observation channel as a direct measurement of a latent variable, in the
     * same unit: the decoder's known part, and the encoder's starting point.
     *
     * @param name the channel's name, as the robot's observation space calls it
     * @param latentVariable the latent variable it measures
     */
    public Builder observation(String name, String latentVariable) {
      observation(name);
      measured.put(name, Objects.requireNonNull(latentVariable, "latentVariable"));
      return this;
    }

    /** Adds the constant feature {@code 1}, for affine terms. */
    public Builder one() {
      latent.add(new LatentVariable("1", Kind.ONE, null, 1));
      return this;
    }

    /**
     * Adds an action.
     *
     * @param name unique name
     * @param scale typical variation of the command in its unit, > 0: unknown B entries are learned
     *     in units of (scale of the row's variable) per (this scale) per second
     */
    public Builder action(String name, double scale) {
      if (!(scale > 0) || !Double.isFinite(scale)) {
        throw new IllegalArgumentException(
            "scale of action '" + name + "' = " + scale + ": must be a finite number > 0");
      }
      actions.add(Objects.requireNonNull(name, "name"));
      actionScales.add(scale);
      return this;
    }

    /** Declares A[row, column] known. */
    public Builder knownA(String row, String column, Coefficient value) {
      putKnown(knownA, "A", new Entry(row, column), value);
      return this;
    }

    /** Declares B[row, action] known. */
    public Builder knownB(String row, String action, Coefficient value) {
      putKnown(knownB, "B", new Entry(row, action), value);
      return this;
    }

    /** Declares A[row, column] unknown for each column: the sequence network fills it. */
    public Builder unknownA(String row, String... columns) {
      for (String c : columns) {
        if (!unknownA.add(new Entry(row, c))) {
          problems.add("unknown A" + new Entry(row, c) + " is declared twice");
        }
      }
      return this;
    }

    /** Declares B[row, action] unknown for each action: the sequence network fills it. */
    public Builder unknownB(String row, String... actionNames) {
      for (String a : actionNames) {
        if (!unknownB.add(new Entry(row, a))) {
          problems.add("unknown B" + new Entry(row, a) + " is declared twice");
        }
      }
      return this;
    }

    private void putKnown(
        Map<Entry, Coefficient> map, String matrix, Entry entry, Coefficient value) {
      Objects.requireNonNull(value, "value");
      if (map.put(entry, value) != null) {
        problems.add("known " + matrix + entry + " is declared twice");
      }
    }

    /**
     * Validates and builds the declaration.
     *
     * @throws IllegalArgumentException listing every problem: duplicate or unknown names, entries
     *     in the constant feature's row, features of undeclared angles, and entries declared both
     *     known and unknown (overlapping supports)
     */
    public PhysicsDeclaration build() {
      List<String> found = new ArrayList<>(problems);
      Set<String> names = new LinkedHashSet<>();
      Set<String> angles = new LinkedHashSet<>();
      String one = null;
      for (LatentVariable v : latent) {
        if (!names.add(v.name())) {
          found.add("latent variable '" + v.name() + "' is declared twice");
        }
        if (v.kind() == Kind.ANGLE) {
          angles.add(v.name());
        }
        if ((v.kind() == Kind.SIN || v.kind() == Kind.COS) && !angles.contains(v.source())) {
          found.add(
              "feature '"
                  + v.name()
                  + "' takes '"
                  + v.source()
                  + "', which is not an angle declared before it; angles: "
                  + angles);
        }
        if (v.kind() == Kind.ONE) {
          one = v.name();
        }
      }
      if (latent.stream().noneMatch(v -> v.kind().inferred())) {
        found.add("no state variable: declare at least one with state(...) or angle(...)");
      }
      if (actions.isEmpty()) {
        found.add("no action: declare at least one with action(...) (use a constant 0 if none)");
      }
      Set<String> actionNames = new LinkedHashSet<>();
      for (String a : actions) {
        if (!actionNames.add(a)) {
          found.add("action '" + a + "' is declared twice");
        }
      }
      checkEntries(found, "known A", knownA.keySet(), names, names, one);
      checkEntries(found, "unknown A", unknownA, names, names, one);
      checkEntries(found, "known B", knownB.keySet(), names, actionNames, one);
      checkEntries(found, "unknown B", unknownB, names, actionNames, one);
      for (Map.Entry<Entry, Coefficient> e : knownA.entrySet()) {
        checkCoefficient(found, "A" + e.getKey(), e.getValue(), names);
        if (unknownA.contains(e.getKey())) {
          found.add(overlap("A", "M_A", e.getKey(), e.getValue()));
        }
      }
      for (Map.Entry<Entry, Coefficient> e : knownB.entrySet()) {
        checkCoefficient(found, "B" + e.getKey(), e.getValue(), names);
        if (unknownB.contains(e.getKey())) {
          found.add(overlap("B", "M_B", e.getKey(), e.getValue()));
        }
      }
      for (Map.Entry<String, String> e : measured.entrySet()) {
        if (!names.contains(e.getValue())) {
          found.add(
              "observation '"
                  + e.getKey()
                  + "' measures '"
                  + e.getValue()
                  + "', which is not a latent variable; latent: "
                  + names);
        } else if (latent.stream()
            .anyMatch(v -> v.name().equals(e.getValue()) && v.kind() == Kind.ANGLE)) {
          found.add(
              "observation '"
                  + e.getKey()
                  + "' measures the raw angle '"
                  + e.getValue()
                  + "': measure its sin and cos features instead (angles wrap)");
        }
      }
      if (!found.isEmpty()) {
        throw new IllegalArgumentException(
            "physics declaration of '" + system + "' refused: " + String.join("; ", found));
      }
      return buildUnchecked();
    }

    private PhysicsDeclaration buildUnchecked() {
      return new PhysicsDeclaration(this);
    }

    private static String overlap(String matrix, String mask, Entry e, Coefficient c) {
      return matrix
          + e
          + " is declared both known ("
          + c.describe()
          + ") and unknown: the supports of "
          + matrix
          + "_known and "
          + mask
          + " must be disjoint, or the split into known and unknown parts is not unique";
    }

    private void checkEntries(
        List<String> found,
        String what,
        Set<Entry> entries,
        Set<String> rows,
        Set<String> columns,
        String one) {
      for (Entry e : entries) {
        if (!rows.contains(e.row())) {
          found.add(what + e + ": row '" + e.row() + "' is not a latent variable; latent: " + rows);
        } else if (e.row().equals(one)) {
          found.add(
              what + e + ": the constant feature '1' has zero derivative; its row stays empty");
        }
        if (!columns.contains(e.column())) {
          found.add(what + e + ": column '" + e.column() + "' is not one of " + columns);
        }
      }
    }

    private static void checkCoefficient(
        List<String> found, String where, Coefficient c, Set<String> names) {
      if (c instanceof Coefficient.Linear l && !names.contains(l.variable())) {
        found.add(
            "known "
                + where
                + " = "
                + c.describe()
                + ": '"
                + l.variable()
                + "' is not a latent variable; latent: "
                + names);
      }
    }
  }

  /**
   * Everything the declaration states, as text: latent variables with their scales, actions with
   * their scales, which observation channel measures which variable, each known entry of A and B
   * with its coefficient, and the unknown entries. Two declarations with the same text build the
   * same networks; checkpoints compare it to refuse a changed declaration.
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append("system ").append(system).append('\n');
    sb.append("latent:");
    for (LatentVariable v : latent) {
      sb.append(' ')
          .append(v.name())
          .append(" (")
          .append(v.kind().name().toLowerCase(java.util.Locale.ROOT))
          .append(", scale ")
          .append(v.scale())
          .append(')');
    }
    sb.append("\nactions:");
    for (int i = 0; i < actions.size(); i++) {
      sb.append(' ').append(actions.get(i)).append(" (scale ").append(actionScales[i]).append(')');
    }
    sb.append("\nobservations:");
    for (String o : observations) {
      String v = measured.get(o);
      sb.append(' ').append(o).append(v == null ? "" : " = " + v);
    }
    sb.append("\nknown A:");
    knownA.forEach(
        (e, c) -> sb.append(' ').append(e).append(" = ").append(c.describe()).append(';'));
    sb.append("\nknown B:");
    knownB.forEach(
        (e, c) -> sb.append(' ').append(e).append(" = ").append(c.describe()).append(';'));
    sb.append("\nunknown A:");
    unknownA.forEach(e -> sb.append(' ').append(e));
    sb.append("\nunknown B:");
    unknownB.forEach(e -> sb.append(' ').append(e));
    return sb.append('\n').toString();
  }

  /** The masks as text, for reports: one line per row, {@code K} known, {@code ?} unknown. */
  public String describeMasks() {
    StringBuilder sb = new StringBuilder();
    int n = latentSize();
    boolean[][] ma = maskA();
    boolean[][] mb = maskB();
    for (int i = 0; i < n; i++) {
      char[] row = new char[n + 1 + actionSize()];
      Arrays.fill(row, '.');
      row[n] = '|';
      for (int j = 0; j < n; j++) {
        if (ma[i][j]) {
          row[j] = '?';
        } else if (knownA.containsKey(new Entry(latent.get(i).name(), latent.get(j).name()))) {
          row[j] = 'K';
        }
      }
      for (int j = 0; j < actionSize(); j++) {
        if (mb[i][j]) {
          row[n + 1 + j] = '?';
        } else if (knownB.containsKey(new Entry(latent.get(i).name(), actions.get(j)))) {
          row[n + 1 + j] = 'K';
        }
      }
      sb.append(new String(row)).append("  ").append(latent.get(i).name()).append('\n');
    }
    return sb.toString();
  }
}
