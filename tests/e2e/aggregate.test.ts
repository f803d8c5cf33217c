// The run plan's "Aggregate (KPL)" switch end to end: the real renderer and handler table against
// the sandbox. The report counts user records and says how many Kinesis records held them (read
// back and split here); a YDS-addressed target turns the switch off with its reason.
import { describe, expect, test } from 'vitest';
import { deaggregate } from '../../electron/decode/kpl';
import { readWholeStream, SANDBOX_TEST_KEYS } from '../helpers/kinesis-fixtures';
import { createSandboxStream, sandboxEndpoint, withApp } from '../helpers/e2e';

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const number = (text: string) => Number(text.replace(/[^\d]/g, ''));

describe('Aggregate (KPL) in the run plan', () => {
  test('an aggregated run reports user records and the Kinesis records that held them; a YDS target refuses the switch', async () => {
    await withApp('batch-aggregate', { sandboxCredentials: SANDBOX_TEST_KEYS }, async (app) => {
      const { page } = app;
      await createSandboxStream(app, 'kpl-run', 2);
      await page.getByLabel('Partition key').waitFor({ timeout: 15_000 });
      await page.getByLabel('Stream name').fill('kpl-run');
      await page.getByRole('tab', { name: 'Batch & load' }).click();
      await page.getByRole('tab', { name: 'Template' }).click();
      await page.getByLabel('Number of records').fill('300');
      const aggregate = page.getByRole('checkbox', { name: 'Aggregate (KPL)' });
      expect(await aggregate.isEnabled()).toBe(true);
      await aggregate.check();
      expect(await page.getByTestId('batch-aggregate-help').innerText()).toMatch(/KPL format/);
      await page.getByLabel('Payload template').press('Control+Enter');

      await page.getByTestId('run-report').waitFor({ timeout: 30_000 });
      await poll(() => page.getByTestId('run-state').innerText()).toBe('Done');
      expect(number(await page.getByTestId('report-acknowledged').innerText())).toBe(300);

      const stored = await readWholeStream(await sandboxEndpoint(app), 'kpl-run', SANDBOX_TEST_KEYS);
      const users = stored.flatMap((s) => deaggregate(s.bytes) ?? []);
      expect(users).toHaveLength(300);
      expect(stored.length).toBeLessThan(300);
      expect(await page.getByTestId('report-aggregated').innerText()).toBe(
        `Aggregated (KPL): 300 user records acknowledged; Kinesis records: ${stored.length}. The figures count user records.`,
      );

      // A YDS path on the same connection: the switch is off and says why.
      await page.getByLabel('Stream name').fill('/ru-central1/b1gabcdefghijklmnopq/etnabcdefghijklmnopqrst/orders');
      await poll(() => aggregate.isDisabled()).toBe(true);
      expect(await aggregate.isChecked()).toBe(false);
      expect(await page.getByTestId('batch-aggregate-help').innerText()).toBe(
        'Aggregation is for AWS Kinesis targets: Yandex Data Streams readers do not split KPL records.',
      );
      // Back on an AWS-style name, the user's choice is still there.
      await page.getByLabel('Stream name').fill('kpl-run');
      await poll(() => aggregate.isChecked()).toBe(true);
    });
  });
});
