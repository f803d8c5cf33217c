// Exposes window.composer: one method per operation of the contract, each a single
// ipcRenderer.invoke on that operation's own channel, and `on` for the events main pushes.
// Nothing else of Electron reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ComposerApi } from './contract';
import { EVENT_NAMES, OPERATION_NAMES, channelOf, eventChannelOf, type EventName } from './shared/names';

const events = new Set<string>(EVENT_NAMES);

const api = {
  ...Object.fromEntries(OPERATION_NAMES.map((op) => [op, (input: unknown) => ipcRenderer.invoke(channelOf(op), input)])),
  on(event: EventName, listener: (payload: unknown) => void) {
    if (!events.has(event)) throw new Error(`No such event: ${String(event)}`);
    // Only the payload crosses: the IPC event object would hand the page a way into Electron.
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannelOf(event), wrapped);
    return () => void ipcRenderer.removeListener(eventChannelOf(event), wrapped);
  },
} as unknown as ComposerApi;

contextBridge.exposeInMainWorld('composer', api);
