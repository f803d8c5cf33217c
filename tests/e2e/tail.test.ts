// End to end: the tail view opened from the composer follows the sandbox stream live — records
// sent meanwhile appear merged by arrival time across shards, pause holds them back, a small cap
// drops the oldest and says how many — and main sends it at most 4 events a second.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { LaunchedApp } from '../harness/launch';
import { clockPast } from '../helpers/clock';
import { value, withApp } from '../helpers/e2e';

const rows = (page: Page) => page.getByTestId('tail-row');
const previews = (page: Page) => page.getByTestId('tail-preview').allInnerTexts();

/** Sends records to example-stream (2 shards) from outside the page, alternating shards by key. */
async function send(app: LaunchedApp, texts: string[]) {
  const sandbox = value(await app.call('listProfiles', {})).profiles.find((p) => p.kind === 'sandbox')!;
  const shards = new Set<string>();
  for (const text of texts) {
    const out = value(
      await app.call('sendRecord', {
        requestId: crypto.randomUUID(),
        profileId: sandbox.id,
        target: { type: 'name', streamName: 'example-stream' },
        partitionKey: `key-${text}`,
        payload: { mode: 'text', text },
      }),
    );
    if (!out.result.ok) throw new Error(JSON.stringify(out.result.error));
    shards.add(out.result.response.shardId);
    // Arrival times have millisecond precision: the next is sent in a later millisecond.
    await clockPast(Date.now());
  }
  return shards;
}

/** The most events in any second; times are taken a moment after the tail's own clock reading, so 20 ms are allowed for that. */
/** The tail's events alone: the sends the test makes bring `history` events too. */
const tailEventsOf = (app: LaunchedApp) => app.events.filter((e) => e.name === 'tail');

function maxPerSecond(events: { at: number }[]): number {
  return Math.max(0, ...events.map((e) => events.filter((x) => x.at >= e.at && x.at < e.at + 980).length));
}

async function openTail(page: Page) {
  await page.getByLabel('Partition key').waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Tail stream' }).click({ timeout: 15_000 });
  await page.getByRole('dialog', { name: 'Tail: example-stream' }).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Start', exact: true }).click({ timeout: 15_000 });
  await expect.poll(() => page.getByTestId('tail-state').innerText(), { timeout: 15_000 }).toBe('Following');
}

describe('tail view, end to end', () => {
  test('records sent while tailing appear in arrival order across shards; pause holds them; a picked one shows decoded', async () => {
    await withApp('tail', {}, async (app) => {
      const { page } = app;
      await openTail(page);
      const texts = Array.from({ length: 12 }, (_, i) => `{"n":${i}}`);
      const shards = await send(app, texts);
      expect(shards.size).toBe(2);
      await expect.poll(() => previews(page), { timeout: 15_000 }).toEqual(texts);
      expect(await page.getByTestId('tail-counters').innerText()).toMatch(
        /Received: 12[\s\S]*Shown: 12[\s\S]*Dropped: 0/,
      );

      await page.getByRole('button', { name: 'Pause' }).click({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('tail-state').innerText()).toBe('Paused');
      // Main says paused once the read in flight has settled; from then on it reads nothing
      // (tests/unit/tail.test.ts checks that over ten seconds of a fake clock).
      await expect
        .poll(() => app.events.some((e) => e.name === 'tail' && (e.payload as { state: string }).state === 'paused'))
        .toBe(true);
      const eventsWhenPaused = app.events.length;
      await send(app, ['held-1', 'held-2']);
      expect(
        app.events
          .slice(eventsWhenPaused)
          .filter((e) => e.name === 'tail' && (e.payload as { records: unknown[] }).records.length > 0),
      ).toEqual([]);
      expect(await rows(page).count()).toBe(12);
      await page.getByRole('button', { name: 'Resume' }).click({ timeout: 15_000 });
      await expect.poll(() => previews(page), { timeout: 15_000 }).toEqual([...texts, 'held-1', 'held-2']);

      await rows(page).filter({ hasText: '{"n":3}' }).click({ timeout: 15_000 });
      expect(await page.getByTestId('stored-data').innerText()).toBe(JSON.stringify({ n: 3 }, null, 2));

      await page.getByRole('button', { name: 'Stop' }).click({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('tail-state').innerText()).toBe('Stopped');
      const tailEvents = app.events.filter((e) => e.name === 'tail');
      expect(tailEvents.length).toBeGreaterThan(2);
      expect(maxPerSecond(tailEvents)).toBeLessThanOrEqual(4);
    });
  });

  test('the tail opened from the composer leaves the composer usable: a record sent from the form shows up in it', async () => {
    await withApp('tail-docked', {}, async (app) => {
      const { page } = app;
      await openTail(page);
      await page.getByLabel('Partition key').fill('from-the-form', { timeout: 15_000 });
      await page.getByLabel('Payload format').selectOption({ label: 'Text' }, { timeout: 15_000 });
      await page.getByLabel('Payload', { exact: true }).fill('sent while watching', { timeout: 15_000 });
      await page.getByRole('button', { name: 'Send', exact: true }).click({ timeout: 15_000 });
      await expect.poll(() => previews(page), { timeout: 15_000 }).toEqual(['sent while watching']);
      // Escape belongs to the view once focus is in it (in the form it would be the form's).
      await page.getByRole('button', { name: 'Pause' }).focus();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    });
  });

  test('the stream browser opens the tail of a listed stream; from the oldest, it shows what was sent before', async () => {
    await withApp('tail-browser', {}, async (app) => {
      const { page } = app;
      await page.getByLabel('Partition key').waitFor({ timeout: 15_000 });
      await send(app, ['before-1', 'before-2']);
      await page.getByRole('button', { name: 'Streams…' }).click({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Tail example-stream' }).click({ timeout: 15_000 });
      const tail = page.getByRole('dialog', { name: 'Tail: example-stream' });
      await tail.getByLabel('Start from').selectOption({ label: 'The oldest kept (TRIM_HORIZON)' });
      await tail.getByRole('button', { name: 'Start', exact: true }).click({ timeout: 15_000 });
      await expect.poll(() => previews(page), { timeout: 15_000 }).toEqual(['before-1', 'before-2']);
      await tail.getByRole('button', { name: 'Close' }).click({ timeout: 15_000 });
      await expect.poll(() => tailEventsOf(app).at(-1)?.payload).toMatchObject({ state: 'stopped' });
      await page.getByRole('dialog', { name: 'Streams' }).waitFor({ timeout: 15_000 });
    });
  });

  test('with a small cap the oldest records are dropped and counted; closing the view stops the tail', async () => {
    await withApp('tail-cap', {}, async (app) => {
      const { page } = app;
      await page.getByLabel('Partition key').waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Tail stream' }).click({ timeout: 15_000 });
      await page.getByLabel('Keep at most').fill('100');
      await page.getByRole('button', { name: 'Start', exact: true }).click({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('tail-state').innerText(), { timeout: 15_000 }).toBe('Following');
      const texts = Array.from({ length: 130 }, (_, i) => `r${String(i).padStart(3, '0')}`);
      await send(app, texts);
      await expect
        .poll(() => page.getByTestId('tail-counters').innerText(), { timeout: 15_000 })
        .toMatch(/Received: 130[\s\S]*Shown: 100[\s\S]*Dropped: 30/);
      // The virtual list renders only what is in view: scrolled to the top, the first shown is r030.
      await page.locator('.tail-scroller').evaluate((el) => el.scrollTo(0, 0));
      await expect.poll(async () => (await previews(page))[0]).toBe('r030');

      await page.getByRole('button', { name: 'Close' }).last().click({ timeout: 15_000 });
      await expect.poll(() => tailEventsOf(app).at(-1)?.payload).toMatchObject({ state: 'stopped' });
      expect(maxPerSecond(tailEventsOf(app))).toBeLessThanOrEqual(4);
    });
  });
});
