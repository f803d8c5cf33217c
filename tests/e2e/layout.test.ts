// The layout of every screen, end to end: each screen is reached once per language in the real
// renderer, then checked (tests/helpers/layout.ts) at four window sizes in light and dark. One
// assertion per screen lists every finding, so a failure says all that is wrong with it at once.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HistoryEntry } from '../../electron/contract';
import { openHistory } from '../../electron/history';
import en from '../../renderer/i18n/en.json';
import ru from '../../renderer/i18n/ru.json';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchApp, type LaunchedApp } from '../harness/launch';
import { addProfile, createSandboxStream, sandboxEndpoint, shown, texts } from '../helpers/e2e';
import { historyEntry, secondOf2025, sendFailed, sentOk } from '../helpers/history-entries';
import { checkLayout, type LayoutOptions } from '../helpers/layout';

const SIZES = [
  { width: 900, height: 600 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
const THEMES = ['light', 'dark'] as const;

// Real YDS ids are 20 characters; the stream name is as long as users make them.
const CLOUD = 'b1gq90dgh25bebiu75o8';
const DATABASE = 'etnuogblap3e7dok6tf5';
const YDS_STREAM = 'orders-events-production-eu';
const YDS_PATH = `/ru-central1/${CLOUD}/${DATABASE}/${YDS_STREAM}`;
const YDS_PROFILE: HistoryEntry['profile'] = {
  id: 'seed-yds',
  name: 'Yandex Data Streams production',
  kind: 'yds',
  endpoint: 'https://yds.serverless.yandexcloud.net',
  region: 'ru-central1',
};

type Lang = 'en' | 'ru';
const STRINGS = { en, ru };
/** The UI text of a key in a language, so the same steps reach the screens in both. */
function tr(lang: Lang, key: string, values: Record<string, string> = {}): string {
  let node: unknown = STRINGS[lang];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`No text ${key} in ${lang}`);
  return node.replace(/\{\{\s*(\w+)[^}]*\}\}/g, (_, name: string) => values[name] ?? '');
}

/** Failed sends to a long YDS path (the badge, latency and error must stay readable) and two to compare. */
function seededEntries(): HistoryEntry[] {
  const yds = (i: number, failed: boolean): HistoryEntry =>
    historyEntry({
      id: `seed-${i}`,
      time: secondOf2025(i),
      profile: YDS_PROFILE,
      streamName: YDS_PATH,
      target: { type: 'yds', cloudId: CLOUD, databaseId: DATABASE, stream: YDS_STREAM },
      partitionKey: `customer-${i}-eu-west`,
      text: JSON.stringify({ order: i, total: 10 + i, currency: 'EUR' }, null, 2),
      result: failed
        ? sendFailed({ name: 'ProvisionedThroughputExceededException', message: 'Rate exceeded for shard' })
        : sentOk({ sequenceNumber: `4963115437026185374810981232410238${i}` }),
      latencyMs: 1234 + i,
    });
  return Array.from({ length: 8 }, (_, i) => yds(i, i % 2 === 0));
}

/** Checks the screen the page shows at every size and theme; the findings of all of them. */
async function checkEverywhere(page: Page, options: LayoutOptions): Promise<string[]> {
  const findings: string[] = [];
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      // Two frames: the resize and the theme reach layout before anything is measured.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      findings.push(...(await checkLayout(page, options)));
    }
  }
  await page.setViewportSize(SIZES[1]);
  return findings;
}

/** The composer side of the window: the top bar, the composer and a run's panel. */
const COMPOSER_SIDE = '.topbar, .composer-panel, [data-testid=run-panel]';

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  dir = await mkdtemp(path.join(os.tmpdir(), 'sc-e2e-layout-'));
});
afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.each(['en', 'ru'] as const)('layout of every screen, in %s', (lang) => {
  let app: LaunchedApp;
  let page: Page;
  const t = (key: string, values?: Record<string, string>) => tr(lang, key, values);
  const dialog = (key: string, values?: Record<string, string>) =>
    page.getByRole('dialog', { name: t(key, values), exact: true });
  const closeDialogs = async () => {
    while (await page.locator('dialog[open]').count()) {
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('dialog[open]').count()).toBeLessThan(2);
      if (await page.locator('dialog[open]').count()) await page.locator('dialog[open]').last().press('Escape');
    }
  };

  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(dir, `${lang}-`));
    const history = await openHistory({ dataDir });
    for (const e of seededEntries()) void history.append(e);
    await history.close();
    const openPath = path.join(dir, `${lang}-events.ndjson`);
    await writeFile(
      openPath,
      Array.from({ length: 30 }, (_, i) => JSON.stringify({ user: { id: `user-${i}` }, event: 'purchase' })).join(
        '\n',
      ) + '\n{broken\n',
    );
    app = await launchApp({ browser, dataDir, openPath, locale: lang === 'ru' ? 'ru-RU' : 'en-US' });
    page = app.page;
    await createSandboxStream(app, 'layout-run', 2);
    await addProfile(app, {
      name: 'Yandex Data Streams production',
      kind: 'yds',
      endpoint: await sandboxEndpoint(app),
      credentials: { source: 'static', sharedProfile: '', accessKeyId: 'YCAJEexample0001', secretAccessKey: 'x' },
    });
    await page.reload();
    await page.locator('#partition-key').waitFor({ timeout: 15_000 });
  });
  afterAll(async () => {
    await app?.close();
  });

  const profiles = () => page.locator('#profile-select');
  const useProfile = async (kind: 'yds' | 'sandbox') => {
    const option = profiles().locator('option', { hasText: kind === 'yds' ? 'Yandex Data Streams production' : '' });
    const value =
      kind === 'yds'
        ? await option.first().getAttribute('value')
        : await profiles().evaluate(
            (el: HTMLSelectElement, name) => [...el.options].find((o) => !o.text.includes(name))?.value ?? '',
            'Yandex Data Streams production',
          );
    await profiles().selectOption(value);
  };

  test('single record with a YDS target and long ids', async () => {
    await useProfile('yds');
    await page.locator('#yds-cloud').fill(CLOUD);
    await page.locator('#yds-database').fill(DATABASE);
    await page.locator('#yds-stream').fill(YDS_STREAM);
    await page.locator('#partition-key').fill('customer-42-eu-west');
    expect(
      await checkEverywhere(page, { label: 'single record (YDS)', scope: COMPOSER_SIDE, primary: '.send-button' }),
    ).toEqual([]);
  });

  test('batch rows, file and template, each with its preview', async () => {
    await useProfile('sandbox');
    await page.locator('#stream-name').fill('layout-run');
    await page.getByRole('tab', { name: t('batch.mode.batch') }).click();
    const preview = page.getByTestId('batch-preview');
    const findings: string[] = [];

    // The batch composer loads on first use.
    await shown(page.getByRole('tab', { name: t('batch.source.rows') }));
    await page.getByRole('tab', { name: t('batch.source.rows') }).click();
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: t('batch.rows.add') }).click();
    await shown(preview.locator('tbody tr').first());
    findings.push(
      ...(await checkEverywhere(page, { label: 'batch rows', scope: COMPOSER_SIDE, primary: '.send-button' })),
    );

    await page.getByRole('tab', { name: t('batch.source.file') }).click();
    await page.getByRole('button', { name: t('batch.file.open') }).click();
    await expect.poll(() => texts(page.getByTestId('batch-file-summary'))).toContain('events.ndjson');
    await shown(preview.locator('tbody tr').first());
    findings.push(
      ...(await checkEverywhere(page, { label: 'batch file', scope: COMPOSER_SIDE, primary: '.send-button' })),
    );

    await page.getByRole('tab', { name: t('batch.source.template') }).click();
    await expect.poll(() => preview.locator('tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    findings.push(
      ...(await checkEverywhere(page, { label: 'batch template', scope: COMPOSER_SIDE, primary: '.send-button' })),
    );
    expect(findings).toEqual([]);
  });

  test('run progress and report', async () => {
    // A slow run, paused: its progress holds still while it is measured.
    await page.locator('#batch-count').fill('100000');
    await page.getByRole('radio', { name: t('batch.plan.limited') }).check();
    await page.locator('#batch-rate').fill('5');
    await page.locator('.send-button').click();
    const state = page.getByTestId('run-state');
    await expect.poll(() => texts(state), { timeout: 15_000 }).toBe(t('batch.run.state.running'));
    await page.getByRole('button', { name: t('batch.run.pause') }).click();
    await expect.poll(() => texts(state), { timeout: 15_000 }).toBe(t('batch.run.state.paused'));
    const findings = await checkEverywhere(page, { label: 'run progress', scope: COMPOSER_SIDE });

    await page.getByRole('button', { name: t('batch.run.cancel') }).click();
    await shown(page.getByTestId('run-report'), 20_000);
    findings.push(...(await checkEverywhere(page, { label: 'run report', scope: COMPOSER_SIDE })));
    expect(findings).toEqual([]);
    await page.getByRole('tab', { name: t('batch.mode.single') }).click();
  });

  test('history with failures to a long YDS path', async () => {
    await expect.poll(() => page.getByTestId('history-row').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    expect(await checkEverywhere(page, { label: 'history', scope: '.history-panel' })).toEqual([]);
  });

  test('compare two entries', async () => {
    const rows = page.getByTestId('history-row');
    await rows.nth(1).click({ modifiers: ['Control'] });
    await rows.nth(2).click({ modifiers: ['Control'] });
    await page.getByRole('button', { name: t('history.compare'), exact: true }).click();
    await shown(page.locator('dialog[open] .diff-line').first());
    const findings = await checkEverywhere(page, { label: 'compare', scope: 'dialog[open]' });
    await closeDialogs();
    expect(findings).toEqual([]);
  });

  test('tail docked beside the form', async () => {
    await useProfile('sandbox');
    await page.locator('#stream-name').fill('layout-run');
    await page.getByRole('button', { name: t('tail.open') }).click();
    await shown(page.locator('dialog[open]'));
    const findings = await checkEverywhere(page, { label: 'tail docked' });
    await closeDialogs();
    expect(findings).toEqual([]);
  });

  test('stream browser', async () => {
    await page.getByRole('button', { name: t('streams.browse') }).click();
    await shown(dialog('streams.title').getByTestId('stream-row').first());
    const findings = await checkEverywhere(page, { label: 'stream browser', scope: 'dialog[open]' });
    await closeDialogs();
    expect(findings).toEqual([]);
  });

  test('profile editor', async () => {
    await useProfile('yds');
    await page.getByRole('button', { name: t('profiles.edit') }).click();
    await shown(dialog('profiles.editTitle'));
    const findings = await checkEverywhere(page, {
      label: 'profile editor',
      scope: 'dialog[open]',
      primary: 'dialog[open] .primary',
    });
    await closeDialogs();
    expect(findings).toEqual([]);
  });

  test('environments', async () => {
    await app.call('saveEnvironment', {
      name: 'staging-eu-west',
      variables: { STREAM: '/ru-central1/b1gexamplecloud0001/etnexampledatabase01/orders', API_KEY: 'k', RATE: '250' },
    });
    await page.getByRole('button', { name: t('environments.edit') }).click();
    await shown(dialog('environments.title'));
    await dialog('environments.title')
      .getByRole('button', { name: /^staging-eu-west/ })
      .click();
    const findings = await checkEverywhere(page, {
      label: 'environments',
      scope: 'dialog[open]',
      primary: 'dialog[open] .primary',
    });
    await closeDialogs();
    expect(findings).toEqual([]);
  });

  test('saved requests', async () => {
    await useProfile('sandbox');
    await page.locator('#stream-name').fill('layout-run');
    await page.locator('#partition-key').press('Control+s');
    const save = page.locator('dialog[open]');
    await save.locator('#saved-name').fill('Order for a customer in the EU west region, retried');
    await save.locator('.primary').click();
    await expect
      .poll(async () => [
        await page.locator('dialog[open]').count(),
        await page.locator('dialog[open] h2').allInnerTexts(),
      ])
      .toEqual([0, []]);
    await page.getByRole('button', { name: t('saved.panelButton', { count: '1' }), exact: true }).click();
    await shown(page.getByTestId('saved-request').first());
    const findings = await checkEverywhere(page, { label: 'saved requests', scope: 'dialog[open]' });
    await closeDialogs();
    expect(findings).toEqual([]);
  });

  test('assertions in the composer, and their checklist after a send', async () => {
    await useProfile('sandbox');
    await page.locator('#stream-name').fill('layout-run');
    await page.locator('#partition-key').fill('customer-42-eu-west');
    await page.getByLabel(t('composer.payloadFormat'), { exact: true }).selectOption('json');
    await page.getByLabel(t('composer.payload'), { exact: true }).fill('{"order": {"id": 7, "region": "eu-west"}}');
    await page.getByTestId('assertions').locator('summary').click();
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: t('assertions.add') }).click();
    await page.locator('#assertion-1-type').selectOption('jsonField');
    await page.locator('#assertion-1-path').fill('$.order.region');
    await page.locator('#assertion-1-value').fill('eu-central');
    await page.locator('#assertion-2-type').selectOption('latencyP95');
    await page.locator('#assertion-3-type').selectOption('readBackEqual');
    await page.locator('.send-button').click();
    await shown(page.locator('[data-testid=assertion-checklist] [data-status]').first(), 20_000);
    const findings = await checkEverywhere(page, {
      label: 'assertions and checklist',
      scope: `${COMPOSER_SIDE}, [data-testid=response]`,
      primary: '.send-button',
    });
    // The next screens start from an empty list.
    for (let i = 0; i < 4; i++) await page.locator('.assertion-row button').first().click();
    expect(findings).toEqual([]);
  });
});
