import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createParagraphNode, $getRoot, type ParagraphNode } from 'lexical';
import { useEffect, useRef } from 'react';
import { applyTextEdit } from '../../../shared/model/edits';
import { OffsetIndex } from '../../../shared/text/offsets';
import type { Document } from '../../../shared/model/schema';
import { $createSpanRunNode } from '../nodes/SpanRunNode';
import { splitParagraphs } from '../segments';
import { diffText } from '../text-diff';
import { LOAD_TAG } from './ContentPlugin';

interface Props {
  doc: Document;
  active: boolean;
  onEdit: (next: Document, removedSpans: number) => void;
}

/**
 * Edit mode: the text becomes editable; every change is turned into one
 * replacement on the model (applyTextEdit), which carries spans along.
 * Line separators are kept from the original text where paragraphs survive,
 * so CRLF documents stay CRLF.
 */
export function EditPlugin({ doc, active, onEdit }: Props): null {
  const [editor] = useLexicalComposerContext();
  const shown = useRef<string | null>(null);
  const docRef = useRef(doc);
  docRef.current = doc;

  useEffect(() => {
    if (!active) {
      shown.current = null;
      return;
    }
    if (shown.current === doc.text) return;
    editor.setEditable(true);
    editor.update(
      () => {
        const root = $getRoot().clear();
        for (const p of splitParagraphs(doc.text)) {
          const para = $createParagraphNode();
          const t = doc.text.slice(p.start, p.end);
          if (t) para.append($createSpanRunNode(t, p.start, { ids: [], labels: [], colors: [], selected: false }));
          root.append(para);
        }
      },
      { tag: LOAD_TAG },
    );
    shown.current = doc.text;
  }, [editor, doc.text, active]);

  useEffect(() => {
    if (!active) return;
    return editor.registerUpdateListener(({ editorState, tags, dirtyElements, dirtyLeaves }) => {
      if (tags.has(LOAD_TAG) || (dirtyElements.size === 0 && dirtyLeaves.size === 0)) return;
      const current = docRef.current;
      const lines = editorState.read(() => ($getRoot().getChildren() as ParagraphNode[]).map((p) => p.getTextContent()));
      const next = joinLines(current.text, lines);
      const d = diffText(current.text, next);
      if (!d) return;
      const index = new OffsetIndex(current.text);
      const { doc: edited, removed } = applyTextEdit(current, index.toCodePoint(d.start), index.toCodePoint(d.end, 'end'), d.insert, new Date().toISOString());
      shown.current = edited.text;
      onEdit(edited, removed.length);
    });
  }, [editor, active, onEdit]);

  return null;
}

/** Rejoin edited lines, reusing the old separators from both ends so a CRLF file keeps its CRLFs. */
export function joinLines(before: string, lines: string[]): string {
  const old = splitParagraphs(before);
  const oldLines = old.map((p) => before.slice(p.start, p.end));
  let prefix = 0;
  while (prefix < lines.length && prefix < oldLines.length && lines[prefix] === oldLines[prefix]) prefix++;
  const fallback = old[0]?.sep || '\n';
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    out += lines[i];
    if (i === lines.length - 1) break;
    const fromEnd = lines.length - 1 - i; // separators counted from the end
    const sep = i < prefix ? old[i]?.sep : old[old.length - 1 - fromEnd]?.sep;
    out += sep || fallback;
  }
  return out;
}
