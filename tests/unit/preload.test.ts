// Loads the real electron/preload.ts with `electron` mocked and checks the bridge it exposes: one
// method per operation on its own channel, and `on` only for the contract's events, with an
// unsubscribe that removes exactly the listener it added.
import { expect, test, vi } from 'vitest';
import {
  EVENT_NAMES,
  OPERATION_NAMES,
  channelOf,
  eventChannelOf,
  eventSubjectOf,
  type ComposerApi,
  type EventName,
  type EventPayloads,
  type RunEvent,
} from '../../electron/contract';

type Handler = (event: unknown, payload: unknown) => void;

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  listeners: new Map<string, Handler[]>(),
  invoked: [] as { channel: string; input: unknown }[],
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => void bridge.invoked.push({ channel, input }),
    on: (channel: string, fn: Handler) => bridge.listeners.set(channel, [...(bridge.listeners.get(channel) ?? []), fn]),
    removeListener: (channel: string, fn: Handler) =>
      bridge.listeners.set(
        channel,
        (bridge.listeners.get(channel) ?? []).filter((l) => l !== fn),
      ),
  },
}));

const api = async () => {
  await import('../../electron/preload');
  return bridge.exposed.get('composer') as ComposerApi;
};

test('window.composer holds exactly the operations and `on`', async () => {
  const composer = await api();
  expect(Object.keys(composer).sort()).toEqual([...OPERATION_NAMES, 'on'].sort());
  await composer.listProfiles({});
  expect(bridge.invoked).toEqual([{ channel: channelOf('listProfiles'), input: {} }]);
});

/** What main.ts does with an event: sends it on the channel of its subject. */
const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) =>
  bridge.listeners
    .get(eventChannelOf(event, eventSubjectOf(event, payload)))
    ?.forEach((l) => l({ sender: 'ipc internals' }, payload));

test('on() delivers only the payload of its event, and its unsubscribe removes only its own listener', async () => {
  const composer = await api();
  expect(EVENT_NAMES).toContain('history');
  const first: unknown[] = [];
  const second: unknown[] = [];
  const offFirst = composer.on('history', null, (p) => first.push(p));
  composer.on('history', null, (p) => second.push(p));
  emit('history', { kind: 'reset', total: 1 });
  offFirst();
  emit('history', { kind: 'reset', total: 2 });
  expect(first).toEqual([{ kind: 'reset', total: 1 }]);
  expect(second).toEqual([
    { kind: 'reset', total: 1 },
    { kind: 'reset', total: 2 },
  ]);
});

test("a run's listener gets only its own run's events, a tail's only its own tail's", async () => {
  const composer = await api();
  const progress = { sent: 0 } as RunEvent['progress'];
  const ofA: string[] = [];
  const ofB: string[] = [];
  const tailed: string[] = [];
  composer.on('run', 'run-a', (e) => ofA.push(e.runId));
  composer.on('run', 'run-b', (e) => ofB.push(e.runId));
  composer.on('tail', 'tail-1', (e) => tailed.push(e.tailId));
  emit('run', { runId: 'run-a', progress });
  emit('run', { runId: 'run-b', progress });
  emit('run', { runId: 'run-c', progress });
  emit('run', { runId: 'run-a', progress });
  emit('tail', { tailId: 'tail-2', records: [], state: 'running' });
  emit('tail', { tailId: 'tail-1', records: [], state: 'running' });
  expect(ofA).toEqual(['run-a', 'run-a']);
  expect(ofB).toEqual(['run-b']);
  expect(tailed).toEqual(['tail-1']);
});

test('on() refuses an event the contract does not name, and a subject its event does not take', async () => {
  const composer = await api();
  expect(() => composer.on('progress' as 'tail', 'x', () => {})).toThrow(/No such event: progress/);
  expect(bridge.listeners.has('composer-event:progress')).toBe(false);
  // Without its run's id a listener would hear nothing; it is told so rather than left waiting.
  expect(() => composer.on('run', null as unknown as string, () => {})).toThrow(/needs the id/);
  expect(() => composer.on('run', 'x'.repeat(101), () => {})).toThrow(/needs the id/);
  expect(() => composer.on('history', 'x' as unknown as null, () => {})).toThrow(/has no subject/);
});
