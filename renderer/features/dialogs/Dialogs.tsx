import { useState } from 'react';
import { createDocument, exportCorpus } from '../../app/actions';
import { setState, useAppState } from '../../app/store';
import { ExportFormat, type ExportFilters } from '../../../shared/ipc/contract';
import { DOC_STATUSES, type DocStatus } from '../../../shared/model/schema';
import { REVIEW_SHORTCUTS, SHORTCUTS } from './shortcuts';
import { SchemaEditor } from './SchemaEditor';

function Modal({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    // Esc closes it: the keymap's dialog scope (renderer/app/useHotkeys.ts)
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-label={title} data-testid={testId} data-no-hotkeys>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

function PasteDialog() {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  return (
    <Modal title="New document from text" testId="paste-dialog">
      <input dir="auto" placeholder="Title" value={title} onChange={(e) => setTitle(e.target.value)} data-testid="paste-title" autoFocus />
      <textarea dir="auto" rows={14} placeholder="Paste the article text here" value={text} onChange={(e) => setText(e.target.value)} data-testid="paste-text" />
      <div className="modal-actions">
        <button type="button" onClick={() => setState({ dialog: null })}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!text.trim()} data-testid="paste-create" onClick={() => void createDocument(title.trim() || text.trim().slice(0, 60), text)}>
          Create document
        </button>
      </div>
    </Modal>
  );
}

const FORMAT_NAMES: Record<ExportFormat, string> = {
  spanmark: 'Spanmark JSON (one file)',
  doccano: 'doccano JSONL',
  labelstudio: 'Label Studio JSON',
  brat: 'brat standoff (.zip)',
  conll: 'CoNLL BIO',
  spacy: 'spaCy JSON',
  hf: 'Hugging Face JSONL',
  csv: 'CSV of spans',
};

function ExportDialog() {
  const corpus = useAppState((s) => s.corpus);
  const [format, setFormat] = useState<ExportFormat>('spanmark');
  const [status, setStatus] = useState<DocStatus[]>([]);
  const [labels, setLabels] = useState<string[]>([]);
  const [offsets, setOffsets] = useState<'codepoint' | 'utf16'>('codepoint');
  const [annotators, setAnnotators] = useState('');
  const toggle = <T,>(list: T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const who = annotators.split(',').map((a) => a.trim()).filter(Boolean);
  const filters: ExportFilters = { ...(status.length ? { status } : {}), ...(labels.length ? { labels } : {}), ...(who.length ? { annotators: who } : {}) };
  return (
    <Modal title="Export corpus" testId="export-dialog">
      <label>
        Format
        <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} data-testid="export-format">
          {ExportFormat.options.map((f) => (
            <option key={f} value={f}>
              {FORMAT_NAMES[f]}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Status (none = all)</legend>
        {DOC_STATUSES.map((s) => (
          <label key={s} className="check">
            <input type="checkbox" checked={status.includes(s)} onChange={() => setStatus(toggle(status, s))} /> {s.replace('_', ' ')}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Labels (none = all)</legend>
        {corpus?.meta.schema.labels.map((l) => (
          <label key={l.name} className="check">
            <input type="checkbox" checked={labels.includes(l.name)} onChange={() => setLabels(toggle(labels, l.name))} /> {l.name}
          </label>
        ))}
      </fieldset>
      <label>
        Annotators (comma-separated; empty = all)
        <input dir="auto" value={annotators} onChange={(e) => setAnnotators(e.target.value)} data-testid="export-annotators" />
      </label>
      <label>
        Offsets
        <select value={offsets} onChange={(e) => setOffsets(e.target.value as 'codepoint' | 'utf16')}>
          <option value="codepoint">Code points (Python, default)</option>
          <option value="utf16">UTF-16 units (JavaScript)</option>
        </select>
      </label>
      <div className="modal-actions">
        <button type="button" onClick={() => setState({ dialog: null })}>
          Cancel
        </button>
        <button type="button" className="primary" data-testid="export-run" onClick={() => void exportCorpus(format, filters, offsets)}>
          Export…
        </button>
      </div>
    </Modal>
  );
}

function ConfirmLabelsDialog() {
  const pending = useAppState((s) => s.pendingLabels);
  if (!pending) return null;
  return (
    <Modal title="Unknown labels" testId="confirm-labels-dialog">
      <p>
        These files use labels that are not in the corpus schema: <strong>{pending.labels.join(', ')}</strong>. Add them to the schema and import the files?
      </p>
      <div className="modal-actions">
        <button type="button" onClick={() => setState({ dialog: null, pendingLabels: null })}>
          Skip those files
        </button>
        <button
          type="button"
          className="primary"
          data-testid="confirm-labels-add"
          onClick={() => {
            setState({ dialog: null, pendingLabels: null });
            void pending.retry();
          }}
        >
          Add labels and import
        </button>
      </div>
    </Modal>
  );
}

const SHEETS: { title: string; rows: [string, string][] }[] = [
  { title: 'Annotating', rows: SHORTCUTS },
  { title: 'Review tab', rows: REVIEW_SHORTCUTS },
];

function ShortcutsDialog() {
  return (
    <Modal title="Keyboard shortcuts" testId="shortcuts-dialog">
      {SHEETS.map(({ title, rows }) => (
        <section key={title}>
          <h3 dir="auto">{title}</h3>
          <table className="shortcuts">
            <tbody>
              {rows.map(([keys, what]) => (
                <tr key={keys}>
                  <td dir="auto">
                    <kbd>{keys}</kbd>
                  </td>
                  <td dir="auto">{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <div className="modal-actions">
        <button type="button" className="primary" onClick={() => setState({ dialog: null })} autoFocus>
          Close
        </button>
      </div>
    </Modal>
  );
}

export function Dialogs() {
  const dialog = useAppState((s) => s.dialog);
  switch (dialog) {
    case 'paste':
      return <PasteDialog />;
    case 'export':
      return <ExportDialog />;
    case 'shortcuts':
      return <ShortcutsDialog />;
    case 'confirm-labels':
      return <ConfirmLabelsDialog />;
    case 'schema':
      return <SchemaEditor />;
    default:
      return null;
  }
}
