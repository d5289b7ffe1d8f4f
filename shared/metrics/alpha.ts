/**
 * Krippendorff's α for nominal data, any number of coders, missing values
 * allowed:
 *   α = 1 − D_o / D_e = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k
 * where o_ck is the coincidence matrix (every ordered pair of values two
 * different coders gave one unit, weighted 1/(m_u − 1) for a unit with m_u
 * values), n_c its marginals and n the number of pairable values. Units with
 * fewer than two values carry no information about agreement and drop out.
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability".)
 *
 * For spans we use nominal α on tokens, one binary layer per label, not
 * Krippendorff's unitizing α (α_U). Tokens make α comparable with the
 * token-level κ next to it, handle nested labels layer by layer, and need no
 * continuum bookkeeping; the cost is that boundary disagreements inside a
 * token are invisible and that long texts with no spans inflate agreement on
 * "0" tokens (which α, unlike raw agreement, discounts via D_e).
 *
 * Missing coders: a coder who does not have a document contributes nothing
 * for its tokens, which α handles natively.
 */

export type NominalValue = string | number;

export interface AlphaResult {
  /** null when there are fewer than two pairable values or only one value occurs (D_e = 0) */
  alpha: number | null;
  /** units with at least two values */
  units: number;
  /** n: values in those units */
  pairable: number;
  observedDisagreement: number;
  expectedDisagreement: number;
}

/** Fill unit by unit; only the per-value totals are kept, so memory stays flat for long corpora. */
export class AlphaAccumulator {
  private units = 0;
  private n = 0;
  /** n_c */
  private readonly marginals = new Map<string, number>();
  /** Σ_u Σ_{c≠k} n_uc·n_uk / (m_u − 1) = Σ_{c≠k} o_ck */
  private disagreeing = 0;

  addUnit(values: ReadonlyArray<NominalValue | null | undefined>): void {
    const counts = new Map<string, number>();
    let m = 0;
    for (const v of values) {
      if (v === null || v === undefined) continue;
      const k = `${typeof v}:${v}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      m++;
    }
    this.addCounts(counts, m);
  }

  /** A unit given as value → how many coders chose it (faster for binary layers). */
  addCounts(counts: ReadonlyMap<string, number>, m = [...counts.values()].reduce((x, y) => x + y, 0)): void {
    if (m < 2) return;
    this.units++;
    this.n += m;
    let same = 0;
    for (const [k, c] of counts) {
      this.marginals.set(k, (this.marginals.get(k) ?? 0) + c);
      same += c * c;
    }
    this.disagreeing += (m * m - same) / (m - 1);
  }

  result(): AlphaResult {
    const n = this.n;
    let sumSq = 0;
    for (const c of this.marginals.values()) sumSq += c * c;
    const pairsDiffering = n * n - sumSq; // Σ_{c≠k} n_c·n_k
    const observedDisagreement = n > 0 ? this.disagreeing / n : 0;
    const expectedDisagreement = n > 1 ? pairsDiffering / (n * (n - 1)) : 0;
    const alpha = n < 2 || pairsDiffering === 0 ? null : 1 - ((n - 1) * this.disagreeing) / pairsDiffering;
    return { alpha, units: this.units, pairable: n, observedDisagreement, expectedDisagreement };
  }
}

/** `units[u][c]` is coder c's value for unit u, or null when c did not code u. */
export function krippendorffAlphaNominal(units: ReadonlyArray<ReadonlyArray<NominalValue | null | undefined>>): AlphaResult {
  const acc = new AlphaAccumulator();
  for (const u of units) acc.addUnit(u);
  return acc.result();
}

/**
 * Binary token layers from several coders for one text; `null` for a coder
 * who did not annotate it. Counts per token instead of building arrays.
 */
export function addBinaryLayers(acc: AlphaAccumulator, layers: ReadonlyArray<ArrayLike<number> | null>, tokenCount: number): void {
  const present = layers.filter((l): l is ArrayLike<number> => l !== null);
  const m = present.length;
  if (m < 2) return;
  for (const l of present) if (l.length !== tokenCount) throw new Error('α needs layers over the same tokens.');
  const counts = new Map<string, number>();
  for (let t = 0; t < tokenCount; t++) {
    let ones = 0;
    for (const l of present) if (l[t]) ones++;
    counts.clear();
    if (ones) counts.set('number:1', ones);
    if (m - ones) counts.set('number:0', m - ones);
    acc.addCounts(counts, m);
  }
}
