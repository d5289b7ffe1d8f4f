import type { Op } from '../../shared/model/operations';
import type { Req, Res } from '../../shared/ipc/contract';

export type ApplyRequest = Req<'document:apply'>;
export type ApplyResponse = Res<'document:apply'>;

export interface SaveQueueEvents {
  saving(): void;
  saved(result: ApplyResponse): void;
  /** the batch reached main but could not be written (conflict, disk error); main keeps it and retries */
  notSaved(result: ApplyResponse): void;
  /** main refused the batch (stale, invalid, no longer open): the document must be read again */
  refused(error: unknown, ops: Op[]): void;
}

/**
 * Sends the open document's ops to main: one request in flight, ops made
 * meanwhile wait and go together as the next batch, so a burst of keys is
 * a few small requests. Each batch names the version it was built on.
 */
export class SaveQueue {
  private pending: Op[] = [];
  private inFlight: Promise<void> | null = null;

  constructor(
    readonly documentId: string,
    private version: number,
    private readonly send: (req: ApplyRequest) => Promise<ApplyResponse>,
    private readonly on: SaveQueueEvents,
  ) {}

  get busy(): boolean {
    return this.inFlight !== null || this.pending.length > 0;
  }

  push(ops: Op[]): void {
    if (!ops.length) return;
    for (const op of ops) this.pending.push(op);
    this.inFlight ??= this.drain();
  }

  /** Resolves when every op pushed so far has been answered. */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        const ops = this.pending;
        this.pending = [];
        this.on.saving();
        try {
          const result = await this.send({ id: this.documentId, baseVersion: this.version, ops });
          this.version = result.version;
          if (result.notSaved) this.on.notSaved(result);
          else this.on.saved(result);
        } catch (e) {
          // what was built on a refused batch cannot apply either: drop it, the document is read again
          this.pending = [];
          this.on.refused(e, ops);
        }
      }
    } finally {
      this.inFlight = null;
    }
  }
}
