package io.delos.worldmodel.westworld;

/**
 * Which parts of WestWorld are switched on: the full model and the two ablations of the paper (Wang
 * et al., ICML 2026, §5.4).
 */
public enum Variant {
  /** Structural embedding and the temporal Sys-MoE layer. */
  FULL("westworld", true, true),
  /** The Sys-MoE mixture replaced by one dense feed-forward layer with as many parameters. */
  DENSE("westworld-dense", false, true),
  /** Without the structural (body-tree) embedding. */
  NO_STRUCTURE("westworld-nostructure", true, false);

  private final String kind;
  private final boolean moe;
  private final boolean structure;

  Variant(String kind, boolean moe, boolean structure) {
    this.kind = kind;
    this.moe = moe;
    this.structure = structure;
  }

  /** The model kind written into checkpoints. */
  public String kind() {
    return kind;
  }

  /** True when the temporal layer routes through experts. */
  public boolean moe() {
    return moe;
  }

  /** True when channels get their body's structural embedding. */
  public boolean structure() {
    return structure;
  }

  /** The variant of a kind name. */
  public static Variant ofKind(String kind) {
    for (Variant v : values()) {
      if (v.kind.equals(kind)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "kind = '"
            + kind
            + "': WestWorld variants are westworld, westworld-dense, westworld-nostructure");
  }
}
