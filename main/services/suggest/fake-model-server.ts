import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OpenAI-compatible chat completions server for tests: it listens
 * on 127.0.0.1 at a random port, records each request, and answers with
 * what `answer` returns for the user message (the document chunk).
 */

export interface FakeModelServer {
  url: string;
  requests: { path: string; body: unknown }[];
  close(): Promise<void>;
}

export async function startFakeModelServer(answer: (chunk: string, model: string) => string | { status: number }): Promise<FakeModelServer> {
  const requests: FakeModelServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      let body: { model?: string; messages?: { role: string; content: string }[] } = {};
      try {
        body = JSON.parse(raw) as typeof body;
      } catch {
        // recorded as sent
      }
      requests.push({ path: req.url ?? '', body });
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404).end();
        return;
      }
      const chunk = body.messages?.find((m) => m.role === 'user')?.content ?? '';
      const out = answer(chunk, body.model ?? '');
      if (typeof out !== 'string') {
        res.writeHead(out.status).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion', model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: out }, finish_reason: 'stop' }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
