import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_HIGH, KEY_DOWN_COMMAND, mergeRegister } from 'lexical';
import { useEffect, useRef } from 'react';
import { BINDINGS, matchesKey } from '../../../shared/keymap';
import { labelForKey } from '../../../shared/model/label-keys';
import { snapToWords, trimWhitespace } from '../../../shared/text/snap';
import { LABEL_RANGE_COMMAND } from '../commands';
import { useController } from '../controller';
import { selectionOffsets } from '../dom-offsets';

const LABEL_BINDING = BINDINGS.find((b) => b.command === 'label-selection')!;

/**
 * Select text, then press a label key (1–9 by default) or click a label
 * button. The selection snaps to whole words unless Alt was held while
 * selecting or snapping is off. The pending selection lives on the view's
 * controller, so a label button outside the view labels this view's text.
 */
export function LabelPlugin({ snapToWords: snap }: { snapToWords: boolean }): null {
  const [editor] = useLexicalComposerContext();
  const controller = useController();
  const altHeld = useRef(false);

  useEffect(() => {
    const capture = (root: HTMLElement): void => {
      const sel = selectionOffsets(root);
      if (sel) controller.caret = sel.end;
      if (!sel || sel.collapsed) {
        controller.pendingSelection = null;
        return;
      }
      const text = controller.doc.text;
      controller.pendingSelection = snap && !altHeld.current ? snapToWords(text, sel.start, sel.end) : trimWhitespace(text, sel.start, sel.end);
    };
    // on the view's frame, not Lexical's root: a drag may end on the frame's padding, and the frame takes focus
    const frame = controller.frame;
    const onDown = (e: MouseEvent): void => {
      altHeld.current = e.altKey;
    };
    const onUp = (e: MouseEvent): void => {
      const root = editor.getRootElement();
      if (!root) return;
      altHeld.current = altHeld.current || e.altKey;
      capture(root);
      // the label key that follows must reach this view
      if (controller.pendingSelection && !frame?.contains(document.activeElement)) controller.focus();
    };
    const onSelectionChange = (): void => {
      // keyboard selections (Shift+arrows) are captured too; mouse ones on mouse-up
      const root = editor.getRootElement();
      if (root && document.activeElement && frame?.contains(document.activeElement)) capture(root);
    };
    frame?.addEventListener('mousedown', onDown);
    frame?.addEventListener('mouseup', onUp);
    document.addEventListener('selectionchange', onSelectionChange);
    const detach = (): void => {
      frame?.removeEventListener('mousedown', onDown);
      frame?.removeEventListener('mouseup', onUp);
      document.removeEventListener('selectionchange', onSelectionChange);
    };
    return mergeRegister(
      detach,
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (e) => {
          const schema = controller.inputs.schema;
          if (!matchesKey(LABEL_BINDING.key, e, (k) => !!labelForKey(schema, k))) return false;
          const root = editor.getRootElement();
          if (root) capture(root);
          const range = controller.pendingSelection;
          if (!range) return false; // no text selected: the key may relabel the selected span (the app's binding)
          e.preventDefault();
          editor.dispatchCommand(LABEL_RANGE_COMMAND, { label: labelForKey(schema, e.key)!, ...range });
          window.getSelection()?.removeAllRanges();
          controller.pendingSelection = null;
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    );
  }, [editor, controller, snap]);

  return null;
}
