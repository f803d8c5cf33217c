// Batch and template problems are reasons the renderer words: in Russian, a bad NDJSON line and a
// bad template show in Russian in the real renderer, with only the user's own text and code quoted.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { englishLeftIn } from '../helpers/english-left';
import { withApp } from '../helpers/e2e';

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000 });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sc-batch-ru-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('batch problems in the UI language', () => {
  test('a bad NDJSON line and a bad template are explained in Russian, with no English sentence', async () => {
    const ndjson = path.join(dir, 'events.ndjson');
    await writeFile(ndjson, ['{"id": 1}', '{"id": 2, "x": }', '{"id": 3}', ''].join('\n'));
    await withApp('batch-problems-ru', { locale: 'ru-RU', openPath: ndjson }, async ({ page, responses }) => {
      await page.getByLabel('Данные', { exact: true }).waitFor({ timeout: 15_000 });
      await page.getByRole('tab', { name: 'Пакет и нагрузка' }).click();
      await page.getByRole('tab', { name: 'Файл' }).click();
      await page.getByRole('button', { name: 'Открыть файл…' }).click();

      const bad = page.getByRole('region', { name: 'Ошибочные строки' });
      await poll(() => bad.locator('li').count()).toBe(1);
      const line = await bad.locator('li').first().innerText();
      expect(line).toContain('некорректный JSON: ожидается значение (столбец 16)');
      expect(englishLeftIn(line)).toEqual([]);
      // Main sent the reason, not the sentence.
      expect(JSON.stringify(responses)).toContain('"reason":"jsonSyntax"');

      const problems = page.getByTestId('batch-problems');
      await poll(() => problems.innerText()).toContain('ожидается значение');
      expect(englishLeftIn(await problems.innerText())).toEqual([]);

      await page.getByRole('tab', { name: 'Шаблон' }).click();
      await page.getByLabel('Шаблон данных').fill('{"a": {{ uid }}, "b": {{ int(9, 1) }}}');
      await poll(() => problems.innerText()).toContain('Неизвестное имя «uid». Возможно, имелось в виду');
      const shown = await problems.innerText();
      expect(shown).not.toMatch(/Unknown name|Did you mean/);
      expect(englishLeftIn(shown)).toEqual([]);
    });
  });
});
