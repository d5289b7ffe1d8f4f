import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/names';

/** Menu items send commands to the renderer, which owns the behaviour (and its shortcuts). */
export function buildMenu(send: (command: MenuCommand) => void): Menu {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => send(command),
    ...(accelerator ? { accelerator } : {}),
  });
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        item('Open corpus…', 'open-corpus', 'CmdOrCtrl+O'),
        item('Import files…', 'import', 'CmdOrCtrl+I'),
        item('Import folder…', 'import-folder'),
        item('New document from text…', 'paste-document', 'CmdOrCtrl+Shift+V'),
        // not Ctrl+E: the page uses it to switch between labelling and editing
        item('Export…', 'export', 'CmdOrCtrl+Shift+E'),
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { role: 'togglefullscreen' }] },
    { label: 'Help', submenu: [item('Keyboard shortcuts', 'shortcuts', 'Shift+/')] },
  ];
  return Menu.buildFromTemplate(template);
}
