import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createParagraphNode, $getRoot, type NodeKey, type ParagraphNode } from 'lexical';
import { useEffect, useMemo, useRef } from 'react';
import { OffsetIndex } from '../../../shared/text/offsets';
import type { AnnotationSchema, Document } from '../../../shared/model/schema';
import { $createSpanRunNode } from '../nodes/SpanRunNode';
import { buildRuns, runsSignature, splitParagraphs, toViewSpans, type Run } from '../segments';

export const LOAD_TAG = 'spanmark-load';

interface Props {
  doc: Document;
  schema: AnnotationSchema;
  selectedSpanId: string | null;
  mode: 'annotate' | 'edit';
}

interface Built {
  text: string;
  mode: string;
  keys: NodeKey[];
  signatures: string[];
}

/**
 * Mirrors the document into the editor. The model is the source of truth;
 * the editor is rebuilt from it. When only spans change, only paragraphs
 * whose runs changed are touched, so labelling stays instant on long texts.
 */
export function ContentPlugin({ doc, schema, selectedSpanId, mode }: Props): null {
  const [editor] = useLexicalComposerContext();
  const built = useRef<Built | null>(null);
  const colors = useMemo(() => new Map(schema.labels.map((l) => [l.name, l.color])), [schema]);
  const index = useMemo(() => new OffsetIndex(doc.text), [doc.text]);
  const paragraphs = useMemo(() => splitParagraphs(doc.text), [doc.text]);

  useEffect(() => {
    if (mode === 'edit') {
      built.current = null; // EditPlugin owns the editor while editing
      return;
    }
    const prev = built.current;
    editor.setEditable(false);
    const runs = buildRuns(paragraphs, toViewSpans(doc.spans, index));
    const signatures = runs.map((r, i) => runsSignature(doc.text.slice(paragraphs[i]!.start, paragraphs[i]!.end), r, selectedSpanId));
    const full = !prev || prev.text !== doc.text || prev.keys.length !== paragraphs.length;
    editor.update(
      () => {
        if (full) {
          const root = $getRoot().clear();
          const keys: NodeKey[] = [];
          for (let i = 0; i < paragraphs.length; i++) {
            const para = $createParagraphNode();
            fillParagraph(para, doc.text, runs[i]!, colors, selectedSpanId);
            root.append(para);
            keys.push(para.getKey());
          }
          built.current = { text: doc.text, mode, keys, signatures };
          return;
        }
        const root = $getRoot();
        const paras = root.getChildren() as ParagraphNode[];
        for (let i = 0; i < paragraphs.length; i++) {
          if (prev.signatures[i] === signatures[i]) continue;
          const para = paras[i];
          if (!para) continue;
          para.clear();
          fillParagraph(para, doc.text, runs[i]!, colors, selectedSpanId);
        }
        built.current = { ...prev, signatures };
      },
      { tag: LOAD_TAG },
    );
  }, [editor, doc, paragraphs, index, colors, selectedSpanId, mode]);

  return null;
}

function fillParagraph(para: ParagraphNode, text: string, runs: Run[], colors: Map<string, string>, selected: string | null): void {
  for (const r of runs) {
    const t = text.slice(r.start, r.end);
    if (!r.spans.length) {
      para.append($createSpanRunNode(t, r.start, { ids: [], labels: [], colors: [], selected: false }));
      continue;
    }
    para.append(
      $createSpanRunNode(t, r.start, {
        ids: r.spans.map((s) => s.id),
        labels: r.spans.map((s) => s.label),
        colors: r.spans.map((s) => colors.get(s.label) ?? '#999999'),
        selected: selected !== null && r.spans.some((s) => s.id === selected),
      }),
    );
  }
}
