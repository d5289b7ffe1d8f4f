import { useEffect, useRef, useState } from 'react';
import { CorpusList } from '../features/corpus/CorpusList';
import { AnnotatedDocument } from '../features/document/AnnotatedDocument';
import { Dialogs } from '../features/dialogs/Dialogs';
import { Notices } from '../features/Notices';
import { SidePanel } from '../features/SidePanel';
import { Toolbar } from '../features/Toolbar';
import { DocumentHeader, UndoDeleteBar } from '../features/workflows/DocumentHeader';
import { PromptHost } from '../features/workflows/prompt';
import { useHotkeys } from './useHotkeys';
import { importDropped } from './actions';
import { setState, useAppState, type AppState } from './store';
import { ClaimsFiguresView } from '../features/project/ClaimsFiguresView';
import { DashboardView } from '../features/project/DashboardView';
import { SearchView } from '../features/project/SearchView';
import { ReviewView } from '../features/review/ReviewView';
import { FindBar } from '../features/find/FindBar';
import { useReadingStyle } from '../features/reading/reading-commands';
import { useLabelPatterns } from '../features/reading/label-patterns';
import { useMenuCommands } from './menu-commands';
import { SelectedSpanAnnouncer } from '../features/spans/SelectedSpanAnnouncer';
import { SuggestionsBar } from '../features/suggest/SuggestionsBar';

/** While files are dragged over the window, say where they will go (the whole window is the target). */
function useFileDrag(): { dragging: boolean; handlers: Pick<React.HTMLAttributes<HTMLDivElement>, 'onDragEnter' | 'onDragLeave' | 'onDrop'> } {
  const [dragging, setDragging] = useState(false);
  // enter/leave fire for every child crossed: count them
  const depth = useRef(0);
  const isFiles = (e: React.DragEvent): boolean => e.dataTransfer.types.includes('Files');
  return {
    dragging,
    handlers: {
      onDragEnter: (e) => {
        if (!isFiles(e)) return;
        depth.current++;
        setDragging(true);
      },
      onDragLeave: (e) => {
        if (!isFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (!depth.current) setDragging(false);
      },
      onDrop: () => {
        depth.current = 0;
        setDragging(false);
      },
    },
  };
}

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
  useMenuCommands();
  useReadingStyle();
  useLabelPatterns();
  const drag = useFileDrag();
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
      onDragEnter={drag.handlers.onDragEnter}
      onDragLeave={drag.handlers.onDragLeave}
      onDrop={(e) => {
        drag.handlers.onDrop?.(e);
        if (!e.dataTransfer.files.length) return;
        e.preventDefault();
        void importDropped([...e.dataTransfer.files]);
      }}
    >
      <Toolbar />
      <Notices />
      <UndoDeleteBar />
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
              <DocumentHeader />
              <FindBar />
              <SuggestionsBar />
              <AnnotatedDocument />
            </>
          ) : (
            <div className="empty">{corpus ? 'Choose a document, import files, or paste text.' : 'Open a corpus to start.'}</div>
          )}
        </main>
        {/* spans, details and guidelines belong to the document: other views get the room */}
        {view === 'document' && <SidePanel />}
      </div>
      <Dialogs />
      <SelectedSpanAnnouncer />
      {drag.dragging && (
        <div className="drop-target" data-testid="drop-target" aria-hidden="true">
          Drop files to import them into this corpus
        </div>
      )}
      <PromptHost />
    </div>
  );
}
