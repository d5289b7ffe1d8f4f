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
  'team:review',
] as const;

export const EVENT_NAMES = ['corpus:changedOnDisk', 'import:progress', 'menu:command', 'dialog:ask', 'team:status'] as const;
