import { withDocumentView } from '../document/AnnotatedDocument';

/** Put the text selection on a search hit (code points) once the document has rendered. */
export function labelRangeSelection(start: number, end: number): void {
  withDocumentView((view) => view.selectRange(start, end));
}
