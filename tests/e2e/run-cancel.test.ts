// A run still sending is "Running…" in its history row, its details and the outcome filter, and one
// the user cancels is "Cancelled": never "Failed", in the run view, its report, its history row and
// the history's outcome filter, in English and Russian. The run goes to
// tests/helpers/fake-kinesis.ts throttling every shard, so it is still sending when cancelled.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeKinesis, type FakeKinesis } from '../helpers/fake-kinesis';
import { customProfileInput } from '../helpers/profiles';
import { value, withApp } from '../helpers/e2e';

let fake: FakeKinesis;
beforeAll(async () => {
  fake = await startFakeKinesis({ streams: { slow: 2 }, perShardRecordsPerSec: 5, bucketsFromFirstWrite: true });
});
afterAll(async () => {
  await fake.close();
});

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });
const number = (text: string) => Number(text.replace(/[^\d]/g, ''));

const LOCALES = [
  {
    locale: 'en-US',
    batch: 'Batch & load',
    run: 'Run',
    cancel: 'Cancel run',
    cancelled: 'Cancelled',
    verdict: /^Cancelled: \d+ of 1,000 records acknowledged; [\d,]+ not delivered\.$/,
    filter: 'Filter by result',
    failed: 'Failed',
    running: 'Running…',
    anyOutcome: 'Any result',
  },
  {
    locale: 'ru-RU',
    batch: 'Пакет и нагрузка',
    run: 'Запустить',
    cancel: 'Отменить запуск',
    cancelled: 'Отменён',
    verdict: /^Запуск отменён: подтверждено \d+ из 1\s000 записей; не доставлено [\d\s]+\.$/,
    filter: 'Фильтр по результату',
    failed: 'Ошибка',
    running: 'Идёт…',
    anyOutcome: 'Любой результат',
  },
];

describe('a run under way, then cancelled', () => {
  for (const l of LOCALES)
    test(`is Running… while it sends, then Cancelled, never Failed, in the run view, report, history row and filter (${l.locale})`, async () => {
      await withApp(`run-cancel-${l.locale}`, { locale: l.locale }, async (app) => {
        const { page } = app;
        const profile = value(
          await app.call(
            'saveProfile',
            customProfileInput('Throttled', fake.url, {
              accessKeyId: 'AKIACANCEL000000',
              secretAccessKey: 'cancel-secret',
            }),
          ),
        );
        await page.reload();
        await page.locator('#profile-select').selectOption(profile.id);
        await page.locator('#stream-name').fill('slow');
        await page.getByRole('tab', { name: l.batch }).click();
        await page.locator('#batch-source-template').click();
        await page.getByRole('button', { name: l.run, exact: true }).click();
        // Still sending, and the stream is refusing part of it.
        await poll(async () => number(await page.getByTestId('run-throttled').innerText())).toBeGreaterThan(0);

        // Its history row, while it runs: neither a failure nor an error name.
        const running = page.getByTestId('history-row').first();
        await poll(() => running.getByTestId('history-outcome').innerText()).toContain(l.running);
        expect(await running.innerText()).not.toContain(l.failed);
        expect(await running.innerText()).not.toContain('RunRunning');
        const filter = page.getByLabel(l.filter);
        await filter.selectOption('failed');
        await poll(() => page.getByTestId('history-row').count()).toBe(0);
        await filter.selectOption({ label: l.running });
        await poll(() => page.getByTestId('history-row').count()).toBe(1);
        await filter.selectOption({ label: l.anyOutcome });

        await page.getByRole('button', { name: l.cancel }).click();

        await poll(() => page.getByTestId('run-state').innerText()).toBe(l.cancelled);
        await poll(() => page.getByTestId('run-verdict').innerText()).toMatch(l.verdict);
        const row = page.getByTestId('history-row').first();
        await poll(() => row.getByTestId('history-outcome').innerText()).toContain(l.cancelled);
        expect(await row.innerText()).not.toContain(l.failed);

        await filter.selectOption('failed');
        await poll(() => page.getByTestId('history-row').count()).toBe(0);
        await filter.selectOption({ label: l.cancelled });
        await poll(() => page.getByTestId('history-row').count()).toBe(1);
      });
    });
});
