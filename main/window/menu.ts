import { Menu, type MenuItemConstructorOptions } from 'electron';
import { accelerator } from '../../shared/keymap';
import type { MenuCommand } from '../../shared/ipc/names';

/**
 * Menu items send commands to the renderer, which owns the behaviour. Their shortcuts come from the
 * keymap (shared/keymap.ts) and are shown but not registered: the page handles the keys in the scope
 * that has focus, so Ctrl+Z in a text field stays the field's own undo.
 *
 * `devTools`: only in development; a packaged app has no menu route into the page's internals.
 */
export function buildMenu(send: (command: MenuCommand) => void, opts: { devTools: boolean } = { devTools: false }): Menu {
  const item = (label: string, command: MenuCommand, key = accelerator(command)): MenuItemConstructorOptions => ({
    label,
    click: () => send(command),
    ...(key ? { accelerator: key, registerAccelerator: false } : {}),
  });
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
    {
      label: 'Edit',
      submenu: [
        item('Undo', 'undo'),
        item('Redo', 'redo'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        item('Find in document…', 'find'),
      ],
    },
    {
      label: 'View',
      submenu: [
        item('Larger text', 'zoom-in'),
        item('Smaller text', 'zoom-out'),
        item('Default text size', 'zoom-reset'),
        { type: 'separator' },
        {
          label: 'Theme',
          submenu: [item('Light', 'theme-light'), item('Dark', 'theme-dark'), item('Follow the system', 'theme-system')],
        },
        {
          label: 'Side panel',
          submenu: [item('Spans', 'panel-spans'), item('Details', 'panel-details'), item('Who said what', 'panel-who'), item('Guidelines', 'panel-guidelines')],
        },
        { type: 'separator' },
        { role: 'reload' },
        ...(opts.devTools ? [{ role: 'toggleDevTools' as const }] : []),
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Help', submenu: [item('Keyboard shortcuts', 'shortcuts')] },
  ];
  return Menu.buildFromTemplate(template);
}
