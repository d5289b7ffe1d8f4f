import type { Channel, EventName, EventPayload, Req, Res, SpanmarkApi } from '../shared/ipc/contract';

/** The only file that touches window.api. */
declare global {
  interface Window {
    api: SpanmarkApi;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function call<C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>> {
  const result = await window.api.invoke(channel, request);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.api.on(event, listener);
}
