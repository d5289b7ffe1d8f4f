import { call } from '../api';
import { attempt } from '../app/actions';
import { getState, setState, type AppState } from '../app/store';
import { DEFAULT_LAYOUT, type LayoutSettings } from '../../shared/ipc/contract';

export const PANEL_MIN = 240;
const PANEL_MAX = 720;
/** the corpus list's column and the least the document keeps beside the panel */
const BESIDE = 260 + 360;

export function layout(): LayoutSettings {
  return getState().settings?.layout ?? DEFAULT_LAYOUT;
}

/** The widest the side panel may be in a window this wide. */
export function panelMax(windowWidth: number): number {
  return Math.max(PANEL_MIN, Math.min(PANEL_MAX, windowWidth - BESIDE));
}

export function setLayout(patch: Partial<LayoutSettings>): Promise<unknown> {
  const next = { ...layout(), ...patch };
  // shown at once; written to the user's settings behind it
  setState((s) => (s.settings ? { settings: { ...s.settings, layout: next } } : {}));
  return attempt(async () => setState({ settings: await call('settings:set', { layout: next }) }));
}

/** Bring a panel forward, with the document it belongs to, unfolding the side panel if it was folded away (a key or menu asked for it). */
export function showPanel(panel: AppState['panel']): void {
  setState({ panel, view: 'document' });
  if (layout().sidePanelCollapsed) void setLayout({ sidePanelCollapsed: false });
}
