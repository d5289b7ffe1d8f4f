import { Menu, type MenuItemConstructorOptions } from 'electron';
import { accelerator } from '../../shared/keymap';

/** Menu items send commands to the renderer, which owns the behaviour (and its shortcuts). */
/** `devTools`: only in development; a packaged app has no menu route into the page's internals. */
export function buildMenu(send: (command: string) => void, opts: { devTools: boolean } = { devTools: false }): Menu {
  // accelerators come from the renderer's keymap (shared/keymap.ts), so the menu shows the keys the page answers to
  const item = (label: string, command: string): MenuItemConstructorOptions => {
    const keys = accelerator(command);
    return { label, click: () => send(command), ...(keys ? { accelerator: keys } : {}) };
  };
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        item('Open corpus…', 'open-corpus'),
        item('Import files…', 'import'),
        item('Import folder…', 'import-folder'),
        item('New document from text…', 'paste-document'),
        // not Ctrl+E: the page uses it to switch between labelling and editing
        item('Export…', 'export'),
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: [{ role: 'reload' }, ...(opts.devTools ? [{ role: 'toggleDevTools' as const }] : []), { role: 'togglefullscreen' }] },
    { label: 'Help', submenu: [item('Keyboard shortcuts', 'shortcuts')] },
  ];
  return Menu.buildFromTemplate(template);
}
