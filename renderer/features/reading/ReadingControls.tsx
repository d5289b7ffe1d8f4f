import { useAppState } from '../../app/store';
import { DEFAULT_READING } from '../../../shared/ipc/contract';
import { setReading, zoom } from './reading';

const SPACINGS = [1.6, 2.1, 2.6, 3.2];
const WIDTHS: [number, string][] = [
  [36, 'narrow'],
  [46, 'normal'],
  [64, 'wide'],
  [200, 'full width'],
];

/** Text size, line spacing and line length for the document (also in the View menu and Ctrl+= / Ctrl+- / Ctrl+0). */
export function ReadingControls() {
  const r = useAppState((s) => s.settings?.reading ?? DEFAULT_READING);
  return (
    <div className="reading-controls" role="group" aria-label="Reading comfort">
      <button type="button" onClick={() => void zoom(-1)} title="Smaller text (Ctrl+-)" data-testid="zoom-out">
        A−<span className="visually-hidden"> smaller text</span>
      </button>
      <button type="button" onClick={() => void zoom(0)} title="Default text size (Ctrl+0)" aria-label={`Text size ${Math.round(r.fontScale * 100)}%, reset`} data-testid="zoom-level">
        {Math.round(r.fontScale * 100)}%
      </button>
      <button type="button" onClick={() => void zoom(1)} title="Larger text (Ctrl+=)" data-testid="zoom-in">
        A+<span className="visually-hidden"> larger text</span>
      </button>
      <select aria-label="Line spacing" value={r.lineSpacing} onChange={(e) => void setReading({ lineSpacing: Number(e.target.value) })} data-testid="line-spacing">
        {[...new Set([...SPACINGS, r.lineSpacing])].sort().map((v) => (
          <option key={v} value={v}>
            spacing {v}
          </option>
        ))}
      </select>
      <select aria-label="Text width" value={r.textWidth} onChange={(e) => void setReading({ textWidth: Number(e.target.value) })} data-testid="text-width">
        {WIDTHS.map(([v, name]) => (
          <option key={v} value={v}>
            {name}
          </option>
        ))}
      </select>
      <label className="check" title="Underline each label in a pattern of its own, so labels are told apart without their colours" data-testid="label-patterns">
        <input type="checkbox" checked={r.labelPatterns} onChange={(e) => void setReading({ labelPatterns: e.target.checked })} /> label patterns
      </label>
    </div>
  );
}
