// A tail filter (issue 13): a CEL expression over 10,000 tail records of JSON, against a plain JS
// predicate over the same decoded records in the same run. Also the whole path a match call takes
// in its worker: decoding each record, then the expression, 500 records a batch.
import type { TailRecordView } from '../electron/contract';
import { compileFilter, contextOf, matchRecords, matchesContext } from '../electron/filter/cel';
import { FILTER_LIMITS } from '../electron/shared/tail-filter';
import { median } from './median';

const RECORDS = 10_000;
const ROUNDS = 15;
const EXPRESSION = 'data.amount > 100 && key.startsWith("user-")';

function tailRecords(): TailRecordView[] {
  return Array.from({ length: RECORDS }, (_, i) => {
    const data = Buffer.from(
      JSON.stringify({ id: i, amount: (i * 37) % 250, user: { name: `name-${i}`, tags: ['a', 'b'] }, ok: i % 3 === 0 }),
    );
    return {
      shardId: `shardId-00000000000${i % 4}`,
      sequenceNumber: String(49_600_000_000_000n + BigInt(i)),
      partitionKey: `${i % 5 ? 'user' : 'admin'}-${i}`,
      arrivedAt: new Date(1_796_000_000_000 + i).toISOString(),
      dataBase64: data.toString('base64'),
      size: data.length,
      truncated: false,
    };
  });
}

export function benchTailFilter() {
  const records = tailRecords();
  const contexts = records.map(contextOf);
  const program = compileFilter(EXPRESSION);
  const plain = (c: (typeof contexts)[number]) => {
    const amount = (c.data as { amount?: unknown } | null)?.amount;
    return typeof amount === 'number' && amount > 100 && c.key.startsWith('user-');
  };
  const celMs: number[] = [];
  const plainMs: number[] = [];
  const wholeMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let t = performance.now();
    const byCel = contexts.filter((c) => matchesContext(program, c)).length;
    celMs.push(performance.now() - t);
    t = performance.now();
    const byPlain = contexts.filter(plain).length;
    plainMs.push(performance.now() - t);
    if (byCel !== byPlain) throw new Error(`CEL matched ${byCel}, the plain predicate ${byPlain}`);
    t = performance.now();
    let whole = 0;
    for (let i = 0; i < records.length; i += FILTER_LIMITS.records)
      whole += matchRecords({ expression: EXPRESSION, records: records.slice(i, i + FILTER_LIMITS.records) }).filter(
        Boolean,
      ).length;
    wholeMs.push(performance.now() - t);
    if (whole !== byPlain) throw new Error(`the whole path matched ${whole}, the plain predicate ${byPlain}`);
  }
  return { celMs: median(celMs), plainMs: median(plainMs), wholeMs: median(wholeMs) };
}

export function printTailFilterBench() {
  const b = benchTailFilter();
  console.log(`tail filter over ${RECORDS} records of JSON (${EXPRESSION}; ${ROUNDS} rounds)`);
  console.log(
    `  CEL over the decoded records: median ${b.celMs.toFixed(1)} ms (target <= 100 ms); plain JS predicate: ${b.plainMs.toFixed(2)} ms; ratio ${(b.celMs / b.plainMs).toFixed(1)}`,
  );
  console.log(`  decoding and matching, as a match call does: median ${b.wholeMs.toFixed(1)} ms`);
}
