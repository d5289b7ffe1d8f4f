import { setState, useAppState, type AppState } from '../app/store';
import { SpansPanel } from './spans/SpansPanel';
import { DetailsPanel } from './spans/DetailsPanel';
import { WhoSaidWhatPanel } from './spans/WhoSaidWhatPanel';
import { GuidelinesPanel } from './GuidelinesPanel';

const TABS: { id: AppState['panel']; title: string }[] = [
  { id: 'spans', title: 'Spans' },
  { id: 'details', title: 'Details' },
  { id: 'who', title: 'Who said what' },
  { id: 'guidelines', title: 'Guidelines' },
];

export function SidePanel() {
  const panel = useAppState((s) => s.panel);
  return (
    <aside className="side-panel" aria-label="Spans and details">
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button type="button" role="tab" key={t.id} aria-selected={panel === t.id} data-testid={`tab-${t.id}`} onClick={() => setState({ panel: t.id })}>
            {t.title}
          </button>
        ))}
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
