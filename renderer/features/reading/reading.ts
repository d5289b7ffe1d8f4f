import { call } from '../../api';
import { attempt } from '../../app/actions';
import { getState, setState } from '../../app/store';
import { DEFAULT_READING, type ReadingSettings } from '../../../shared/ipc/contract';

/** Zoom steps, as browsers step them. */
const SCALES = [0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];

export function reading(): ReadingSettings {
  return getState().settings?.reading ?? DEFAULT_READING;
}

export function setReading(patch: Partial<ReadingSettings>): Promise<unknown> {
  const next = { ...reading(), ...patch };
  // shown at once; written to the user's settings behind it
  setState((s) => (s.settings ? { settings: { ...s.settings, reading: next } } : {}));
  return attempt(async () => setState({ settings: await call('settings:set', { reading: next }) }));
}

export function zoom(step: 1 | -1 | 0): Promise<unknown> {
  const now = reading().fontScale;
  if (step === 0) return setReading({ fontScale: 1 });
  const next = step > 0 ? SCALES.find((s) => s > now + 1e-6) : [...SCALES].reverse().find((s) => s < now - 1e-6);
  return setReading({ fontScale: next ?? now });
}

/** The document view reads these custom properties (styles.css). */
export function readingCss(r: ReadingSettings): Record<string, string> {
  return { '--doc-font-scale': String(r.fontScale), '--doc-line-spacing': String(r.lineSpacing), '--doc-text-width': `${r.textWidth}em` };
}
