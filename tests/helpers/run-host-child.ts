// The child side of tests/helpers/run-host.ts: the real handler table, wired as main wires it, on
// the data folder the parent names; operations arrive over the IPC channel and answers go back.
import type { OperationName } from '../../electron/shared/names';
import { wireTestApp } from './app';

const [dataDir, savePath] = process.argv.slice(2);
void wireTestApp({ dataDir, chooseSavePath: async () => savePath }).then(({ app }) => {
  process.on('message', (m: { id: number; op: OperationName; input: unknown }) => {
    void app.handlers[m.op](m.input).then((result) => process.send!({ id: m.id, result }));
  });
  process.send!({ ready: true });
});
