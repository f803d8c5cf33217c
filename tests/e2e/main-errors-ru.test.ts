// Main's refusals are reasons the renderer words: in Russian, a refusal only main can make (a
// profile name that is taken) shows in Russian, with main's parameters inside, in the real renderer.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addProfile, withApp } from '../helpers/e2e';

const dialog = (page: Page) => page.locator('dialog[open]');

describe("main's errors in the UI language", () => {
  test('a profile name main refuses as taken is explained in Russian, naming the profile', async () => {
    await withApp('main-errors-ru', { locale: 'ru-RU' }, async (app) => {
      const { page } = app;
      await page.getByLabel('Данные', { exact: true }).waitFor({ timeout: 15_000 });
      await addProfile(app, { name: 'Прод', kind: 'aws', credentials: { source: 'env', sharedProfile: '' } });

      await page.getByRole('button', { name: 'Создать…' }).click();
      // Names differ only in case: the form cannot know, main's check says so.
      await page.getByLabel('Название подключения').fill('прод');
      await dialog(page).getByRole('button', { name: 'Сохранить', exact: true }).click();
      await expect
        .poll(() => dialog(page).innerText(), { timeout: 15_000 })
        .toContain('Подключение с названием «прод» уже есть.');
      const shown = await dialog(page).innerText();
      expect(shown).not.toMatch(/already exists|connection named/i);
      const refusal = app.responses.find((r) => JSON.stringify(r).includes('profileNameTaken'));
      expect(refusal).toMatchObject({
        ok: false,
        error: {
          reason: 'profileNameTaken',
          params: { name: 'прод' },
          message: 'A connection named "прод" already exists.',
        },
      });
    });
  });
});
