import { readableInkOn } from '../app/label-colors';

/** A label's name on its colour, in black or white, whichever reads (the name, never the colour alone, tells labels apart). */
export function LabelChip({ label, color, prefix = '' }: { label: string; color?: string | undefined; prefix?: string }) {
  const fill = color ?? '#888888';
  return (
    <span className="label-chip" data-label={label} style={{ background: fill, color: readableInkOn(fill) }}>
      {prefix}
      {label}
    </span>
  );
}
