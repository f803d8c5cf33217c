// A Russian screen shows no English prose: every main screen is visited with the UI in Russian and
// its visible text is read from the real page. Two or more English words in a row fail, except in
// what is not prose — code and monospaced values (stream names, keys, payloads, ids, a service's
// verbatim message), form fields, error type names (one word, e.g. ResourceNotFoundException, so
// never a run of two) — and the names the Russian translation itself keeps: the app's and the
// services' (read from ru.json, not listed here).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { LaunchedApp } from '../harness/launch';
import { addProfile, closedPort, createSandboxStream, withApp } from '../helpers/e2e';

const RU = { locale: 'ru-RU' };
const ru = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../renderer/i18n/ru.json'), 'utf8')) as {
  app: { title: string };
  kind: Record<'yds' | 'aws', string>;
};
/** Proper names, not prose: the app's name and the services' names as the Russian UI writes them. */
const NAMES = [ru.app.title, ru.kind.yds, ru.kind.aws];
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });

/** The visible text runs of two or more English words on the page, outside code, values and fields. */
async function englishProse(page: Page): Promise<string[]> {
  return page.evaluate((names) => {
    const notProse = 'code, pre, kbd, samp, .mono, input, textarea, select, script, style, [hidden]';
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(notProse) || !parent.checkVisibility({ visibilityProperty: true })) continue;
      // A word: letters only, once the punctuation around it is taken off ("(Access", "ID)," …).
      const text = names.reduce((s, name) => s.split(name).join(' '), node.textContent ?? '');
      const words = text.split(/\s+/).map((w) => w.replace(/^[("«“'[]+|[)"»”'\],.:;!?…]+$/g, ''));
      let run: string[] = [];
      for (const w of [...words, '']) {
        if (/^[A-Za-z]+$/.test(w)) run.push(w);
        else {
          if (run.length >= 2) found.push(run.join(' '));
          run = [];
        }
      }
    }
    return [...new Set(found)];
  }, NAMES);
}

/** Every screen's English runs, by screen name; empty when all screens are Russian. */
async function visit(screens: [string, () => Promise<void>][], page: Page): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [name, reach] of screens) {
    await reach();
    const english = await englishProse(page);
    if (english.length) out[name] = english;
  }
  return out;
}

async function ready(app: LaunchedApp) {
  await app.page.locator('#stream-name').waitFor({ timeout: 15_000 });
}

describe('Russian screens show no English prose', () => {
  test('composer with a YDS target, profile editor, stream browser, saved requests', async () => {
    await withApp('russian-screens-composer', RU, async (app) => {
      const { page } = app;
      const yds = await addProfile(app, {
        name: 'Прод YDS',
        kind: 'yds',
        endpoint: 'https://yds.serverless.yandexcloud.net',
        ydsCloudId: 'b1gabcdefghijklmnopq',
        ydsDatabaseId: 'etnabcdefghijklmnopq',
        credentials: { source: 'static', sharedProfile: '', accessKeyId: 'AKIDYDS', secretAccessKey: 'yds-secret' },
      });
      await page.reload();
      await ready(app);
      const found = await visit(
        [
          [
            'composer with a YDS target',
            async () => {
              await page.locator('#profile-select').selectOption(yds.id);
              await page.locator('#yds-stream').fill('orders');
            },
          ],
          [
            'profile editor',
            async () => {
              await page.getByRole('button', { name: 'Изменить…' }).click();
              await page.getByRole('dialog').waitFor();
            },
          ],
          [
            'stream browser',
            async () => {
              await page.keyboard.press('Escape');
              await page.getByRole('dialog').waitFor({ state: 'detached' });
              await page.locator('#profile-select').selectOption({ index: 0 });
              await page.getByRole('button', { name: 'Потоки…' }).click();
              await page.getByRole('dialog').locator('table, .empty-state').first().waitFor({ timeout: 20_000 });
            },
          ],
          [
            'saved requests',
            async () => {
              await page.keyboard.press('Escape');
              await page.getByRole('dialog').waitFor({ state: 'detached' });
              await page.getByRole('button', { name: /^Коллекции \(\d+\)$/ }).click();
              await page.getByRole('dialog').waitFor();
            },
          ],
        ],
        page,
      );
      expect(found).toEqual({});
    });
  });

  test('batch with a preview and a bad line', async () => {
    await withApp('russian-screens-batch', RU, async (app) => {
      const { page } = app;
      await ready(app);
      const found = await visit(
        [
          [
            'batch with a preview and a bad line',
            async () => {
              await page.locator('#composer-mode-batch').click();
              await page.locator('#batch-source-rows').click();
              await page.getByRole('button', { name: 'Добавить строку' }).click();
              await page.locator('#batch-row-2-payload').fill('{"broken": ');
              await poll(() => page.getByTestId('batch-problems').count()).toBe(1);
              await poll(() => page.getByTestId('batch-preview').locator('tbody tr').count()).toBeGreaterThan(0);
            },
          ],
        ],
        page,
      );
      expect(found).toEqual({});
    });
  });

  test('run report, history with failures, an error', async () => {
    await withApp('russian-screens-run', RU, async (app) => {
      const { page } = app;
      await createSandboxStream(app, 'ru-run', 2);
      const dead = await addProfile(app, {
        name: 'Мёртвый адрес',
        kind: 'custom',
        endpoint: `http://127.0.0.1:${await closedPort()}`,
        credentials: { source: 'static', sharedProfile: '', accessKeyId: 'AKIDDEAD', secretAccessKey: 'dead-secret' },
      });
      await page.reload();
      await ready(app);
      const found = await visit(
        [
          [
            'run report',
            async () => {
              await page.locator('#stream-name').fill('ru-run');
              await page.locator('#composer-mode-batch').click();
              await page.locator('#batch-source-rows').click();
              await page.getByRole('button', { name: 'Запустить', exact: true }).click();
              await page.getByTestId('run-report').waitFor({ timeout: 20_000 });
            },
          ],
          [
            'an error, and history with failures',
            async () => {
              await page.locator('#composer-mode-single').click();
              await page.locator('#profile-select').selectOption(dead.id);
              await page.locator('#stream-name').fill('orders');
              await page.locator('#partition-key').fill('k-1');
              await page.getByRole('button', { name: 'Отправить', exact: true }).click();
              await page.getByTestId('resp-error-name').waitFor({ timeout: 20_000 });
              await poll(() => page.locator('.history-row-failed').count()).toBeGreaterThan(0);
            },
          ],
        ],
        page,
      );
      expect(found).toEqual({});
    });
  });
});
