import { call } from '../../api';
import { attempt, notify, openCorpus } from '../../app/actions';
import { getState, setState } from '../../app/store';
import { openCopies } from '../review/review-store';
import { ask } from './prompt';

/** The id main gives the built-in sample corpus (main/services/session.ts). */
export const SAMPLE_CORPUS_ID = 'sample-corpus';

/**
 * Before files land in the fictional sample corpus (where they would mix
 * with its made-up articles on the Dashboard), offer a corpus of the
 * user's own. Resolves to false when the user cancels the import.
 */
export async function chooseImportTarget(): Promise<boolean> {
  const s = getState();
  if (s.corpus?.meta.id !== SAMPLE_CORPUS_ID || s.settings?.sampleImport === 'allow') return true;
  const reply = await ask({
    title: 'The open corpus is the fictional sample. Import into a new corpus of your own?',
    label: 'Name of the new corpus',
    initial: 'My corpus',
    check: 'Choose its folder myself (otherwise: the Corpora folder in Spanmark’s data folder)',
    okText: 'Create corpus and import',
    altText: 'Import into the sample anyway',
    testId: 'new-corpus-offer',
  });
  if (!reply) return false;
  if (reply.alt) {
    const settings = await attempt(() => call('settings:set', { sampleImport: 'allow' }));
    if (settings) setState({ settings });
    return true;
  }
  const created = await attempt(() => call('corpus:create', { name: reply.text.trim(), pickFolder: reply.checked }));
  if (!created) return false;
  await openCorpus(created);
  notify(`Created the corpus “${created.meta.name}” in ${created.path}.`, 'info');
  return true;
}

/** "Copy for annotator…": an empty copy of this corpus for someone else, in a folder they will hand back. */
export async function copyForAnnotator(): Promise<void> {
  const reply = await ask({
    title: 'Make a copy for another annotator',
    label: 'Annotator name',
    note: 'Same documents, schema and ids, with no spans or relations, every status todo. Next you choose a new or empty folder for it; when it comes back, use “Review returned copies…”.',
    okText: 'Choose folder…',
    testId: 'copy-for-annotator',
  });
  if (!reply) return;
  const made = await attempt(() => call('corpus:copyForAnnotator', { annotator: reply.text.trim() }));
  if (made) notify(`Copied ${made.documents} documents for ${reply.text.trim()} to ${made.path}.`, 'info');
}

/** The lead's way back: returned copies open in Review, one corpus folder at a time, beside the others. */
export async function reviewReturnedCopies(): Promise<void> {
  setState({ view: 'review' });
  await openCopies('folder', true);
}
