// A run still sending is "Running…" in its history row, its details and the outcome filter, and one
// the user cancels is "Cancelled": never "Failed", in the run view, its report, its history row and
// the history's outcome filter, in English and Russian. The run goes to
// tests/helpers/fake-kinesis.ts throttling every shard, so it is still sending when cancelled.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openHistory } from '../../electron/history';
import { historyEntry } from '../helpers/history-entries';
import { startFakeKinesis, type FakeKinesis } from '../helpers/fake-kinesis';
import { customProfileInput } from '../helpers/profiles';
import { value, withApp } from '../helpers/e2e';

let fake: FakeKinesis;
let root: string;
beforeAll(async () => {
  fake = await startFakeKinesis({ streams: { slow: 2 }, perShardRecordsPerSec: 5, bucketsFromFirstWrite: true });
  root = await mkdtemp(path.join(os.tmpdir(), 'sc-run-cancel-'));
});
afterAll(async () => {
  await fake.close();
  await rm(root, { recursive: true, force: true });
});

/** A data folder whose history holds one earlier send, to compare the run with. */
async function withEarlierSend(): Promise<string> {
  const dataDir = await mkdtemp(path.join(root, 'data-'));
  const history = await openHistory({ dataDir });
  await history.append(historyEntry({ id: 'earlier', time: new Date(Date.now() - 60_000).toISOString() }));
  await history.close();
  return dataDir;
}

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
    compare: 'Compare',
    compareTitle: 'Compare two entries',
    underWay: 'The run is under way; its figures are written when it ends.',
    runFigures: /Run · 1,000 records/,
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
    compare: 'Сравнить',
    compareTitle: 'Сравнение двух записей',
    underWay: 'Запуск идёт; его итоги будут записаны, когда он закончится.',
    runFigures: /Запуск · 1\s000 записей/,
  },
];

describe('a run under way, then cancelled', () => {
  for (const l of LOCALES)
    test(`is Running… while it sends, then Cancelled, never Failed, in the run view, report, history row and filter (${l.locale})`, async () => {
      const dataDir = await withEarlierSend();
      await withApp(`run-cancel-${l.locale}`, { locale: l.locale, dataDir }, async (app) => {
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
        // Nor a duration: it has none yet ("0 ms" would be a wrong one).
        expect(await running.innerText()).not.toMatch(/\d\s?(ms|мс)/);

        // Compared with the earlier send, it says in the UI's language that it is under way.
        await running.click({ modifiers: ['Control'] });
        await page
          .getByTestId('history-row')
          .nth(1)
          .click({ modifiers: ['Control'] });
        await page.getByRole('button', { name: l.compare, exact: true }).click();
        const compared = page.getByRole('dialog', { name: l.compareTitle });
        await compared.locator('.diff-line').first().waitFor({ timeout: 15_000 });
        expect(await compared.innerText()).toContain(l.underWay);
        expect(await compared.innerText()).not.toContain('RunRunning');
        expect(await compared.innerText()).not.toMatch(/(^|\D)0\s?(ms|мс)/);
        await page.keyboard.press('Escape');
        await poll(() => compared.count()).toBe(0);
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

        // Compared once cancelled: its figures in the UI's language, not main's English failure.
        await filter.selectOption({ label: l.anyOutcome });
        await poll(() => page.getByTestId('history-row').count()).toBe(2);
        for (const n of [0, 1])
          await page
            .getByTestId('history-row')
            .nth(n)
            .click({ modifiers: ['Control'] });
        await page.getByRole('button', { name: l.compare, exact: true }).click();
        await compared.locator('.diff-line').first().waitFor({ timeout: 15_000 });
        expect(await compared.innerText()).toMatch(l.runFigures);
        expect(await compared.innerText()).not.toMatch(/RunCancelled|acknowledged/);
      });
    });
});
