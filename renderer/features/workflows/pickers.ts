import { call, subscribe } from '../../api';
import type { EventPayload } from '../../../shared/ipc/contract';
import { ask } from './prompt';

/**
 * In-page pickers for a host without native dialogs (the browser host a
 * person runs with `npm run web`): files to import are uploaded from an
 * <input type=file>, exports are downloaded, and the folder or path main
 * asks for (Open…, Import folder…, Review's copies) is typed into a prompt.
 */
let inPage = false;
let unsubscribe: (() => void) | null = null;

export function setInPagePickers(on: boolean): void {
  inPage = on;
  unsubscribe?.();
  unsubscribe = on ? subscribe('dialog:ask', (q) => void answer(q)) : null;
}

export function inPagePickers(): boolean {
  return inPage;
}

const TITLES: Record<EventPayload<'dialog:ask'>['kind'], string> = {
  folder: 'Folder path',
  files: 'File paths, one per line',
  save: 'Save to (full path)',
  confirm: '',
};

async function answer(q: EventPayload<'dialog:ask'>): Promise<void> {
  const reply = await ask({
    title: q.title,
    label: TITLES[q.kind],
    ...(q.defaultName ? { initial: q.defaultName } : {}),
    multiline: q.kind === 'files',
    confirmOnly: q.kind === 'confirm',
    testId: 'path-prompt',
  });
  const paths = reply === null ? null : q.kind === 'confirm' ? ['yes'] : reply.text.split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
  await call('dialog:answer', { id: q.id, paths: paths?.length ? paths : null });
}

/** Let the person choose files with the browser's own picker; resolves to [] when they cancel. */
export function pickFiles(accept: string): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = accept;
    input.dataset.testid = 'file-picker';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve([...(input.files ?? [])]);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve([]);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

export function download(name: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes]));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const IMPORT_ACCEPT = '.txt,.md,.markdown,.html,.htm,.json,.jsonl,.ann,.conll,.zip';
