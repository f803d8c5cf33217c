// The bundled runner's memory over a run (issue 12: flat, under 150 MB RSS for a million
// records; the figure itself is `npm run bench`). What can be checked without timing: inside the
// real dist/stream-composer.mjs process, sampled by a module loaded with --import, the main
// thread's young generation stays at its first size; and the rule that asks for a full
// collection once the records' dead bytes (external memory) grew 8 MB, where V8 waits for 64 MB.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectorOf, EXTERNAL_SLACK } from '../../electron/cli/memory';
import { runCli } from '../helpers/cli';
import { startFakeKinesis, type FakeKinesis } from '../helpers/fake-kinesis';

const RECORDS = 12_000;
const MB = 1024 * 1024;

/** Samples the main thread every 10 ms and writes the largest figures when the process exits. */
const PROBE = `
import v8 from 'node:v8';
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
if (isMainThread) {
  const max = { newSpace: 0 };
  const sample = () => {
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    max.newSpace = Math.max(max.newSpace, young.space_size);
  };
  setInterval(sample, 10).unref();
  process.on('exit', () => { sample(); writeFileSync(process.env.PROBE_OUT, JSON.stringify(max)); });
}
`;

/** Records of 1 KB that cost the template worker next to nothing to make. */
const request = (count: number) =>
  [
    'kind: stream-composer/request',
    'version: 1',
    'name: Load',
    'request:',
    '  kind: batch',
    '  target: { type: name, streamName: load }',
    '  source:',
    '    type: template',
    `    template: '{"n": {{seq}}, "pad": "${'x'.repeat(1000)}"}'`,
    '    locale: en',
    '  keys: { type: random }',
    '  payloadMode: json',
    '  seed: 5',
    '  plan:',
    `    count: ${count}`,
    '    ratePerSec: null',
    '    concurrency: 4',
    '    maxAttemptsPerRecord: 10',
    '',
  ].join('\n');

describe('the runner keeps its memory low over a run', () => {
  let fake: FakeKinesis;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeKinesis({ streams: { load: 1 } });
    dir = await mkdtemp(path.join(os.tmpdir(), 'sc-cli-memory-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("main's young generation stays at its first size through a run of 12,000 records", async () => {
    await writeFile(path.join(dir, 'stream-composer.yaml'), 'kind: stream-composer/workspace\nversion: 1\n');
    await writeFile(path.join(dir, 'load.request.yaml'), request(RECORDS));
    await writeFile(path.join(dir, 'probe.mjs'), PROBE);
    const out = path.join(dir, 'probe.json');
    const { code } = await runCli(['run', '--endpoint', fake.url, '-r', 'json', '-o', 'out'], {
      cwd: dir,
      nodeArgs: ['--import', path.join(dir, 'probe.mjs')],
      env: {
        PROBE_OUT: out,
        AWS_ACCESS_KEY_ID: 'AKIDMEMORYTEST',
        AWS_SECRET_ACCESS_KEY: 'memory-test-secret',
        AWS_REGION: 'us-east-1',
      },
    });
    expect(code).toBe(0);
    expect(fake.stored).toHaveLength(RECORDS);
    const max = JSON.parse(await readFile(out, 'utf8')) as { newSpace: number };
    // V8's default lets it grow to two 16 MB semi-spaces; at its first size it is two of 1 MB. The
    // template worker, started first (launcher.ts), resets the flag until it has loaded and sets it
    // again: meanwhile main's young generation may double, twice at most while main loads.
    expect(max.newSpace).toBeLessThanOrEqual(8 * MB);
  });
});

describe('a full collection once external memory grew 8 MB', () => {
  it('asks for none below the slack, one past it, and counts from what the collection left', () => {
    let external = 5 * MB;
    let collections = 0;
    const check = collectorOf(
      () => external,
      () => {
        collections++;
        external -= 6 * MB;
      },
    );
    external += EXTERNAL_SLACK - 1;
    check();
    expect(collections).toBe(0);
    external += 1;
    check();
    expect(collections).toBe(1);
    // Left at 7 MB: the next one comes at 15 MB, not at 13 (the first floor and the slack).
    external = 14 * MB;
    check();
    expect(collections).toBe(1);
    external = 15 * MB;
    check();
    expect(collections).toBe(2);
  });
});
