/**
 * Every action the UI can take, gathered from the slices that own them:
 * the document session (edits as operations, undo, saving), the corpus,
 * notices, import and export. Components import from here.
 */
export * from './slices/notices';
export * from './slices/document';
export * from './slices/corpus';
export * from './slices/transfer';
