// The node side of `npm run dev`: main's handler table in a child process of the dev loop, so that
// a rebuild of main replaces this process and the window stays open. It talks to the loop over
// the fork's IPC channel, whose 'advanced' serialization is the structured clone Electron's IPC uses.
import path from 'node:path';
import { eventSubjectOf, type EventName, type EventPayloads, type OperationName } from '../electron/contract';
import { createTestCipher } from '../electron/secrets';
import { wireApp } from '../electron/wire';

/** What the loop sends here. */
export type ToHost = { type: 'call'; id: number; op: OperationName; input: unknown } | { type: 'close' };
/** What this process sends to the loop. */
export type FromHost =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'event'; name: EventName; subject: string | null; payload: unknown };

const send = (message: FromHost) => process.send?.(message);
const dataDir = path.resolve(process.env.DEV_DATA_DIR ?? '.dev-data');

const wired = await wireApp({
  emit: <E extends EventName>(name: E, payload: EventPayloads[E]) =>
    send({ type: 'event', name, subject: eventSubjectOf(name, payload), payload }),
  dataDir,
  // As in `npm run preview`: no OS secret store outside Electron.
  cipher: createTestCipher({ strong: true }),
  env: process.env,
  app: { version: 'dev', systemLocale: process.env.DEV_LOCALE ?? 'en-US' },
  openExternal: async () => {},
  chooseSavePath: async (suggestedName) => path.join(dataDir, `export-${Date.now()}-${suggestedName}`),
});

process.on('message', (message: ToHost) => {
  if (message.type === 'close') {
    // Closing records the sends still in flight, so the next process finds a consistent history.
    void wired.close().finally(() => process.exit(0));
    return;
  }
  const { id, op, input } = message;
  // The handler table answers with Result data; a throw would be a bug, and the window must still get an answer.
  void Promise.resolve()
    .then((): Promise<unknown> => wired.handlers[op](input))
    .catch((e: unknown) => ({
      ok: false,
      error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) },
    }))
    .then((result: unknown) => send({ type: 'result', id, result }));
});
send({ type: 'ready' });
