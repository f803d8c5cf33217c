// End to end, beyond the first send: languages, the weak secret store question, a corrupt store,
// history reuse (also of a payload history cut short), main's reports in Russian, sandbox streams,
// copy as code and cancel, all in the real renderer.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { silentServer } from '../helpers/kinesis-fixtures';
import { addProfile, backToFirstLaunch, sharedApp, value, withApp } from '../helpers/e2e';
import { pickSetting } from '../harness/settings';

const payload = (page: Page) => page.getByLabel('Payload', { exact: true });
const send = (page: Page) => page.getByRole('button', { name: 'Send', exact: true });
const body = (page: Page) => page.locator('body').innerText();
const dialog = (page: Page) => page.locator('dialog[open]');

async function sendOne(page: Page, key: string, json: string) {
  const before = await page.getByTestId('history-row').count();
  await page.getByLabel('Partition key').fill(key);
  await payload(page).fill(json);
  await send(page).click();
  await expect.poll(() => page.getByTestId('history-row').count(), { timeout: 15_000 }).toBe(before + 1);
  await expect.poll(() => page.getByTestId('history-row').first().innerText(), { timeout: 15_000 }).toContain(key);
}

// The tests that need no data folder, locale, secret store or sandbox keys of their own.
const inSharedApp = sharedApp(() => ({}), backToFirstLaunch);

describe('workflows, end to end', () => {
  test('the UI follows a Russian OS, can be switched to English, and remembers the choice', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-lang-'));
    try {
      await withApp('language-1', { dataDir, locale: 'ru-RU' }, async ({ page }) => {
        await page.getByLabel('Данные', { exact: true }).waitFor({ timeout: 15_000 });
        expect(await body(page)).toContain('Ключ партиционирования');
        expect(await page.getByRole('button', { name: 'Отправить' }).count()).toBe(1);
        await pickSetting(page, 'language', 'en');
        await expect.poll(() => body(page)).toContain('Partition key');
      });
      await withApp('language-2', { dataDir, locale: 'ru-RU' }, async ({ page }) => {
        await payload(page).waitFor({ timeout: 15_000 });
        expect(await body(page)).toContain('Partition key');
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('without a real OS secret store the user is asked before a secret is stored', async () => {
    await withApp('weak-store', { weakSecretStore: true }, async (app) => {
      const { page } = app;
      await payload(page).waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'New…' }).click();
      await page.getByLabel('Connection name').fill('Weak');
      await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'AWS Kinesis' });
      await page.getByLabel('Access key ID').fill('AKIAWEAKSTORE0001');
      await page.getByLabel('Secret access key').fill('weak-store-secret');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => body(page)).toMatch(/secret store|keystore/i);
      expect(value(await app.call('listProfiles', {})).profiles.map((p) => p.name)).not.toContain('Weak');
      await page.getByRole('button', { name: 'Store it anyway' }).click();
      await expect
        .poll(
          async () =>
            value(await app.call('listProfiles', {})).profiles.find((p) => p.name === 'Weak')?.credentials.secretSet,
        )
        .toBe(true);
    });
  });

  test('a corrupt profile store is moved aside, the app opens with the sandbox, and the user is told', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-corrupt-'));
    try {
      await writeFile(path.join(dataDir, 'profiles.json'), '{"profiles": [ this is not json');
      await withApp('corrupt-store', { dataDir }, async ({ page }) => {
        await payload(page).waitFor({ timeout: 15_000 });
        expect(await body(page)).toMatch(/damaged and moved aside/);
        expect(await page.getByLabel('Connection', { exact: true }).locator('option:checked').innerText()).toContain(
          'Local sandbox',
        );
      });
      const files = await readdir(dataDir);
      expect(files.some((f) => /^profiles\.corrupt-.*\.json$/.test(f))).toBe(true);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('history: open an entry, load it into the composer, delete it, clear all', async () => {
    await inSharedApp('history', async ({ page }) => {
      await payload(page).waitFor({ timeout: 15_000 });
      await sendOne(page, 'first-key', '{"n": 1}');
      await sendOne(page, 'second-key', '{"n": 2}');
      await expect.poll(() => page.getByTestId('history-row').count()).toBe(2);
      await page.getByTestId('history-row').nth(1).click();
      await expect.poll(() => page.getByTestId('response').innerText()).toContain('first-key');
      await page.getByRole('button', { name: 'Load into composer' }).click();
      expect(await page.getByLabel('Partition key').inputValue()).toBe('first-key');
      await expect.poll(() => payload(page).innerText()).toContain('"n": 1');
      await page.getByTestId('history-row').nth(1).click();
      await page.getByTestId('response').getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => page.getByTestId('history-row').count()).toBe(1);
      await expect
        .poll(() => page.getByTestId('history-row').first().innerText(), { timeout: 15_000 })
        .toContain('second-key');
      await page.getByRole('button', { name: 'Clear all' }).click();
      await dialog(page).getByRole('button', { name: 'Clear all' }).click();
      await expect.poll(() => page.getByTestId('history-row').count()).toBe(0);
    });
  });

  test('an entry whose payload history cut short loads with a warning, which goes once the full payload is pasted', async () => {
    await inSharedApp('truncated-load', async ({ page }) => {
      await payload(page).waitFor({ timeout: 15_000 });
      // One line: filling the editor with thousands of lines takes Playwright too long.
      const full = 'a long text payload '.repeat(3500);
      await page.getByLabel('Payload format').selectOption('text');
      await sendOne(page, 'long-key', full);
      // Another key, mode and payload in the composer, so the load is what brings them back.
      await page.getByLabel('Payload format').selectOption('json');
      await page.getByLabel('Partition key').fill('other-key');
      await payload(page).fill('{}');
      await page.getByTestId('history-row').first().click();
      await page.getByRole('button', { name: 'Load into composer' }).click();

      const warning = page.getByTestId('truncated-warning');
      const kept = (64 * 1024).toLocaleString('en-US');
      const size = Buffer.byteLength(full).toLocaleString('en-US');
      await expect
        .poll(() => warning.innerText())
        .toBe(
          `Only the first ${kept} bytes of this ${size}-byte payload were kept in history; paste the full payload before sending.`,
        );
      expect(await page.getByLabel('Partition key').inputValue()).toBe('long-key');
      expect(await page.getByLabel('Payload format').inputValue()).toBe('text');
      expect(await page.getByLabel('Stream name').inputValue()).toBe('example-stream');

      await payload(page).fill(full);
      await expect.poll(() => warning.count()).toBe(0);
    });
  });

  test('in Russian, what main reports is said in Russian, and the YDS key help opens an https page', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sc-ru-'));
    try {
      await writeFile(path.join(dataDir, 'profiles.json'), '{"profiles": [ this is not json');
      await withApp('russian-main-texts', { dataDir, locale: 'ru-RU', weakSecretStore: true }, async (app) => {
        const { page } = app;
        await page.getByLabel('Данные', { exact: true }).waitFor({ timeout: 15_000 });
        const aside = (await readdir(dataDir)).find((f) => /^profiles\.corrupt-.*\.json$/.test(f));
        const notice = await page.locator('.notice').innerText();
        expect(notice).toContain('Файл настроек был повреждён');
        expect(notice).toContain(path.join(dataDir, aside!));
        expect(notice).not.toMatch(/could not be read|moved aside/);

        await page.getByRole('button', { name: 'Создать…' }).click();
        await page.getByLabel('Название подключения').fill('YDS');
        await page.getByLabel('Тип', { exact: true }).selectOption({ label: 'Yandex Data Streams' });
        const opened = () =>
          app.responses.filter((r) => JSON.stringify(r) === JSON.stringify({ ok: true, value: { opened: true } }))
            .length;
        expect(opened()).toBe(0);
        // A button, so the keyboard reaches and presses it.
        await dialog(page).getByRole('button', { name: 'Как создать ключ сервисного аккаунта для YDS' }).focus();
        await page.keyboard.press('Enter');
        await expect.poll(opened).toBe(1);

        await page.getByLabel('Идентификатор ключа доступа').fill('AKIARUSSIAN00001');
        await page.getByLabel('Секретный ключ').fill('russian-secret');
        await dialog(page).getByRole('button', { name: 'Сохранить', exact: true }).click();
        await page.getByRole('button', { name: 'Всё равно сохранить' }).waitFor();
        const question = await dialog(page).last().innerText();
        expect(question).toContain('хранилища секретов');
        expect(question).not.toMatch(/secret store|obfuscated/);
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('a new sandbox stream is created from the UI and receives records', async () => {
    await inSharedApp('new-stream', async (app) => {
      const { page } = app;
      await payload(page).waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'New stream…' }).click();
      await dialog(page).getByLabel('Stream name').fill('clicks');
      await dialog(page).getByLabel('Shards').fill('3');
      await dialog(page).getByRole('button', { name: 'Create' }).click();
      await expect
        .poll(
          async () =>
            value(await app.call('getSandboxStatus', {})).streams.find((s) => s.name === 'clicks')?.shardCount,
        )
        .toBe(3);
      await expect.poll(() => page.getByLabel('Stream name').inputValue()).toBe('clicks');
      await sendOne(page, 'c-1', '{"click": true}');
      await expect
        .poll(() => page.getByTestId('history-row').first().innerText(), { timeout: 15_000 })
        .toContain('clicks');
    });
  });

  test('the shard preview names the shard a key lands on, and "Send to shard" sends to another', async () => {
    await inSharedApp('shard-preview', async ({ page }) => {
      await payload(page).waitFor({ timeout: 15_000 });
      const line = page.getByTestId('shard-preview');
      await page.getByLabel('Partition key').fill('user-42');
      await expect.poll(() => line.textContent(), { timeout: 15_000 }).toMatch(/^→ shard shardId-\d+$/);
      const previewed = (await line.textContent())!.replace('→ shard ', '');
      await payload(page).fill('{"n": 1}');
      await send(page).click();
      await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toBe(previewed);

      await page.locator('summary', { hasText: 'Advanced' }).click();
      const picker = page.getByLabel('Send to shard…');
      const other = (await picker.locator('option').allTextContents()).find(
        (o) => o.startsWith('shardId-') && o !== previewed,
      )!;
      await picker.selectOption(other);
      await expect.poll(() => page.getByLabel('Explicit hash key').inputValue()).toMatch(/^\d+$/);
      await expect.poll(() => line.textContent()).toBe(`→ shard ${other}`);
      await payload(page).fill('{"n": 2}');
      await send(page).click();
      await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toBe(other);
    });
  });

  test('copy as code shows a boto3 snippet for the composed request, without the secret', async () => {
    await inSharedApp('copy-as-code', async (app) => {
      const status = value(await app.call('getSandboxStatus', {}));
      await addProfile(app, {
        name: 'Keyed',
        kind: 'custom',
        endpoint: status.endpoint!,
        credentials: {
          source: 'static',
          sharedProfile: '',
          accessKeyId: 'AKIACODEGENKEY0042',
          secretAccessKey: 'codegen-secret-value',
        },
      });
      const { page } = app;
      await page.reload();
      await payload(page).waitFor({ timeout: 15_000 });
      await page.getByLabel('Connection', { exact: true }).selectOption({ label: 'Keyed — Custom endpoint' });
      await page.getByLabel('Stream name').fill('example-stream');
      await page.getByLabel('Partition key').fill('code-key');
      await payload(page).fill('{"from": "ui"}');
      await page.locator('summary', { hasText: 'Copy as code' }).click();
      await page.getByRole('button', { name: 'Python (boto3)' }).first().click();
      await expect.poll(() => dialog(page).innerText()).toContain("StreamName='example-stream'");
      // The pick closed the menu behind the dialog.
      expect(await page.locator('details.menu:has(summary:text("Copy as code"))').getAttribute('open')).toBeNull();
      const code = await dialog(page).innerText();
      expect(code).toContain('code-key');
      expect(code).toContain(status.endpoint!);
      expect(code).not.toContain('codegen-secret-value');
      expect(code).not.toContain('AKIACODEGENKEY0042');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog(page).count()).toBe(0);
    });
  });

  test('a send to an endpoint that never answers can be cancelled from the UI', async () => {
    const silent = await silentServer();
    try {
      await inSharedApp('cancel', async (app) => {
        await addProfile(app, {
          name: 'Silent',
          kind: 'custom',
          endpoint: silent.url,
          credentials: { source: 'none', sharedProfile: '' },
          timeoutMs: 60_000,
        });
        const { page } = app;
        await page.reload();
        await payload(page).waitFor({ timeout: 15_000 });
        await page.getByLabel('Connection', { exact: true }).selectOption({ label: 'Silent — Custom endpoint' });
        await page.getByLabel('Stream name').fill('s');
        await page.getByLabel('Partition key').fill('k');
        await payload(page).fill('{}');
        await send(page).click();
        await page.getByRole('button', { name: 'Cancel', exact: true }).click();
        await expect
          .poll(() => page.getByTestId('resp-error-name').textContent(), { timeout: 15_000 })
          .toBe('CANCELLED');
        await expect
          .poll(() => page.getByTestId('history-row').first().innerText(), { timeout: 15_000 })
          .toContain('CANCELLED');
      });
    } finally {
      await silent.close();
    }
  });

  test('keyboard only: the payload editor is reached by its label, Ctrl+Enter sends, and no CSP violation happens', async () => {
    await inSharedApp('keyboard', async ({ page }) => {
      const violations: string[] = [];
      page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && violations.push(m.text()));
      await page.reload();
      await payload(page).waitFor({ timeout: 15_000 });
      await page.getByLabel('Partition key').focus();
      await page.keyboard.type('kbd-key');
      await page.keyboard.press('Tab');
      // Tab leaves the key field for the next control; Shift+Tab comes back.
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('partition-key');
      await page.getByText('Payload', { exact: true }).click();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('{"typed": true}');
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => page.getByTestId('resp-shard').textContent(), { timeout: 15_000 }).toMatch(/^shardId-/);
      expect(violations).toEqual([]);
    });
  });
});
