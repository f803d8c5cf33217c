// End to end, in English and Russian: the stream browser probes the connection on first open and
// shows what it found as chips (meaning and time in the tooltip); a picked stream shows its
// enhanced fan-out consumers, or a sentence where the connection has none (the sandbox); and on an
// endpoint without ListShards and DescribeStreamSummary each list says DescribeStream stood in.
import { describe, expect, test } from 'vitest';
import { startFakeKinesis, type RecordedCall } from '../helpers/fake-kinesis';
import { addProfile, withApp } from '../helpers/e2e';
import { checkLayout } from '../helpers/layout';

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });
const action = (c: RecordedCall) => c.target.split('.').at(-1) ?? '';

const WORDS = {
  'en-US': {
    browse: 'Streams…',
    checkedAt: 'Checked',
    notOffered: 'This connection does not offer enhanced fan-out consumers',
    shardsFallback: 'Shards are listed with DescribeStream',
    summaryFallback: 'come from DescribeStream',
    tail: 'Tail orders',
    start: 'Start',
  },
  'ru-RU': {
    browse: 'Потоки…',
    checkedAt: 'Проверено',
    notOffered: 'Это подключение не поддерживает потребителей расширенного разветвления',
    shardsFallback: 'Шарды получены через «DescribeStream»',
    summaryFallback: 'получены через «DescribeStream»',
    tail: 'Следить за orders',
    start: 'Начать',
  },
} as const;

describe('the probe and consumers in the stream browser, end to end', () => {
  for (const locale of ['en-US', 'ru-RU'] as const) {
    const w = WORDS[locale];
    test(`chips, consumers and fallbacks (${locale})`, async () => {
      // An endpoint without ListShards and DescribeStreamSummary (as YDS documents) that has consumers.
      const fake = await startFakeKinesis({
        streams: { orders: 2 },
        answer: (c) => {
          const a = action(c);
          if (a === 'ListShards' || a === 'DescribeStreamSummary')
            return { status: 400, body: { __type: 'UnknownOperationException' } };
          if (a === 'ListStreams') return { status: 200, body: { StreamNames: ['orders'], HasMoreStreams: false } };
          if (a === 'ListStreamConsumers')
            return {
              status: 200,
              body: {
                Consumers: [
                  {
                    ConsumerName: 'billing-reader',
                    ConsumerARN: `${String(c.body.StreamARN)}/consumer/billing-reader:1`,
                    ConsumerStatus: 'ACTIVE',
                    ConsumerCreationTimestamp: 1_764_600_000,
                  },
                ],
              },
            };
          return undefined;
        },
      });
      try {
        await withApp(`stream-probe-${locale}`, { locale, viewport: { width: 900, height: 600 } }, async (app) => {
          const { page } = app;
          await page.getByRole('button', { name: w.browse, exact: true }).click({ timeout: 15_000 });
          const chips = page.getByTestId('capability-chips');
          const chip = (c: string) => chips.locator(`[data-capability="${c}"]`);
          // Probed on first open: the sandbox answers ListShards and the summary, not the consumer calls.
          await poll(() => chip('consumers').getAttribute('data-answer')).toBe('no');
          expect(await chip('listShards').getAttribute('data-answer')).toBe('yes');
          expect(await chip('largeRecords').getAttribute('data-answer')).toBe('yes');
          expect(await chip('consumers').getAttribute('title')).toContain(w.checkedAt);
          expect(await chip('consumers').getAttribute('title')).toContain('GetRecords');

          const row = page.getByTestId('stream-row').filter({ hasText: 'example-stream' });
          await row.getByRole('button', { name: 'example-stream', exact: true }).click({ timeout: 15_000 });
          await page.getByTestId('consumers-not-offered').waitFor({ timeout: 15_000 });
          expect(await page.getByTestId('consumers-not-offered').innerText()).toContain(w.notOffered);
          await poll(() => page.getByTestId('shard-row').count()).toBe(2);
          expect(await page.getByTestId('shards-fallback').count()).toBe(0);
          expect(await checkLayout(page, { label: `stream browser, sandbox shards (${locale})` })).toEqual([]);

          const own = await addProfile(app, {
            name: 'Without ListShards',
            kind: 'custom',
            endpoint: fake.url,
            region: 'us-east-1',
            credentials: { source: 'static', sharedProfile: '', accessKeyId: 'AKIDPROBE', secretAccessKey: 'probe' },
          });
          await page.reload();
          await page.locator(`select:has(option[value="${own.id}"])`).selectOption(own.id, { timeout: 15_000 });
          await page.getByRole('button', { name: w.browse, exact: true }).click({ timeout: 15_000 });
          await poll(() => chip('listShards').getAttribute('data-answer')).toBe('no');
          expect(await chip('describeStreamSummary').getAttribute('data-answer')).toBe('no');
          expect(await chip('consumers').getAttribute('data-answer')).toBe('yes');
          expect(await page.getByTestId('summary-fallback').innerText()).toContain(w.summaryFallback);
          expect(await checkLayout(page, { label: `stream browser, fallbacks (${locale})` })).toEqual([]);

          // The tail reads shards DescribeStream listed, and says so once.
          await page.getByRole('button', { name: w.tail, exact: true }).click({ timeout: 15_000 });
          const tail = page.locator('.dialog-tail');
          await tail.getByRole('button', { name: w.start, exact: true }).click({ timeout: 15_000 });
          await tail.getByTestId('shards-fallback').waitFor({ timeout: 15_000 });
          expect(await tail.getByTestId('shards-fallback').innerText()).toContain(w.shardsFallback);
          await page.keyboard.press('Escape');
          await poll(() => tail.count()).toBe(0);

          await page
            .getByTestId('stream-row')
            .getByRole('button', { name: 'orders', exact: true })
            .click({ timeout: 15_000 });
          await poll(() => page.getByTestId('consumer-row').count()).toBe(1);
          expect(await page.getByTestId('consumer-row').innerText()).toMatch(/billing-reader\s+ACTIVE/);
          expect(await page.getByTestId('shards-fallback').innerText()).toContain(w.shardsFallback);
          expect(await checkLayout(page, { label: `stream browser, consumers (${locale})` })).toEqual([]);
        });
      } finally {
        await fake.close();
      }
    });
  }
});
