import { useEffect, useRef, useState } from 'react';
import { setState, useAppState, type AppState } from '../app/store';
import { DEFAULT_LAYOUT } from '../../shared/ipc/contract';
import { SpansPanel } from './spans/SpansPanel';
import { DetailsPanel } from './spans/DetailsPanel';
import { WhoSaidWhatPanel } from './spans/WhoSaidWhatPanel';
import { GuidelinesPanel } from './GuidelinesPanel';
import { PANEL_MIN, panelMax, setLayout } from './panel-layout';

const TABS: { id: AppState['panel']; title: string }[] = [
  { id: 'spans', title: 'Spans' },
  { id: 'details', title: 'Details' },
  { id: 'who', title: 'Who said what' },
  { id: 'guidelines', title: 'Guidelines' },
];

const STEP = 16;

function useWindowWidth(): number {
  const [w, setW] = useState(window.innerWidth);
  useEffect(() => {
    const on = (): void => setW(window.innerWidth);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return w;
}

/** The panel beside the document: resized by its left edge (drag, or arrows on it), folded away and back. */
export function SidePanel() {
  const panel = useAppState((s) => s.panel);
  const saved = useAppState((s) => s.settings?.layout ?? DEFAULT_LAYOUT);
  const max = panelMax(useWindowWidth());
  const [dragging, setDragging] = useState<number | null>(null);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const width = Math.max(PANEL_MIN, Math.min(max, dragging ?? saved.sidePanelWidth));
  const clamp = (w: number): number => Math.round(Math.max(PANEL_MIN, Math.min(max, w)));

  if (saved.sidePanelCollapsed) {
    return (
      <aside className="side-panel collapsed" aria-label="Spans and details" data-testid="side-panel" data-collapsed="true">
        <button type="button" className="panel-fold" data-testid="side-panel-toggle" aria-expanded={false} title="Show the side panel" aria-label="Show the side panel" onClick={() => void setLayout({ sidePanelCollapsed: false })}>
          «
        </button>
      </aside>
    );
  }
  return (
    <aside className="side-panel" aria-label="Spans and details" data-testid="side-panel" data-collapsed="false" style={{ width }}>
      {/* the panel's left edge: drag it, or focus it and use ←/→ (Home/End: narrowest/widest) */}
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Side panel width"
        aria-valuemin={PANEL_MIN}
        aria-valuemax={max}
        aria-valuenow={width}
        tabIndex={0}
        className="panel-resizer"
        data-testid="side-panel-resizer"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { x: e.clientX, width };
          setDragging(width);
        }}
        onPointerMove={(e) => {
          // the panel is on the right: moving its edge left widens it
          if (drag.current) setDragging(clamp(drag.current.width + drag.current.x - e.clientX));
        }}
        onPointerUp={() => {
          if (drag.current && dragging !== null) void setLayout({ sidePanelWidth: dragging });
          drag.current = null;
          setDragging(null);
        }}
        onKeyDown={(e) => {
          const to = { ArrowLeft: width + STEP, ArrowRight: width - STEP, Home: PANEL_MIN, End: max }[e.key];
          if (to === undefined) return;
          e.preventDefault();
          void setLayout({ sidePanelWidth: clamp(to) });
        }}
      />
      <div className="panel-head">
        <div className="tabs" role="tablist">
          {TABS.map((t) => (
            <button type="button" role="tab" key={t.id} aria-selected={panel === t.id} data-testid={`tab-${t.id}`} onClick={() => setState({ panel: t.id })}>
              {t.title}
            </button>
          ))}
        </div>
        <button type="button" className="panel-fold" data-testid="side-panel-toggle" aria-expanded={true} title="Hide the side panel" aria-label="Hide the side panel" onClick={() => void setLayout({ sidePanelCollapsed: true })}>
          »
        </button>
      </div>
      <div className="panel-body">
        {panel === 'spans' && <SpansPanel />}
        {panel === 'details' && <DetailsPanel />}
        {panel === 'who' && <WhoSaidWhatPanel />}
        {panel === 'guidelines' && <GuidelinesPanel />}
      </div>
    </aside>
  );
}
