import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { PlainTextPlugin } from '@lexical/react/LexicalPlainTextPlugin';
import { useCallback, useRef } from 'react';
import type { AnnotationSchema, Document } from '../../shared/model/schema';
import { commit, notify } from '../app/actions';
import { SpanRunNode } from './nodes/SpanRunNode';
import { ContentPlugin } from './plugins/ContentPlugin';
import { EditPlugin } from './plugins/EditPlugin';
import { LabelPlugin } from './plugins/LabelPlugin';
import { SpanClickPlugin } from './plugins/SpanClickPlugin';
import { ScrollToSpanPlugin } from './plugins/ScrollToSpanPlugin';
import { RelationArcsPlugin } from './plugins/RelationArcsPlugin';
import { KeyboardSelectionPlugin } from './plugins/KeyboardSelectionPlugin';
import { DragLinkPlugin } from './plugins/DragLinkPlugin';

interface Props {
  doc: Document;
  schema: AnnotationSchema;
  selectedSpanId: string | null;
  mode: 'annotate' | 'edit';
  snapToWords: boolean;
}

const initialConfig = {
  namespace: 'spanmark-document',
  nodes: [SpanRunNode],
  editable: false,
  theme: { paragraph: 'sm-p', root: 'sm-root' },
  onError: (e: Error) => notify(`Editor error: ${e.message}`),
};

export function DocumentView({ doc, schema, selectedSpanId, mode, snapToWords }: Props) {
  const rootRef = useRef<HTMLDivElement>(null);
  const onEdit = useCallback((next: Document, removed: number) => {
    // plain typing shares undo steps; an edit that removed spans stays a step of its own
    commit(next, {}, removed ? undefined : 'typing');
    if (removed) notify(`${removed} span${removed > 1 ? 's' : ''} whose words were deleted ${removed > 1 ? 'were' : 'was'} removed. Ctrl+Z brings ${removed > 1 ? 'them' : 'it'} back.`, 'info');
  }, []);
  return (
    <div className={`document-view mode-${mode}`} data-testid="document-view" data-document-id={doc.id} data-mode={mode} ref={rootRef} tabIndex={-1}>
      <LexicalComposer initialConfig={initialConfig}>
        <PlainTextPlugin
          contentEditable={<ContentEditable className="sm-content" aria-label="Document text" spellCheck={false} />}
          ErrorBoundary={LexicalErrorBoundary}
        />
        <ContentPlugin doc={doc} schema={schema} selectedSpanId={selectedSpanId} mode={mode} />
        <EditPlugin doc={doc} active={mode === 'edit'} onEdit={onEdit} />
        {mode === 'annotate' && <LabelPlugin rootRef={rootRef} doc={doc} schema={schema} snapToWords={snapToWords} />}
        {mode === 'annotate' && <SpanClickPlugin rootRef={rootRef} />}
        <ScrollToSpanPlugin rootRef={rootRef} selectedSpanId={selectedSpanId} />
        {mode === 'annotate' && <KeyboardSelectionPlugin rootRef={rootRef} doc={doc} />}
        {mode === 'annotate' && <DragLinkPlugin rootRef={rootRef} doc={doc} schema={schema} />}

      </LexicalComposer>
      {mode === 'annotate' && <RelationArcsPlugin rootRef={rootRef} doc={doc} schema={schema} selectedSpanId={selectedSpanId} />}
    </div>
  );
}
