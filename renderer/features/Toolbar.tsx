import { call } from '../api';
import { attempt, importFiles, openCorpus, redo, setStatus, undo } from '../app/actions';
import { labelSelection } from './document/AnnotatedDocument';
import { getState, setState, useAppState } from '../app/store';
import { DOC_STATUSES, type DocStatus } from '../../shared/model/schema';
import { keyOfLabel } from './label-keys';
import { titleWithKey } from '../../shared/keymap';
import { setAnnotatorName } from './annotator-name';
import { copyForAnnotator, reviewReturnedCopies } from './workflows/corpus-actions';
import { TeamSyncStatus } from './team/TeamSync';

/** One formatter: toLocaleTimeString builds a new one per call, a few ms on every save of every edit. */
const TIME = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: 'numeric', second: 'numeric' });

function SaveIndicator() {
  const save = useAppState((s) => s.save);
  const text =
    save.state === 'saving' ? 'Saving…' : save.state === 'error' ? `Not saved: ${save.message}` : save.state === 'readonly' ? 'Read-only' : save.at ? `Saved ${TIME.format(new Date(save.at))}` : 'Saved';
  return (
    <span className={`save-state save-${save.state}`} role="status" data-testid="save-state" data-state={save.state} title={save.message}>
      {text}
    </span>
  );
}

/** Shown when corpus files changed on disk (git pull, sync); nothing is overwritten until the user reloads. */
function ReloadButton() {
  const changed = useAppState((s) => s.externalChange);
  if (!changed) return null;
  return (
    <button
      type="button"
      className="primary"
      data-testid="reload-from-disk"
      onClick={() =>
        void attempt(async () => {
          const current = getState().doc?.id;
          setState({ externalChange: false });
          await openCorpus(await call('corpus:reload', {}), current);
        })
      }
    >
      Reload from disk
    </button>
  );
}

export function Toolbar() {
  const corpus = useAppState((s) => s.corpus);
  const doc = useAppState((s) => s.doc);
  const mode = useAppState((s) => s.mode);
  const canUndo = useAppState((s) => s.canUndo);
  const canRedo = useAppState((s) => s.canRedo);
  const annotator = useAppState((s) => s.settings?.annotator ?? '');
  const snap = useAppState((s) => s.settings?.snapToWords ?? true);
  const theme = useAppState((s) => s.settings?.theme ?? 'system');
  const schema = corpus?.meta.schema;
  return (
    <div className="toolbar" role="toolbar">
      <span className="brand">Spanmark</span>
      {/* controls wrap onto a second line a group at a time, never one stranded button */}
      <span className="tool-group" role="group" aria-label="Corpus">
        <button type="button" data-testid="open-corpus" onClick={() => void attempt(async () => openCorpus(await call('corpus:openDialog', {})))} title={titleWithKey('open-corpus', 'Open a corpus folder, or make a new corpus in an empty folder')}>
          Open…
        </button>
        <button type="button" onClick={() => void importFiles(null)} data-testid="import-button" title={titleWithKey('import', 'Import .txt, .md, .html, doccano, Label Studio, brat, CoNLL or Spanmark files')}>
          Import…
        </button>
        <button type="button" onClick={() => void importFiles(null, false, true)} data-testid="import-folder-button" title="Import every file in a folder (brat .txt/.ann pairs are matched)">
          Import folder…
        </button>
        <button type="button" onClick={() => setState({ dialog: 'paste' })} data-testid="paste-button" title={titleWithKey('paste-document')}>
          Paste text…
        </button>
        <button type="button" onClick={() => setState({ dialog: 'export' })} data-testid="export-button" title={titleWithKey('export')}>
          Export…
        </button>
        <button type="button" onClick={() => void copyForAnnotator()} data-testid="copy-for-annotator-button" title="An empty copy of this corpus (same documents, schema and ids) for another annotator">
          Copy for annotator…
        </button>
        <button type="button" onClick={() => void reviewReturnedCopies()} data-testid="review-returned-button" title="Open annotators' returned copies (corpus folders) in Review, to compare and adjudicate">
          Review returned copies…
        </button>
      </span>
      <span className="sep" />
      <span className="tool-group" role="group" aria-label="Labels">
        {schema?.labels.map((l) => (
          <button
            type="button"
            key={l.name}
            className="label-button"
            data-testid={`label-button-${l.name}`}
            style={{ borderColor: l.color }}
            title={`${l.description} (key ${keyOfLabel(schema, l.name) ?? '—'})`}
            disabled={!doc || mode !== 'annotate'}
            onMouseDown={(e) => e.preventDefault() /* keep the text selection */}
            onClick={() => labelSelection(l.name)}
          >
            <kbd>{keyOfLabel(schema, l.name)}</kbd> <span className="swatch" style={{ background: l.color }} />
            {l.name}
          </button>
        ))}
      </span>
      <span className="sep" />
      <span className="tool-group" role="group" aria-label="Editing">
        <button type="button" onClick={undo} disabled={!canUndo} title={titleWithKey('undo')} data-testid="undo-button">
          Undo
        </button>
        <button type="button" onClick={redo} disabled={!canRedo} title={titleWithKey('redo')}>
          Redo
        </button>
        <button
          type="button"
          data-testid="mode-toggle"
          aria-pressed={mode === 'edit'}
          disabled={!doc}
          onClick={() => setState({ mode: mode === 'edit' ? 'annotate' : 'edit', selectedSpanId: null })}
          title={titleWithKey('toggle-edit')}
        >
          {mode === 'edit' ? 'Done editing' : 'Edit text'}
        </button>
        {doc && (
          <select value={doc.status} onChange={(e) => setStatus(e.target.value as DocStatus)} data-testid="status-select" aria-label="Document status">
            {DOC_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        )}
      </span>
      <span className="grow" />
      <span className="tool-group" role="group" aria-label="Saving and settings">
        <ReloadButton />
        <SaveIndicator />
        <TeamSyncStatus />
        <button type="button" className="link" onClick={() => setState({ dialog: 'shortcuts' })} title={titleWithKey('shortcuts')}>
          ?
        </button>
        <select
          aria-label="Theme"
          data-testid="theme-select"
          value={theme}
          onChange={(e) => void attempt(async () => setState({ settings: await call('settings:set', { theme: e.target.value as 'light' | 'dark' | 'system' }) }))}
        >
          <option value="system">system theme</option>
          <option value="light">light</option>
          <option value="dark">dark</option>
        </select>
        <label className="snap-toggle" title="Snap selections to whole words (Alt while selecting gives exact characters)">
          <input
            type="checkbox"
            data-testid="snap-toggle"
            checked={snap}
            onChange={(e) => void attempt(async () => setState({ settings: await call('settings:set', { snapToWords: e.target.checked }) }))}
          />{' '}
          snap
        </label>
        <span className="annotator" title="Annotator name stamped on your spans">
          👤{' '}
          <input
            dir="auto"
            aria-label="Annotator name"
            data-testid="annotator-name"
            value={annotator}
            onChange={(e) => setAnnotatorName(e.target.value)}
          />
        </span>
      </span>
    </div>
  );
}
