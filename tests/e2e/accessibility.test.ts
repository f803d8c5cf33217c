// Every screen in light and dark, checked by axe-core in the real renderer: no serious or critical
// violation (contrast, names, labels, roles: all rules). Plus the theme switch itself and reduced
// motion.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seriousViolations } from '../helpers/axe';
import { addProfile, sandboxEndpoint, sharedBrowser, shown, texts, value, withApp } from '../helpers/e2e';
import { launchApp, type LaunchedApp } from '../harness/launch';
import { pickSetting } from '../harness/settings';
import { startFakeKinesis } from '../helpers/fake-kinesis';
import { customProfileInput } from '../helpers/profiles';

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const SCHEMES = ['light', 'dark'] as const;
// The page background of each theme (styles.css --bg): proof that the scheme really changed.
const PAGE_BACKGROUND = { light: 'rgb(236, 239, 243)', dark: 'rgb(16, 20, 25)' };

const pageBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/** Runs axe on the screen as it is, in the light and the dark system theme; answers what it found. */
async function checkScreen(page: Page, screen: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await poll(() => pageBackground(page)).toBe(PAGE_BACKGROUND[scheme]);
    found.push(...(await seriousViolations(page)).map((v) => `${screen}, ${scheme}: ${v}`));
  }
  return found;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sc-e2e-a11y-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('accessibility in light and dark', () => {
  // The screens reached from the sandbox connection share one app (and one injection of axe) and
  // run in this order; each test leaves the composer as it found it: sandbox, single record, no
  // dialog, no assertion. An app takes a second or more to launch on a busy machine.
  describe('from the sandbox connection, on one app', () => {
    let app: LaunchedApp;
    let page: Page;
    beforeAll(async () => {
      const file = path.join(dir, 'events.ndjson');
      await writeFile(file, '{"user": {"id": "u1"}}\n{broken\n{"user": {"id": "u2"}}\n');
      app = await launchApp({ browser: await sharedBrowser(), openPath: file });
      page = app.page;
    });
    afterAll(async () => {
      await app?.close();
    });
    const useSandbox = async () => {
      const connection = page.getByLabel('Connection', { exact: true });
      const sandbox = await connection.evaluate(
        (el: HTMLSelectElement) => [...el.options].find((o) => o.text.startsWith('Local sandbox'))!.value,
      );
      await connection.selectOption(sandbox);
      await page.getByLabel('Stream name').fill('example-stream');
    };

    test('single record with a YDS target, the error view and history with a failure', async () => {
      const found: string[] = [];
      await page.getByLabel('Partition key').fill('ok-1', { timeout: 15_000 });
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await poll(() => texts(page.getByTestId('resp-shard'))).toMatch(/^shardId-/);
      found.push(...(await checkScreen(page, 'a send to the sandbox')));

      // A YDS profile at the sandbox with keys of its own, which the sandbox refuses.
      await addProfile(app, {
        name: 'YDS rehearsal',
        kind: 'yds',
        endpoint: await sandboxEndpoint(app),
        ydsCloudId: 'b1gq90dgh25bebiu75o',
        ydsDatabaseId: 'etn7a9f8bh1mbc4q3l0p',
        credentials: { source: 'static', sharedProfile: '', accessKeyId: 'YCAJEa11yKey', secretAccessKey: 'a11y' },
      });
      await page.reload();
      await page
        .getByLabel('Connection', { exact: true })
        .selectOption({ label: 'YDS rehearsal — Yandex Data Streams' }, { timeout: 15_000 });
      await page.getByLabel('Paste full path').fill('/ru-central1/b1gq90dgh25bebiu75o/etn7a9f8bh1mbc4q3l0p/orders');
      await page.getByLabel('Paste full path').press('Enter');
      await page.getByLabel('Partition key').fill('order-1001');
      found.push(...(await checkScreen(page, 'single record with a YDS target')));
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await shown(page.getByTestId('resp-error-name'));
      found.push(...(await checkScreen(page, 'error view and history with a failure')));
      await useSandbox();
      expect(found).toEqual([]);
    });

    test('compare two history entries and the profile editor', async () => {
      const found: string[] = [];
      const rows = page.getByTestId('history-row');
      const before = await rows.count();
      for (const [i, key] of ['first', 'second'].entries()) {
        await page.getByLabel('Partition key').fill(key, { timeout: 15_000 });
        await page.getByRole('button', { name: 'Send', exact: true }).click();
        await poll(() => rows.count()).toBe(before + i + 1);
      }

      await rows.nth(0).click({ modifiers: ['Control'] });
      await rows.nth(1).click({ modifiers: ['Control'] });
      await page.getByRole('button', { name: 'Compare' }).click();
      const compare = page.getByRole('dialog', { name: 'Compare two entries' });
      await shown(compare.getByRole('row', { name: /^Partition key/ }));
      found.push(...(await checkScreen(page, 'compare')));
      await page.keyboard.press('Escape');
      await poll(() => page.getByRole('dialog').count()).toBe(0);

      await page.locator('#profile-select ~ button').first().click();
      await shown(page.locator('dialog[open]'));
      found.push(...(await checkScreen(page, 'profile editor')));
      await page.keyboard.press('Escape');
      await poll(() => page.getByRole('dialog').count()).toBe(0);
      expect(found).toEqual([]);
    });

    test('batch template with preview and help, rows with a problem, a file with a bad line', async () => {
      const found: string[] = [];
      await page.getByRole('tab', { name: 'Batch & load' }).click({ timeout: 15_000 });

      // The batch composer loads on first use.
      await shown(page.getByRole('tab', { name: 'Template' }));
      await page.getByRole('tab', { name: 'Template' }).click();
      await poll(() => page.getByTestId('batch-preview').locator('tbody tr').count()).toBe(10);
      await page.getByRole('button', { name: 'Template help' }).click();
      await shown(page.getByRole('region', { name: 'Template expressions' }));
      found.push(...(await checkScreen(page, 'batch template with preview and help')));

      await page.getByRole('tab', { name: 'Rows' }).click();
      await page.getByLabel('Row 2 payload').fill('{"broken": ');
      await shown(page.getByTestId('batch-problems'));
      found.push(...(await checkScreen(page, 'batch rows with a problem')));

      await page.getByRole('tab', { name: 'File' }).click();
      await page.getByRole('button', { name: 'Open file…' }).click();
      await poll(() => texts(page.getByTestId('batch-file-summary'))).toContain('events.ndjson');
      found.push(...(await checkScreen(page, 'batch file with a bad line')));
      await page.getByRole('tab', { name: 'Single record' }).click();
      expect(found).toEqual([]);
    });

    test('tail docked, the stream browser and its shards, saved requests', async () => {
      const found: string[] = [];
      await page.getByRole('button', { name: 'Tail stream' }).click({ timeout: 15_000 });
      await shown(page.getByRole('button', { name: 'Start', exact: true }));
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      await poll(() => texts(page.getByTestId('tail-state'))).toBe('Following');
      await page.getByLabel('Partition key').fill('watched');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await poll(() => page.getByTestId('tail-row').count()).toBe(1);
      found.push(...(await checkScreen(page, 'tail docked')));
      await page.getByRole('button', { name: 'Stop' }).click();
      await page.getByRole('button', { name: 'Close' }).last().click();

      await page.getByRole('button', { name: 'Streams…' }).click();
      const streams = page.getByRole('dialog', { name: 'Streams' });
      await shown(streams.getByTestId('stream-row').first());
      found.push(...(await checkScreen(page, 'stream browser')));
      await streams.getByRole('button', { name: 'example-stream', exact: true }).click();
      const shards = page.getByRole('dialog', { name: 'Shards of example-stream' });
      await poll(() => shards.getByTestId('shard-row').count()).toBe(2);
      found.push(...(await checkScreen(page, 'shards of a stream')));
      await page.keyboard.press('Escape');
      await poll(() => page.getByRole('dialog').count()).toBe(0);

      await page.getByLabel('Partition key').press('Control+s');
      const save = page.getByRole('dialog', { name: 'Save request' });
      await shown(save);
      await save.getByLabel('Name').fill('Watched order');
      await save.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('button', { name: 'Collections (1)' }).click();
      await shown(page.getByRole('dialog', { name: 'Collections: saved requests' }).getByRole('listitem').first());
      found.push(...(await checkScreen(page, 'saved requests')));
      await page.keyboard.press('Escape');
      await poll(() => page.getByRole('dialog').count()).toBe(0);
      expect(found).toEqual([]);
    });

    test('assertions in the composer and their checklist after a send', async () => {
      await page.getByLabel('Partition key').fill('ok-1', { timeout: 15_000 });
      await page.getByLabel('Payload', { exact: true }).fill('{"id": 1}');
      await page.getByTestId('assertions').locator('summary').click();
      for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Add assertion' }).click();
      await page.getByLabel('Assertion 2', { exact: true }).selectOption('jsonField');
      await page.getByLabel('JSONPath', { exact: true }).fill('$.id');
      await page.getByLabel('Expected value', { exact: true }).fill('2');
      await page.getByLabel('Assertion 3', { exact: true }).selectOption('latencyP95');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await poll(() => page.locator('[data-testid=assertion-checklist] [data-status]').count()).toBe(3);
      const found = await checkScreen(page, 'assertions and their checklist');
      for (let n = 3; n > 0; n--)
        await page.getByRole('button', { name: `Remove assertion ${n}`, exact: true }).click();
      await poll(() => page.getByTestId('assertion-row').count()).toBe(0);
      await page.getByTestId('assertions').locator('summary').click();
      expect(found).toEqual([]);
    });

    // The last two change the app's settings (an environment, the theme, the language): no test
    // on this app may come after them.
    test('the environment picker, an unknown variable in the composer and the environments dialog', async () => {
      const found: string[] = [];
      await app.call('saveEnvironment', { name: 'dev', variables: { STREAM: 'example-stream', API_TOKEN: 't' } });
      await page.reload();
      await page.getByLabel('Environment', { exact: true }).selectOption('dev', { timeout: 15_000 });
      await page.locator('#stream-name').fill('{{env.MISSING}}');
      await poll(() => page.getByText('Unknown variable MISSING').count()).toBe(1);
      found.push(...(await checkScreen(page, 'composer with an unknown variable')));
      await page.getByRole('button', { name: 'Edit environments…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Environments' });
      // API_TOKEN looks like a secret: the row carries the warning.
      await shown(dialog.getByText('This looks like a secret', { exact: false }));
      found.push(...(await checkScreen(page, 'environments dialog')));
      await page.keyboard.press('Escape');
      await poll(() => page.getByRole('dialog').count()).toBe(0);
      expect(found).toEqual([]);
    });

    test('the in-app switch overrides the system theme, is kept after a restart, and passes axe', async () => {
      const theme = page.getByLabel('Theme', { exact: true });
      await expect.poll(() => theme.inputValue(), { timeout: 15_000 }).toBe('system');
      await page.emulateMedia({ colorScheme: 'light' });
      await pickSetting(page, 'theme', { label: 'Dark' });
      await poll(() => pageBackground(page)).toBe(PAGE_BACKGROUND.dark);
      // Native controls follow too: the used color-scheme is dark.
      expect(await page.evaluate(() => getComputedStyle(document.body).colorScheme)).toBe('dark');
      expect(await seriousViolations(page)).toEqual([]);

      await page.reload();
      await expect.poll(() => theme.inputValue(), { timeout: 15_000 }).toBe('dark');
      expect(await pageBackground(page)).toBe(PAGE_BACKGROUND.dark);
      expect(value(await app.call('getAppInfo', {})).theme).toBe('dark');

      await page.emulateMedia({ colorScheme: 'dark' });
      await pickSetting(page, 'theme', { label: 'Light' });
      await poll(() => pageBackground(page)).toBe(PAGE_BACKGROUND.light);
      expect(await page.evaluate(() => getComputedStyle(document.body).colorScheme)).toBe('light');

      await pickSetting(page, 'language', 'ru');
      await poll(() => page.getByLabel('Тема', { exact: true }).locator('option:checked').textContent()).toBe(
        'Светлая',
      );
      await pickSetting(page, 'theme', { label: 'Как в системе' });
      await poll(() => pageBackground(page)).toBe(PAGE_BACKGROUND.dark);
      expect(await app.call('setTheme', { theme: 'sepia' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    });
  });

  test('a run in progress and its report with failures', async () => {
    const fake = await startFakeKinesis({ streams: { orders: 4 }, internalFailureRate: 0.2, seed: 3 });
    try {
      await withApp('a11y-run', {}, async (app) => {
        const { page } = app;
        const found: string[] = [];
        await addProfile(
          app,
          customProfileInput('Flaky endpoint', fake.url, { accessKeyId: 'AKID', secretAccessKey: 's' }),
        );
        await page.reload();
        await page
          .getByLabel('Connection', { exact: true })
          .selectOption({ label: 'Flaky endpoint — Custom endpoint' }, { timeout: 15_000 });
        await page.getByLabel('Stream name').fill('orders');
        await page.getByRole('tab', { name: 'Batch & load' }).click();
        await shown(page.getByRole('tab', { name: 'Template' }));
        await page.getByRole('tab', { name: 'Template' }).click();
        // Slow enough to stay running while it is checked; one attempt, so failures stay failed.
        await page.getByLabel('Number of records').fill('100000');
        await page.getByRole('radio', { name: 'Limit to' }).check();
        await page.getByLabel('Records per second').fill('20');
        await page.getByLabel('Attempts per record').fill('1');
        await page.getByRole('button', { name: 'Run', exact: true }).click();
        await poll(() => texts(page.getByTestId('run-state'))).toBe('Running');
        found.push(...(await checkScreen(page, 'run in progress')));
        await page.getByRole('button', { name: 'Cancel run' }).click();
        await shown(page.getByTestId('run-report'));
        found.push(...(await checkScreen(page, 'run report')));
        expect(found).toEqual([]);
      });
    } finally {
      await fake.close();
    }
  });

  test('with reduced motion no animation or transition longer than 0.01 s keeps running (the send spinner)', async () => {
    // An endpoint that answers after a minute: the send stays under way, its spinner showing.
    const slow = await startFakeKinesis({ streams: { orders: 1 }, latencyMs: 60_000 });
    try {
      await withApp('a11y-motion', {}, async (app) => {
        const { page } = app;
        await addProfile(
          app,
          customProfileInput(
            'Slow endpoint',
            slow.url,
            { accessKeyId: 'AKID', secretAccessKey: 's' },
            { timeoutMs: 120_000 },
          ),
        );
        await page.reload();
        await page
          .getByLabel('Connection', { exact: true })
          .selectOption({ label: 'Slow endpoint — Custom endpoint' }, { timeout: 15_000 });
        await page.getByLabel('Stream name').fill('orders');
        await page.getByLabel('Partition key').fill('k');
        await page.getByRole('button', { name: 'Send', exact: true }).click();
        await shown(page.locator('.spinner'));
        const longRunning = () =>
          page.evaluate(
            () =>
              document
                .getAnimations()
                .filter((a) => a.playState === 'running')
                .map((a) => a.effect!.getComputedTiming())
                .filter((t) => t.iterations === Infinity || Number(t.duration) > 10).length,
          );
        // Without the preference the spinner spins: the check below can see an animation.
        await page.emulateMedia({ reducedMotion: 'no-preference' });
        await poll(longRunning).toBeGreaterThan(0);
        await page.emulateMedia({ reducedMotion: 'reduce' });
        await poll(longRunning).toBe(0);
        expect(await page.locator('.spinner').isVisible()).toBe(true);
      });
    } finally {
      await slow.close();
    }
  });
});
