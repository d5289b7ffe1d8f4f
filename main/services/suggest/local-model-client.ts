import type { AnnotationSchema } from '../../../shared/model/schema';
import { chatRequest, chunks, completionsUrl, modelUrlProblem, parseAnswer } from '../../../shared/suggest/local-model';
import type { LocalModelSettings } from '../../../shared/suggest/settings';
import type { Hit } from '../../../shared/suggest/types';

/**
 * Calls the corpus's local model, only when it is enabled and only at its
 * loopback address. Chunks run one after another (a local model serves one
 * request at a time anyway).
 */

export class LocalModelError extends Error {}

export async function runLocalModel(
  settings: LocalModelSettings | undefined,
  schema: AnnotationSchema,
  text: string,
  opts: { fetch?: typeof fetch; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<{ hits: Hit[]; dropped: number }> {
  if (!settings?.enabled) throw new LocalModelError('The local model is off for this corpus; turn it on in the suggestion settings first.');
  const problem = modelUrlProblem(settings.url);
  if (problem) throw new LocalModelError(problem);
  const url = completionsUrl(settings.url);
  const doFetch = opts.fetch ?? fetch;
  const labels = new Set(schema.labels.map((l) => l.name));
  const hits: Hit[] = [];
  let dropped = 0;
  for (const chunk of chunks(text)) {
    const signal = AbortSignal.any([AbortSignal.timeout(opts.timeoutMs ?? 120_000), ...(opts.signal ? [opts.signal] : [])]);
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(chatRequest(schema, settings.model, chunk.text)),
        signal,
        redirect: 'error',
      });
    } catch (e) {
      throw new LocalModelError(`Could not reach the local model at ${url}: ${(e as Error).message}`);
    }
    if (!res.ok) throw new LocalModelError(`The local model at ${url} answered ${res.status} ${res.statusText}.`);
    const body = (await res.json().catch(() => null)) as { choices?: { message?: { content?: unknown } }[] } | null;
    const content = body?.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new LocalModelError('The local model\'s reply is not an OpenAI-style chat completion.');
    try {
      const parsed = parseAnswer(content, chunk, labels);
      hits.push(...parsed.hits);
      dropped += parsed.dropped;
    } catch (e) {
      throw new LocalModelError((e as Error).message);
    }
  }
  return { hits, dropped };
}
