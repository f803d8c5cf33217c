// Saved requests as workspace files, end to end: the real renderer in Chromium over the real
// handler table. A request saved in the app is a YAML file on disk; an edit of that file made
// outside the app shows in the open drawer; another workspace opens, its bad file listed with its
// path and reason; a folder that is not a workspace yet is offered to be made one.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { withApp } from '../helpers/e2e';

const payload = (page: Page) => page.getByLabel('Payload', { exact: true });
const savedPanel = (page: Page) => page.getByRole('dialog', { name: 'Collections: saved requests' });

test('save → a YAML file on disk; edit it outside → the app shows it; open another workspace', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'sc-workspace-e2e-'));
  const dataDir = path.join(root, 'data');
  const team = path.join(root, 'team');
  const plain = path.join(root, 'plain');
  let folder: string | null = null;
  try {
    await mkdir(path.join(team, 'orders'), { recursive: true });
    await writeFile(
      path.join(team, 'stream-composer.yaml'),
      'kind: stream-composer/workspace\nversion: 1\nname: Team streams\n',
    );
    await writeFile(
      path.join(team, 'orders', 'nightly.request.yaml'),
      [
        'kind: stream-composer/request',
        'version: 1',
        'name: Nightly load',
        'request:',
        '  kind: single',
        '  target: { type: name, streamName: example-stream }',
        '  partitionKey: nightly',
        '  payload:',
        '    mode: text',
        '    text: hello',
        '',
      ].join('\n'),
    );
    await writeFile(path.join(team, 'broken.request.yaml'), 'kind: stream-composer/request\nversion: 2\n');
    await mkdir(plain);

    await withApp('workspace-files', { dataDir, chooseFolder: () => folder }, async ({ page }) => {
      await payload(page).waitFor({ timeout: 15_000 });
      await page.getByLabel('Partition key').fill('user-7');
      await payload(page).fill('{"order": 7,\n "user": "ann"}');
      await page.getByLabel('Partition key').press('Control+s');
      const dialog = page.getByRole('dialog', { name: 'Save request' });
      await dialog.getByLabel('Name').fill('Order seven');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved “Order seven”' }).count()).toBe(1);

      const file = path.join(dataDir, 'workspace', 'order-seven.request.yaml');
      expect(await readFile(file, 'utf8')).toBe(
        [
          'kind: stream-composer/request',
          'version: 1',
          'name: Order seven',
          'connection: Local sandbox',
          'request:',
          '  kind: single',
          '  target: { type: name, streamName: example-stream }',
          '  partitionKey: user-7',
          '  payload:',
          '    mode: json',
          '    text: |-',
          '      {"order": 7,',
          '       "user": "ann"}',
          '',
        ].join('\n'),
      );

      await page.getByRole('button', { name: /^Collections \(\d+\)$/ }).click();
      const panel = savedPanel(page);
      await panel.waitFor();
      expect(await panel.getByTestId('workspace-name').getAttribute('title')).toBe(path.join(dataDir, 'workspace'));
      // An edit made outside the app (a git pull): the open drawer shows it without being asked.
      const text = await readFile(file, 'utf8');
      await writeFile(
        file,
        text.replace('name: Order seven', 'name: Order seven (pulled)').replace('user-7', 'user-8'),
      );
      const pulled = panel.getByRole('listitem', { name: 'Order seven (pulled)', exact: true });
      await pulled.waitFor({ timeout: 15_000 });
      await expect.poll(() => pulled.innerText()).toContain('key user-8');

      // Another workspace: its requests, and its bad file with the path and what to fix.
      folder = team;
      await panel.getByRole('button', { name: 'Open workspace…' }).click();
      await expect.poll(() => panel.getByTestId('workspace-name').innerText()).toBe('Workspace: Team streams');
      await panel.getByRole('listitem', { name: 'orders' }).getByRole('listitem', { name: 'Nightly load' }).waitFor();
      expect(await panel.getByRole('listitem', { name: 'Order seven (pulled)' }).count()).toBe(0);
      const problems = panel.getByTestId('workspace-problem');
      expect(await problems.count()).toBe(1);
      expect(await problems.innerText()).toMatch(
        /^broken\.request\.yaml The file has version 2; this app reads version 1\./,
      );

      // A folder that is no workspace yet: asked first, then made one.
      folder = plain;
      await panel.getByRole('button', { name: 'Open workspace…' }).click();
      const ask = page.getByRole('dialog', { name: 'Make this folder a workspace?' });
      await ask.getByRole('button', { name: 'Make it a workspace' }).click();
      await expect.poll(() => panel.getByTestId('workspace-name').innerText()).toBe('Workspace: plain');
      expect(await readFile(path.join(plain, 'stream-composer.yaml'), 'utf8')).toBe(
        'kind: stream-composer/workspace\nversion: 1\n',
      );
      expect(await panel.getByText('Nothing saved yet.', { exact: false }).count()).toBe(1);
    });

    // The choice is kept: the next start opens the same workspace.
    await withApp('workspace-files-2', { dataDir }, async ({ page, call }) => {
      await payload(page).waitFor({ timeout: 15_000 });
      const current = await call('getWorkspace', {});
      expect(current).toMatchObject({ ok: true, value: { path: plain, name: 'plain' } });
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
