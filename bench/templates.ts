// Template render speed: records/s for a typical JSON payload template (5 placeholders, 2 of them
// faker calls). Run: node --import tsx bench/templates.ts
import { compileTemplate, createTemplateRuntime } from '../electron/templates';

const SOURCE = `{"id": "{{uuid}}", "seq": {{seq}}, "at": "{{now}}", "user": {"name": "{{faker.person.fullName}}", "email": "{{faker.internet.email}}"}, "status": "paid"}`;
const RECORDS = 100_000;
const ROUNDS = 5;

const compiled = compileTemplate(SOURCE, { mode: 'json' });
if (!compiled.ok) throw new Error(compiled.error.message);
const { template } = compiled;

for (const locale of ['en', 'ru'] as const) {
  const runtime = createTemplateRuntime({ locale });
  for (let i = 0; i < 10_000; i++) template.render(runtime, i);
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (let i = 0; i < RECORDS; i++) template.render(runtime, i);
    rates.push(RECORDS / ((performance.now() - started) / 1000));
  }
  rates.sort((a, b) => a - b);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`templates (${locale}): median ${fmt(rates[ROUNDS >> 1])} records/s, min ${fmt(rates[0])}, max ${fmt(rates[ROUNDS - 1])}`);
}
