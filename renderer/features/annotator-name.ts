import { call } from '../api';
import { notify } from '../app/actions';
import { setState } from '../app/store';

/**
 * The annotator name is typed one key at a time; each key used to wait for
 * a settings round trip whose reply then overwrote the field, dropping what
 * was typed meanwhile ("maria" saved as "mra"). The store takes the name at
 * once (so the field and new spans see it), and writes go out one at a
 * time, the latest name winning; replies never write back into the field.
 */
let latest: string | null = null;
let writing: Promise<void> | null = null;

export function setAnnotatorName(name: string): void {
  setState((s) => (s.settings ? { settings: { ...s.settings, annotator: name } } : {}));
  latest = name;
  writing ??= drain();
}

async function drain(): Promise<void> {
  while (latest !== null) {
    const name = latest;
    latest = null;
    try {
      await call('settings:set', { annotator: name });
    } catch (e) {
      notify(`Could not save the annotator name: ${(e as Error).message}`);
    }
  }
  writing = null;
}
