import { channels, type Channel, type ParsedReq, type Res, type Result } from '../../shared/ipc/contract';

export type Handler<C extends Channel> = (request: ParsedReq<C>) => Promise<Res<C>>;
export type HandlerMap = { [C in Channel]: Handler<C> };

function isChannel(name: string): name is Channel {
  return Object.hasOwn(channels, name);
}

function describe(e: unknown): { code: string; message: string } {
  if (e && typeof e === 'object' && 'message' in e) {
    const code = 'code' in e && typeof e.code === 'string' ? e.code : 'error';
    return { code, message: String(e.message) };
  }
  return { code: 'error', message: String(e) };
}

/**
 * The one entry point for every request, on both hosts: check the channel,
 * parse the payload with the contract's schema, call the handler, and turn
 * any failure into `{code, message}` for the UI.
 */
export async function dispatch(handlers: HandlerMap, channel: string, payload: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel "${channel}".` } };
  const parsed = channels[channel].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: { code: 'invalid_request', message: `Invalid ${channel} request at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}` } };
  }
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (e) {
    return { ok: false, error: describe(e) };
  }
}
