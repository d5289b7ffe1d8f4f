import type { Span } from '../model/schema';
import { parseFigure } from './figures';

/** Span attributes pre-filled from a figure's text; the annotator may edit them. */
export function figureAttributes(text: string): NonNullable<Span['attributes']> {
  const f = parseFigure(text);
  return {
    value: f.value,
    min: f.min,
    max: f.max,
    qualifier: f.qualifier,
    counted: f.counted,
    unit: f.unit,
  };
}
