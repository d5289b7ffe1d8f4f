import { call, subscribe } from '../../api';
import type { OpenCorpus } from '../../../shared/ipc/contract';
import { getState, setState, type AppState } from '../store';
import { closeDocument, flushSave, openDocument } from './document';
import { attempt, noticesForCorpus, notify } from './notices';
import { setInPagePickers } from '../../features/workflows/pickers';

/** The corpus slice: booting, opening a corpus (the menu's commands are in ../menu-commands.ts). */

function corpusLoaded(corpus: OpenCorpus | null): Partial<AppState> {
  return {
    corpus,
    save: corpus?.readOnly ? { state: 'readonly', message: corpus.readOnlyReason ?? 'Read-only' } : { state: 'saved' },
  };
}

export async function boot(): Promise<void> {
  const result = await attempt(() => call('app:bootstrap', {}));
  if (!result) {
    setState({ booted: true });
    return;
  }
  setInPagePickers(result.inPagePickers);
  setState({ booted: true, host: result.host, settings: result.settings, ...corpusLoaded(result.corpus) });
  for (const d of result.corpus?.damaged ?? []) notify(`Damaged document: ${d.message}${d.hasBackup ? ' A backup is available in the corpus list.' : ''}`);
  const readable = result.corpus?.documents.filter((d) => !result.corpus?.damaged.some((x) => x.id === d.id)) ?? [];
  // the document read last in this corpus, else the first
  const place = result.settings.lastPlace;
  const last = place && place.corpus === result.corpus?.path ? readable.find((d) => d.id === place.documentId) : undefined;
  const first = last ?? readable[0];
  if (first) await openDocument(first.id);
  subscribe('corpus:changedOnDisk', (change) => {
    const s = getState();
    const touchesCurrent = s.doc && change.documentIds.includes(s.doc.id);
    notify(`Corpus files changed on disk${touchesCurrent ? ', including the open document' : ''}. Use “Reload from disk” to load them; nothing is overwritten until you do.`, 'info');
    setState({ externalChange: true });
  });
  subscribe('import:progress', (p) => setState({ importProgress: p.done >= p.total ? null : p }));
}

export async function openCorpus(corpus: OpenCorpus | null | undefined, preferDocId?: string): Promise<void> {
  if (!corpus) return;
  await flushSave();
  // the recent list changed in main when this corpus opened
  void call('settings:get', {}).then((settings) => setState({ settings }), () => undefined);
  closeDocument();
  setState({ ...corpusLoaded(corpus), externalChange: false });
  noticesForCorpus(corpus.path);
  const first = corpus.documents.find((d) => d.id === preferDocId) ?? corpus.documents[0];
  if (first) await openDocument(first.id);
}
