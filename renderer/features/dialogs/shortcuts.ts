/** The shortcut sheet (?), kept as data so the README and the dialog agree. */
export const SHORTCUTS: [string, string][] = [
  ['1 – 9', 'Label the selected text (schema order); after r, relabel the selected span'],
  ['Alt + drag', 'Select exact characters (no word snapping)'],
  ['Shift + ←/→, Ctrl+Shift + ←/→', 'Grow or shrink the text selection by character / word'],
  ['Ctrl + ←/→', 'Move the caret by word'],
  ['Ctrl + ↓/↑ (or Alt)', 'Move the caret to the next / previous sentence'],
  ['Ctrl + Home / End', 'Caret to the start / end of the document'],
  ['Tab / Shift + Tab', 'Select the next / previous span'],
  ['Click a highlight again', 'Cycle through spans stacked at that spot'],
  ['r then 1 – 9', 'Relabel the selected span'],
  ['Delete / Backspace', 'Delete the selected span (asks if it has relations)'],
  ['n', 'Write a note on the selected span'],
  ['s / c', 'Start a source / content relation from the selected attribution'],
  ['Enter', 'Finish the relation on the selected span'],
  ['Ctrl + drag', 'Link one highlight to another (type chosen by the schema)'],
  ['Esc', 'Cancel linking, deselect'],
  ['Ctrl + Z / Ctrl + Shift + Z', 'Undo / redo'],
  ['Ctrl + E', 'Switch between labelling and editing the text'],
  ['j', 'Open the next document that is not done'],
  ['d / w / g', 'Details / Who said what / Guidelines panel'],
  ['Ctrl + I', 'Import files'],
  ['?', 'This sheet'],
];

/** Keys of the Review tab, where annotation keys are off. */
export const REVIEW_SHORTCUTS: [string, string][] = [
  ['a', 'Accept every agreed span'],
  ['j / k (↓ / ↑)', 'Next / previous disagreement'],
  ['1', 'Keep this reading (its competitors leave gold)'],
  ['2', 'Keep both: this reading and its competing alternative'],
  ['0 / x', 'Keep neither'],
  ['e', 'Edit the label of the current gold span'],
  ['u / Ctrl + Z', 'Undo the last decision'],
  ['Enter / f', 'Finalize: write the document to gold as reviewed'],
  [' ] / [', 'Next / previous document; o opens copies'],
];
