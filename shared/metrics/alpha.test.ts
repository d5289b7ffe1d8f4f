import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBinaryLayers, AlphaAccumulator, krippendorffAlphaNominal } from './alpha';
import { cohenKappa } from './kappa';

describe("Krippendorff's alpha, nominal", () => {
  it('reproduces Krippendorff (2011), nominal data with missing values: α = 0.743', () => {
    // 4 observers × 12 units, null = missing (the paper's "." cells)
    const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
    const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
    const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
    const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
    const units = A.map((_, u) => [A[u]!, B[u]!, C[u]!, D[u]!].map((v) => v ?? null));
    // Unit 12 has one value and drops out; the other 11 units hold n = 3 + 8·4 + 3 + 2 = 40 values.
    // Marginals n_c: 1→9, 2→13, 3→10, 4→5, 5→3.
    // Σ_{c≠k} o_ck = Σ_u (m_u² − Σ_c n_uc²)/(m_u − 1):
    //   unit 2 (2,2,3,2): (16 − 10)/3 = 2; unit 6 (1,2,3,4): (16 − 4)/3 = 4; unit 8 (1,1,2,1): (16 − 10)/3 = 2; others 0 → 8
    // Σ_{c≠k} n_c n_k = 40² − (81 + 169 + 100 + 25 + 9) = 1600 − 384 = 1216
    // α = 1 − (40 − 1)·8/1216 = 1 − 312/1216 = 0.74342
    const r = krippendorffAlphaNominal(units);
    expect(r.units).toBe(11);
    expect(r.pairable).toBe(40);
    expect(r.alpha).toBeCloseTo(1 - 312 / 1216, 12);
    expect(r.alpha!.toFixed(3)).toBe('0.743');
    // D_o = 8/40 = 0.2, D_e = 1216/(40·39) = 0.77949
    expect(r.observedDisagreement).toBeCloseTo(0.2, 12);
    expect(r.expectedDisagreement).toBeCloseTo(1216 / 1560, 12);
  });

  it('small hand example, two coders, no missing values', () => {
    // A 1 1 0 0 0, B 1 0 0 0 0 → n = 10 values, n_1 = 3, n_0 = 7
    // disagreeing pairs: unit 2 only, (4 − 2)/1 = 2
    // α = 1 − 9·2/(100 − 9 − 49) = 1 − 18/42 = 4/7 ≈ 0.5714 (κ on the same data is 6/11 ≈ 0.5455)
    const units = [[1, 1], [1, 0], [0, 0], [0, 0], [0, 0]];
    expect(krippendorffAlphaNominal(units).alpha).toBeCloseTo(4 / 7, 12);
    expect(cohenKappa([1, 1, 0, 0, 0], [1, 0, 0, 0, 0]).kappa).toBeCloseTo(6 / 11, 12);
  });

  it('small hand example with a missing coder', () => {
    // three coders; u4 has one value and drops out
    // n = 2 + 3 + 2 = 7, n_1 = 3, n_0 = 4; disagreeing: u3 (4 − 2)/1 = 2
    // α = 1 − 6·2/(49 − 9 − 16) = 1 − 12/24 = 0.5
    const units = [
      [1, 1, null],
      [0, 0, 0],
      [1, 0, null],
      [null, null, 1],
    ];
    const r = krippendorffAlphaNominal(units);
    expect(r.units).toBe(3);
    expect(r.alpha).toBeCloseTo(0.5, 12);
  });

  it('is 1 for perfect agreement and undefined without variation', () => {
    expect(krippendorffAlphaNominal([[1, 1], [0, 0]]).alpha).toBe(1);
    expect(krippendorffAlphaNominal([[0, 0], [0, 0]]).alpha).toBeNull();
    expect(krippendorffAlphaNominal([[1, null]]).alpha).toBeNull();
    expect(krippendorffAlphaNominal([]).alpha).toBeNull();
  });

  it('binary layers give the same α as unit rows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((n) =>
          fc.array(fc.option(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }), { nil: null }), { minLength: 2, maxLength: 4 }).map((layers) => ({ n, layers })),
        ),
        ({ n, layers }) => {
          const acc = new AlphaAccumulator();
          addBinaryLayers(acc, layers, n);
          const units = Array.from({ length: n }, (_, t) => layers.map((l) => (l ? l[t]! : null)));
          const a = acc.result().alpha;
          const b = krippendorffAlphaNominal(units).alpha;
          if (a === null || b === null) expect(a).toBe(b);
          else expect(a).toBeCloseTo(b, 10);
        },
      ),
    );
  });
});
