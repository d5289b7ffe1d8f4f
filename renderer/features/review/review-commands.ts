import { acceptAgreed, cancelEdit, finalizeCurrent, keepBothCurrent, keepCurrent, openCopies, rejectCurrent, startEdit, stepDisagreement, stepDocument, undoReview } from './review-store';

/** What each review command of the keymap (shared/keymap.ts) does; the app's dispatcher runs them while Review is on screen. */
export const REVIEW_COMMANDS: Record<string, () => void> = {
  'review-accept-agreed': acceptAgreed,
  'review-next': () => stepDisagreement(1),
  'review-previous': () => stepDisagreement(-1),
  'review-keep': keepCurrent,
  'review-keep-both': keepBothCurrent,
  'review-reject': rejectCurrent,
  'review-edit-label': startEdit,
  'review-undo': undoReview,
  'review-finalize': () => void finalizeCurrent(),
  'review-next-document': () => stepDocument(1),
  'review-previous-document': () => stepDocument(-1),
  'review-open': () => void openCopies(),
  'review-cancel': cancelEdit,
};
