// Loads the real electron/preload.ts with `electron` mocked and checks the bridge it exposes: one
// method per operation on its own channel, and `on` only for the contract's events, with an
// unsubscribe that removes exactly the listener it added.
import { expect, test, vi } from 'vitest';
import { EVENT_NAMES, OPERATION_NAMES, channelOf, eventChannelOf, type ComposerApi } from '../../electron/contract';

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
    removeListener: (channel: string, fn: Handler) => bridge.listeners.set(channel, (bridge.listeners.get(channel) ?? []).filter((l) => l !== fn)),
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

test('on() delivers only the payload of its event, and its unsubscribe removes only its own listener', async () => {
  const composer = await api();
  expect(EVENT_NAMES).toContain('tail');
  const first: unknown[] = [];
  const second: unknown[] = [];
  const offFirst = composer.on('tail', (p) => first.push(p));
  composer.on('tail', (p) => second.push(p));
  const emit = (payload: unknown) => bridge.listeners.get(eventChannelOf('tail'))!.forEach((l) => l({ sender: 'ipc internals' }, payload));
  emit({ tailId: 't1' });
  offFirst();
  emit({ tailId: 't2' });
  expect(first).toEqual([{ tailId: 't1' }]);
  expect(second).toEqual([{ tailId: 't1' }, { tailId: 't2' }]);
});

test('on() refuses an event the contract does not name', async () => {
  const composer = await api();
  expect(() => composer.on('progress' as 'tail', () => {})).toThrow(/No such event: progress/);
  expect(bridge.listeners.has('composer-event:progress')).toBe(false);
});
