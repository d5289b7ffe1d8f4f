import { invertOps, type Op } from '../../shared/model/operations';

/**
 * Undo and redo as operations: each step keeps the ops it applied and
 * undoes them with their inverse, so history costs O(changes), not a copy
 * of the document per step. Edits of the same `group` in quick succession
 * (typing in edit mode, typing a note) share one step.
 */

export const GROUP_WINDOW_MS = 1000;
const LIMIT = 500;

interface Step {
  ops: Op[];
  group?: string;
  at: number;
}

export class UndoHistory {
  private past: Step[] = [];
  private future: Step[] = [];

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** `window`: how long after the last edit of the group the next one still joins it (a note field: until it is left). */
  record(ops: Op[], group?: string, now = Date.now(), window = GROUP_WINDOW_MS): void {
    const last = this.past[this.past.length - 1];
    if (group && last?.group === group && now - last.at < window) {
      last.ops = last.ops.concat(ops);
      last.at = now;
    } else {
      this.past.push({ ops, group, at: now });
      if (this.past.length > LIMIT) this.past.shift();
    }
    this.future = [];
  }

  /** A group ends when its field loses focus, even if the next edit comes quickly. */
  closeGroup(): void {
    const last = this.past[this.past.length - 1];
    if (last) last.group = undefined;
  }

  /** The ops that undo the last step (and move it to redo), or null. */
  undo(): Op[] | null {
    const step = this.past.pop();
    if (!step) return null;
    this.future.unshift({ ...step, group: undefined });
    return invertOps(step.ops);
  }

  redo(): Op[] | null {
    const step = this.future.shift();
    if (!step) return null;
    this.past.push(step);
    return step.ops;
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }
}
