import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../../../shared/model/defaults';
import { chunks } from '../../../shared/suggest/local-model';
import { startFakeModelServer, type FakeModelServer } from './fake-model-server';
import { runLocalModel } from './local-model-client';

let server: FakeModelServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const text = 'The ministry said 62 servicemen died. The ministry later said more.';

describe('local model (OpenAI-compatible chat completions)', () => {
  it('sends the schema and the text, and re-finds every span in the text instead of trusting the model', async () => {
    server = await startFakeModelServer(() =>
      JSON.stringify({
        spans: [
          { label: 'actor', text: 'The ministry', occurrence: 2 },
          { label: 'figure', text: '62 servicemen' },
          { label: 'claim', text: '62 soldiers died' }, // not in the text: dropped
          { label: 'weapon', text: 'said' }, // not in the schema: dropped
          { label: 'attribution', text: 'SAID' }, // case differs: found anyway
        ],
      }),
    );
    const r = await runLocalModel({ enabled: true, url: server.url, model: 'qwen-test' }, DEFAULT_SCHEMA, text);
    expect(r.dropped).toBe(2);
    expect(r.hits.map((h) => [h.label, text.slice(h.start, h.end), h.start])).toEqual([
      ['actor', 'The ministry', 38],
      ['figure', '62 servicemen', 18],
      ['attribution', 'said', 13],
    ]);
    expect(server.requests).toHaveLength(1);
    const body = server.requests[0]!.body as { model: string; messages: { role: string; content: string }[] };
    expect(server.requests[0]!.path).toBe('/v1/chat/completions');
    expect(body.model).toBe('qwen-test');
    expect(body.messages[0]!.content).toContain('- attribution: The cue that credits a statement');
    expect(body.messages[1]!.content).toBe(text);
  });

  it('contacts nothing while off, and refuses an address that is not this computer', async () => {
    server = await startFakeModelServer(() => '{"spans": []}');
    await expect(runLocalModel({ enabled: false, url: server.url, model: 'm' }, DEFAULT_SCHEMA, text)).rejects.toThrow(/off for this corpus/);
    await expect(runLocalModel({ enabled: true, url: 'http://192.0.2.10:11434/v1', model: 'm' }, DEFAULT_SCHEMA, text)).rejects.toThrow(/only talks to a model on this computer/);
    expect(server.requests).toHaveLength(0);
  });

  it('reports a server error or an answer that is not JSON clearly', async () => {
    server = await startFakeModelServer((chunk) => (chunk.includes('ministry') ? 'Sure! Here are the spans:' : { status: 500 }));
    await expect(runLocalModel({ enabled: true, url: server.url, model: 'm' }, DEFAULT_SCHEMA, text)).rejects.toThrow('The local model did not answer with JSON.');
    await expect(runLocalModel({ enabled: true, url: server.url, model: 'm' }, DEFAULT_SCHEMA, 'other words')).rejects.toThrow(/answered 500/);
  });

  it('sends a long document in paragraph chunks and shifts offsets back', async () => {
    const para = 'Officials said the port closed. '.repeat(120).trim();
    const long = `${para}\n\n${para}\n\nThe mayor spoke.`;
    server = await startFakeModelServer((chunk) => JSON.stringify({ spans: chunk.includes('mayor') ? [{ label: 'actor', text: 'The mayor' }] : [] }));
    const r = await runLocalModel({ enabled: true, url: server.url, model: 'm' }, DEFAULT_SCHEMA, long);
    expect(server.requests.length).toBe(chunks(long).length);
    expect(server.requests.length).toBeGreaterThan(1);
    expect(r.hits.map((h) => long.slice(h.start, h.end))).toEqual(['The mayor']);
  });
});
