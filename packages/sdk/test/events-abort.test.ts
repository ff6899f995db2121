import { Sigmax } from '@sigmax/sdk';
import { expect, it } from 'vitest';

it('an aborted stream ends even when the fetch never closes the body', async () => {
  const encoder = new TextEncoder();
  // A body that sends one event and then stays open whatever the request's signal says.
  const fetch = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          const event = {
            id: '1',
            type: 'fill',
            time: new Date().toISOString(),
            symbol: 'BTC/USDT',
            data: {},
          };
          controller.enqueue(encoder.encode(`id: 1\nevent: fill\ndata: ${JSON.stringify(event)}\n\n`));
        },
      }),
      { status: 200, headers: { 'content-type': 'text/event-stream' } },
    );
  const sigmax = new Sigmax({ baseUrl: 'http://sigmax.test', apiKey: 'sk_test', fetch });
  const controller = new AbortController();
  const seen: string[] = [];
  const started = Date.now();
  for await (const event of sigmax.events.stream({ signal: controller.signal })) {
    seen.push(event.id);
    setTimeout(() => controller.abort(), 50);
  }
  expect(seen).toEqual(['1']);
  expect(Date.now() - started).toBeLessThan(2000);
});
