import { useEffect } from 'react';
import { call, subscribe } from '../api';
import type { MenuCommand } from '../../shared/ipc/names';
import { attempt, importFiles, openCorpus, redo, undo } from './actions';
import { setState } from './store';
import { runReadingCommand } from '../features/reading/reading-commands';
import { showPanel } from '../features/panel-layout';
import { flushTyping } from '../features/document/AnnotatedDocument';

const setTheme = (theme: 'light' | 'dark' | 'system') => attempt(async () => setState({ settings: await call('settings:set', { theme }) }));

/** The application menu (main/window/menu.ts) names commands; the renderer owns what they do. Typed: every menu command has a handler. */
const MENU_HANDLERS: Record<MenuCommand, () => unknown> = {
  'open-corpus': () => attempt(async () => openCorpus(await call('corpus:openDialog', {}))),
  import: () => importFiles(null),
  'import-folder': () => importFiles(null, false, true),
  'paste-document': () => setState({ dialog: 'paste' }),
  export: () => setState({ dialog: 'export' }),
  shortcuts: () => setState({ dialog: 'shortcuts' }),
  undo,
  redo,
  find: runReadingCommand.find,
  'zoom-in': runReadingCommand['zoom-in'],
  'zoom-out': runReadingCommand['zoom-out'],
  'zoom-reset': runReadingCommand['zoom-reset'],
  'theme-light': () => setTheme('light'),
  'theme-dark': () => setTheme('dark'),
  'theme-system': () => setTheme('system'),
  'panel-spans': () => showPanel('spans'),
  'panel-details': () => showPanel('details'),
  'panel-who': () => showPanel('who'),
  'panel-guidelines': () => showPanel('guidelines'),
};

export function useMenuCommands(): void {
  useEffect(
    () =>
      subscribe('menu:command', ({ command }) => {
        flushTyping();
        void MENU_HANDLERS[command]();
      }),
    [],
  );
}
