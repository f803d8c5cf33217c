// End to end: environments made in the dialog, switched in the top bar, and a send to
// `{{env.STREAM}}` that lands in the stream the selected environment names (read back from the
// sandbox); a variable no environment sets is marked at once and nothing is sent.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { LaunchedApp } from '../harness/launch';
import { createSandboxStream, value, withApp } from '../helpers/e2e';

const payload = (page: Page) => page.getByLabel('Payload', { exact: true });

async function makeEnvironment(page: Page, name: string, stream: string) {
  const dialog = page.getByRole('dialog', { name: 'Environments' });
  await dialog.getByRole('button', { name: 'New environment' }).click({ timeout: 15_000 });
  await dialog.getByLabel('Environment name').fill(name);
  await dialog.getByLabel('Variable 1', { exact: true }).fill('STREAM');
  await dialog.getByLabel('Value 1', { exact: true }).fill(stream);
  await dialog.getByLabel('Variable 2', { exact: true }).fill('WHO');
  await dialog.getByLabel('Value 2', { exact: true }).fill(name);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => dialog.getByRole('button', { name: new RegExp(`^${name}`) }).count()).toBe(1);
}

async function sendAndWait(page: Page, app: LaunchedApp, n: number) {
  await page.getByRole('button', { name: 'Send', exact: true }).click({ timeout: 15_000 });
  await expect.poll(async () => value(await app.call('listHistory', {})).total, { timeout: 15_000 }).toBe(n);
}

describe('environments, end to end', () => {
  test('a send to {{env.STREAM}} lands in the stream of the selected environment; switching sends elsewhere', async () => {
    await withApp('environments-switch', {}, async (app) => {
      const { page } = app;
      await payload(page).waitFor({ timeout: 15_000 });
      await createSandboxStream(app, 'orders-dev', 1);
      await createSandboxStream(app, 'orders-prod', 1);

      await page.getByRole('button', { name: 'Edit environments…' }).click({ timeout: 15_000 });
      await makeEnvironment(page, 'dev', 'orders-dev');
      await makeEnvironment(page, 'prod', 'orders-prod');
      await page.getByRole('dialog', { name: 'Environments' }).getByRole('button', { name: 'Close' }).click();

      const picker = page.getByLabel('Environment', { exact: true });
      await picker.selectOption('dev');
      await page.locator('#stream-name').fill('{{env.STREAM}}');
      await expect.poll(() => page.getByTestId('resolved-stream').innerText()).toBe('orders-dev');
      await page.getByLabel('Partition key').fill('k-{{env.WHO}}');
      await page.getByLabel('Payload format').selectOption({ label: 'Text' });
      await payload(page).fill('from {{env.WHO}}');
      await sendAndWait(page, app, 1);

      // One pick switches: the same form now goes to the other stream.
      await picker.selectOption('prod');
      await expect.poll(() => page.getByTestId('resolved-stream').innerText()).toBe('orders-prod');
      await sendAndWait(page, app, 2);

      const { entries } = value(await app.call('listHistory', {}));
      const byStream = new Map(entries.map((e) => [e.streamName, e]));
      expect([...byStream.keys()].sort()).toEqual(['orders-dev', 'orders-prod']);
      for (const [stream, env] of [
        ['orders-dev', 'dev'],
        ['orders-prod', 'prod'],
      ] as const) {
        const entry = byStream.get(stream)!;
        expect(entry.partitionKey).toBe(`k-${env}`);
        // Read back from the sandbox's stream itself, by the shard and sequence number it answered.
        const back = value(await app.call('readBack', { historyId: entry.id }));
        expect(back.found).toBe(true);
        expect(back.matches).toBe(true);
        expect(Buffer.from(back.record!.dataBase64, 'base64').toString()).toBe(`from ${env}`);
      }
      // The choice is kept: main answers it to the next list.
      expect(value(await app.call('listEnvironments', {})).selected).toBe('prod');
    });
  });

  test('a variable the environment lacks is named at once, and nothing is sent', async () => {
    await withApp('environments-missing', {}, async (app) => {
      const { page } = app;
      await payload(page).waitFor({ timeout: 15_000 });
      await page.locator('#stream-name').fill('{{env.NOPE}}');
      await expect.poll(() => page.getByText('Unknown variable NOPE').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Send', exact: true }).click({ timeout: 15_000 });
      // The form stops it: main is never asked to send, the history stays empty.
      await expect.poll(() => page.locator('#stream-name').getAttribute('aria-invalid')).toBe('true');
      expect(app.invoked).not.toContain('sendRecord');
      expect(value(await app.call('listHistory', {})).total).toBe(0);

      // Main holds the same rule whoever asks: the request is refused, naming the variable and field.
      const profiles = value(await app.call('listProfiles', {}));
      const refused = await app.call('sendRecord', {
        requestId: 'r-1',
        profileId: profiles.lastUsedId,
        target: { type: 'name', streamName: '{{env.NOPE}}' },
        partitionKey: 'k',
        payload: { mode: 'text', text: 'x' },
      });
      expect(!refused.ok && refused.error.params).toEqual({ name: 'NOPE', field: 'target.streamName' });
      expect(value(await app.call('listHistory', {})).total).toBe(0);
    });
  });

  test('the picker follows the workspace: files added or removed outside the app, and another workspace opened', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'sc-env-follow-'));
    const dataDir = path.join(root, 'data');
    const team = path.join(root, 'team');
    const envFile = (dir: string, name: string, stream: string) =>
      writeFile(
        path.join(dir, 'environments', `${name}.yaml`),
        `kind: stream-composer/environment\nversion: 1\nvariables: { STREAM: ${stream} }\n`,
      );
    try {
      await mkdir(path.join(team, 'environments'), { recursive: true });
      await writeFile(path.join(team, 'stream-composer.yaml'), 'kind: stream-composer/workspace\nversion: 1\n');
      await envFile(team, 'staging', 'orders-staging');
      await withApp('environments-follow', { dataDir, chooseFolder: () => team }, async (app) => {
        const { page } = app;
        await payload(page).waitFor({ timeout: 15_000 });
        const picker = page.getByLabel('Environment', { exact: true });
        const options = () => picker.locator('option').allInnerTexts();
        const shown = () => picker.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text ?? '');
        expect(await options()).toEqual(['No environment']);

        // A `git pull` brings an environment: it is in the picker without the picker being touched.
        const own = path.join(dataDir, 'workspace');
        await mkdir(path.join(own, 'environments'), { recursive: true });
        await envFile(own, 'dev', 'orders-dev');
        await expect.poll(options, { timeout: 15_000 }).toEqual(['No environment', 'dev']);
        await picker.selectOption('dev');
        await page.locator('#stream-name').fill('{{env.STREAM}}');
        await expect.poll(() => page.getByTestId('resolved-stream').innerText()).toBe('orders-dev');

        // The selected one is deleted outside the app: shown as missing, and its variables are gone.
        await rm(path.join(own, 'environments', 'dev.yaml'));
        await expect.poll(shown, { timeout: 15_000 }).toBe('dev (missing)');
        await expect.poll(() => page.getByText('Unknown variable STREAM').count()).toBeGreaterThan(0);

        // Another workspace opened: its environments, at once.
        await page.getByRole('button', { name: /^Collections \(\d+\)$/ }).click();
        await page.getByRole('button', { name: 'Open workspace…' }).click();
        await expect.poll(options, { timeout: 15_000 }).toEqual(['No environment', 'dev (missing)', 'staging']);
        await picker.selectOption('staging');
        await expect.poll(() => page.getByTestId('resolved-stream').innerText()).toBe('orders-staging');
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
