import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { PlainTextPlugin } from '@lexical/react/LexicalPlainTextPlugin';
import { KEY_DOWN_COMMAND } from 'lexical';
import { useCallback, useEffect, useMemo, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { AnnotationSchema, Document } from '../../shared/model/schema';
import { ControllerContext, DocumentController, type Decorations, type DocumentViewCallbacks } from './controller';
import { SpanRunNode } from './nodes/SpanRunNode';
import { CallbacksPlugin } from './plugins/CallbacksPlugin';
import { ContentPlugin } from './plugins/ContentPlugin';
import { DragLinkPlugin } from './plugins/DragLinkPlugin';
import { EditPlugin } from './plugins/EditPlugin';
import { KeyboardSelectionPlugin } from './plugins/KeyboardSelectionPlugin';
import { LabelPlugin } from './plugins/LabelPlugin';
import { RelationArcsPlugin } from './plugins/RelationArcsPlugin';
import { SelectionPlugin } from './plugins/SelectionPlugin';
import { SpanClickPlugin } from './plugins/SpanClickPlugin';
import { SpanHandlesPlugin } from './plugins/SpanHandlesPlugin';

export type { Decoration, Decorations, DocumentViewCallbacks, TextChange } from './controller';
export { DocumentController } from './controller';

export interface DocumentViewProps extends DocumentViewCallbacks {
  doc: Document;
  schema: AnnotationSchema;
  selectedSpanId: string | null;
  mode: 'annotate' | 'edit';
  snapToWords: boolean;
  /** false: a read-only view (Review): spans can be selected, not made or linked */
  annotate?: boolean;
  /** extra classes and colours by span or relation id (review candidates, suggestions) */
  decorations?: Decorations;
  /** the view's controller, for an embedding that labels from a button or places a selection */
  onController?: (controller: DocumentController | null) => void;
  testId?: string;
  className?: string;
}

const NO_DECORATIONS: Decorations = {};

/**
 * The document view: the model in through props, every change out through
 * callbacks. It imports nothing from the app, so the annotation screen and
 * Review (and the benchmark) mount the very same view.
 */
export function DocumentView(props: DocumentViewProps) {
  const initialConfig = useMemo(
    () => ({
      namespace: 'spanmark-document',
      nodes: [SpanRunNode],
      editable: false,
      theme: { paragraph: 'sm-p', root: 'sm-root' },
      onError: (e: Error) => props.onNotify?.(`Editor error: ${e.message}`, 'error'),
    }),
    // the composer reads its config once
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  return (
    <LexicalComposer initialConfig={initialConfig}>
      <Frame {...props} />
    </LexicalComposer>
  );
}

function Frame(props: DocumentViewProps) {
  const { doc, schema, selectedSpanId, mode, snapToWords, annotate = true, decorations = NO_DECORATIONS, onController, testId = 'document-view', className = '' } = props;
  const [editor] = useLexicalComposerContext();
  const controller = useMemo(() => new DocumentController(editor), [editor]);
  // the latest inputs, read by command handlers and listeners between renders
  controller.inputs = {
    doc,
    schema,
    selectedSpanId,
    snapToWords,
    annotate: annotate && mode === 'annotate',
    decorations,
    callbacks: { onLabelRange: props.onLabelRange, onSelectSpan: props.onSelectSpan, onLink: props.onLink, onTextEdit: props.onTextEdit, onTextEditPending: props.onTextEditPending, onNotify: props.onNotify },
  };
  // a ref callback runs before any plugin's effect, so plugins find the frame when they register
  const frame = useCallback((el: HTMLDivElement | null) => void (controller.frame = el), [controller]);
  useEffect(() => {
    onController?.(controller);
    return () => onController?.(null);
  }, [controller, onController]);

  // Lexical dispatches key commands only from an editable root; while labelling the text is read-only,
  // so the view's focusable frame hands its keys to KEY_DOWN_COMMAND and the plugins take them by priority
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>): void => {
    const root = editor.getRootElement();
    if (editor.isEditable() && root?.contains(e.target as Node)) return;
    if ((e.target as HTMLElement).closest('input, textarea, select, [data-no-hotkeys]')) return;
    editor.dispatchCommand(KEY_DOWN_COMMAND, e.nativeEvent);
  };

  const interactive = annotate && mode === 'annotate';
  return (
    <ControllerContext.Provider value={controller}>
      <div
        className={`document-view mode-${mode} ${className}`.trim()}
        data-testid={testId}
        data-document-view=""
        data-document-id={doc.id}
        data-mode={mode}
        ref={frame}
        // a tab stop like any panel: Tab reaches the text and leaves it again
        tabIndex={0}
        aria-label={`${doc.title}: document text`}
        onKeyDown={onKeyDown}
      >
        <PlainTextPlugin contentEditable={<ContentEditable className="sm-content" aria-label="Document text" spellCheck={false} />} ErrorBoundary={LexicalErrorBoundary} />
        <CallbacksPlugin />
        <ContentPlugin doc={doc} schema={schema} selectedSpanId={selectedSpanId} mode={mode} decorations={decorations} />
        <SelectionPlugin selectedSpanId={mode === 'annotate' ? selectedSpanId : null} />
        <EditPlugin doc={doc} active={mode === 'edit'} />
        {interactive && <LabelPlugin snapToWords={snapToWords} />}
        {mode === 'annotate' && <SpanClickPlugin />}
        {mode === 'annotate' && <KeyboardSelectionPlugin />}
        {interactive && <DragLinkPlugin />}
        {interactive && <SpanHandlesPlugin selectedSpanId={selectedSpanId} onAdjustSpan={props.onAdjustSpan} />}
        {mode === 'annotate' && <RelationArcsPlugin doc={doc} schema={schema} selectedSpanId={selectedSpanId} decorations={decorations.relations} />}
      </div>
    </ControllerContext.Provider>
  );
}
