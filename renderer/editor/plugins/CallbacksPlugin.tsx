import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_EDITOR, COMMAND_PRIORITY_LOW, KEY_DOWN_COMMAND, mergeRegister } from 'lexical';
import { useEffect } from 'react';
import { LABEL_RANGE_COMMAND, LINK_SPANS_COMMAND, SELECT_SPAN_COMMAND, STEP_SPAN_COMMAND } from '../commands';
import { useController } from '../controller';
import { BINDINGS, command, matchesKey } from '../../../shared/keymap';

/** Ctrl chords the embedding answers (undo and redo in the model, Ctrl+E…): Lexical must not take them while editing. */
const APP_CHORDS = BINDINGS.filter((b) => command(b.command).owner !== 'editor' && b.key.startsWith('Ctrl+'));

/**
 * Where the view's commands leave it: at the lowest priority, so any plugin
 * (or an embedding) registered above can take a command first, the view
 * reports it through its callbacks, with offsets in code points.
 */
export function CallbacksPlugin(): null {
  const [editor] = useLexicalComposerContext();
  const controller = useController();
  useEffect(
    () =>
      mergeRegister(
        // Lexical's own key handler (priority EDITOR) turns Ctrl+Z, Delete, Enter… into editing commands and
        // cancels them. The read-only view has nothing to edit, so a key no plugin took goes on, untouched, to
        // the page; while editing, the app's own chords (undo in the model, Ctrl+E…) pass through the same way
        editor.registerCommand(KEY_DOWN_COMMAND, (e) => !editor.isEditable() || APP_CHORDS.some((b) => matchesKey(b.key, e)), COMMAND_PRIORITY_LOW),
        editor.registerCommand(
          LABEL_RANGE_COMMAND,
          ({ label, start, end }) => {
            const index = controller.offsetIndex();
            controller.inputs.callbacks.onLabelRange?.(label, index.toCodePoint(start), index.toCodePoint(end, 'end'));
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        editor.registerCommand(
          SELECT_SPAN_COMMAND,
          (id) => {
            controller.inputs.callbacks.onSelectSpan?.(id, 'click');
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        editor.registerCommand(
          STEP_SPAN_COMMAND,
          (dir) => {
            const { doc, selectedSpanId } = controller.inputs;
            const spans = doc.spans;
            if (!spans.length) return true;
            const i = selectedSpanId ? spans.findIndex((s) => s.id === selectedSpanId) : -1;
            const next = i < 0 ? (dir === 1 ? 0 : spans.length - 1) : (i + dir + spans.length) % spans.length;
            controller.inputs.callbacks.onSelectSpan?.(spans[next]!.id, 'step');
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        editor.registerCommand(
          LINK_SPANS_COMMAND,
          ({ type, from, to }) => {
            controller.inputs.callbacks.onLink?.(type, from, to);
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
      ),
    [editor, controller],
  );
  return null;
}
