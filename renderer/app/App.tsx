import { useEffect } from 'react';
import { CorpusList } from '../features/corpus/CorpusList';
import { AnnotatedDocument } from '../features/document/AnnotatedDocument';
import { Dialogs } from '../features/dialogs/Dialogs';
import { Notices } from '../features/Notices';
import { SidePanel } from '../features/SidePanel';
import { Toolbar } from '../features/Toolbar';
import { useHotkeys } from './useHotkeys';
import { importDropped } from './actions';
import { setState, useAppState, type AppState } from './store';
import { ClaimsFiguresView } from '../features/project/ClaimsFiguresView';
import { DashboardView } from '../features/project/DashboardView';
import { SearchView } from '../features/project/SearchView';
import { ReviewView } from '../features/review/ReviewView';

const VIEWS: { id: AppState['view']; title: string }[] = [
  { id: 'document', title: 'Document' },
  { id: 'figures', title: 'Claims & figures' },
  { id: 'dashboard', title: 'Dashboard' },
  { id: 'search', title: 'Search' },
  { id: 'review', title: 'Review' },
];

function ViewTabs() {
  const view = useAppState((s) => s.view);
  return (
    <nav className="view-tabs" role="tablist">
      {VIEWS.map((v) => (
        <button type="button" role="tab" key={v.id} aria-selected={view === v.id} data-testid={`view-${v.id}`} onClick={() => setState({ view: v.id })}>
          {v.title}
        </button>
      ))}
    </nav>
  );
}

function useTheme(): void {
  const theme = useAppState((s) => s.settings?.theme ?? 'system');
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

export function App() {
  useHotkeys();
  useTheme();
  const booted = useAppState((s) => s.booted);
  const doc = useAppState((s) => s.doc);
  const corpus = useAppState((s) => s.corpus);
  const view = useAppState((s) => s.view);
  if (!booted) return <div className="splash">Loading Spanmark…</div>;
  return (
    <div
      className="app"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.files.length) return;
        e.preventDefault();
        void importDropped([...e.dataTransfer.files]);
      }}
    >
      <Toolbar />
      <Notices />
      <div className="workspace">
        <CorpusList />
        <main className="doc-pane">
          <ViewTabs />
          {view === 'figures' && <ClaimsFiguresView />}
          {view === 'dashboard' && <DashboardView />}
          {view === 'search' && <SearchView />}
          {view === 'review' && <ReviewView />}
          {view !== 'document' ? null : doc && corpus ? (
            <>
              <header className="doc-header">
                <h1 dir="auto" data-testid="document-title">{doc.title}</h1>
                <span className="doc-source">{[doc.source.outlet, doc.source.url ?? doc.source.fileName].filter(Boolean).join(' · ')}</span>
              </header>
              <AnnotatedDocument />
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
