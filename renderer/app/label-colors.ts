import { contrastRatio, parseHex } from '../../shared/color/contrast';

const BLACK = '#000000';
const WHITE = '#ffffff';

/** Text colour for a chip filled with a label's colour: whichever of black or white reads better (always ≥ 4.5:1). */
export function readableInkOn(fill: string): string {
  const rgb = parseHex(fill).rgb;
  return contrastRatio(parseHex(BLACK).rgb, rgb) >= contrastRatio(parseHex(WHITE).rgb, rgb) ? BLACK : WHITE;
}
