/**
 * The contract's channel and event names as plain data, with no zod, so the
 * sandboxed preload can allow-list them without bundling the schemas.
 * contract.ts checks at compile time that these lists match its schemas.
 */
export const CHANNEL_NAMES = [
  'app:bootstrap',
  'corpus:open',
  'corpus:openDialog',
  'corpus:current',
  'corpus:reload',
  'corpus:updateMeta',
  'corpus:restoreBackup',
  'document:get',
  'document:open',
  'document:apply',
  'document:create',
  'document:delete',
  'document:updateInfo',
  'document:restore',
  'corpus:copyForAnnotator',
  'corpus:create',
  'import:files',
  'import:dialog',
  'import:dropped',
  'import:cancel',
  'export:run',
  'export:dialog',
  'export:download',
  'dialog:answer',
  'settings:get',
  'settings:set',
  'shell:openExternal',
  'analysis:figures',
  'analysis:exportFigures',
  'analysis:search',
  'analysis:stats',
  'review:agreement',
  'review:open',
  'review:document',
  'review:saveGold',
  'team:connect',
  'team:status',
  'team:syncNow',
  'team:progress',
  'team:assign',
  'team:review',
  'suggest:context',
  'suggest:importPatterns',
  'suggest:exportPatterns',
  'suggest:setGazetteer',
  'suggest:setLocalModel',
  'suggest:runModel',
] as const;

export const EVENT_NAMES = ['corpus:changedOnDisk', 'import:progress', 'menu:command', 'dialog:ask', 'team:status'] as const;

/**
 * Commands the application menu (main/window/menu.ts) sends in 'menu:command';
 * the renderer must handle every one (its handler map is typed by this list).
 */
export const MENU_COMMANDS = [
  'open-corpus',
  'import',
  'import-folder',
  'paste-document',
  'export',
  'shortcuts',
  'undo',
  'redo',
  'find',
  'zoom-in',
  'zoom-out',
  'zoom-reset',
  'theme-light',
  'theme-dark',
  'theme-system',
  'panel-spans',
  'panel-details',
  'panel-who',
  'panel-guidelines',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
