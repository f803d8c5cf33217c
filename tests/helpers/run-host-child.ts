// The child side of tests/helpers/run-host.ts: the real handler table, wired as main wires it, on
// the data folder the parent names; operations arrive over the IPC channel and answers go back.
import { createTestCipher } from '../../electron/secrets';
import { wireApp } from '../../electron/wire';
import type { OperationName } from '../../electron/shared/names';

const [dataDir, savePath] = process.argv.slice(2);
void wireApp({
  dataDir: dataDir,
  cipher: createTestCipher(),
  env: {},
  app: { version: 't', systemLocale: 'en-US' },
  openExternal: async () => {},
  chooseSavePath: async () => savePath,
}).then((app) => {
  process.on('message', (m: { id: number; op: OperationName; input: unknown }) => {
    void app.handlers[m.op](m.input).then((result) => process.send!({ id: m.id, result }));
  });
  process.send!({ ready: true });
});
