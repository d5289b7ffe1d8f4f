import { DocumentView } from '../editor/DocumentView';
import { CorpusList } from '../features/corpus/CorpusList';
import { Dialogs } from '../features/dialogs/Dialogs';
import { Notices } from '../features/Notices';
import { SidePanel } from '../features/SidePanel';
import { Toolbar } from '../features/Toolbar';
import { useHotkeys } from './useHotkeys';
import { useAppState } from './store';

export function App() {
  useHotkeys();
  const booted = useAppState((s) => s.booted);
  const doc = useAppState((s) => s.doc);
  const corpus = useAppState((s) => s.corpus);
  const selected = useAppState((s) => s.selectedSpanId);
  const mode = useAppState((s) => s.mode);
  const snap = useAppState((s) => s.settings?.snapToWords ?? true);
  if (!booted) return <div className="splash">Loading Spanmark…</div>;
  return (
    <div className="app">
      <Toolbar />
      <Notices />
      <div className="workspace">
        <CorpusList />
        <main className="doc-pane">
          {doc && corpus ? (
            <>
              <header className="doc-header">
                <h1 data-testid="document-title">{doc.title}</h1>
                <span className="doc-source">{[doc.source.outlet, doc.source.url ?? doc.source.fileName].filter(Boolean).join(' · ')}</span>
              </header>
              <DocumentView key={doc.id} doc={doc} schema={corpus.meta.schema} selectedSpanId={selected} mode={mode} snapToWords={snap} />
            </>
          ) : (
            <div className="empty">{corpus ? 'Choose a document, import files, or paste text.' : 'Open a corpus to start.'}</div>
          )}
        </main>
        <SidePanel />
      </div>
      <Dialogs />
    </div>
  );
}
