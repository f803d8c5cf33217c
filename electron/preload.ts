// Exposes window.composer: one method per operation of the contract, each a single
// ipcRenderer.invoke on that operation's own channel, and `on` for the events main pushes.
// Nothing else of Electron reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ComposerApi } from './contract';
import {
  EVENT_NAMES,
  MAX_SUBJECT_LENGTH,
  OPERATION_NAMES,
  SUBJECT_EVENT_NAMES,
  channelOf,
  eventChannelOf,
  type EventName,
} from './shared/names';

const events = new Set<string>(EVENT_NAMES);
const subjectEvents = new Set<string>(SUBJECT_EVENT_NAMES);

const api = {
  ...Object.fromEntries(
    OPERATION_NAMES.map((op) => [op, (input: unknown) => ipcRenderer.invoke(channelOf(op), input)]),
  ),
  on(event: EventName, subject: string | null, listener: (payload: unknown) => void) {
    if (!events.has(event)) throw new Error(`No such event: ${String(event)}`);
    // A run's or tail's events come on a channel of its own; the page names which one it wants.
    const needsSubject = subjectEvents.has(event);
    const validSubject = needsSubject
      ? typeof subject === 'string' && subject.length > 0 && subject.length <= MAX_SUBJECT_LENGTH
      : subject === null;
    if (!validSubject)
      throw new Error(
        needsSubject ? `The ${event} event needs the id of its ${event}.` : `The ${event} event has no subject.`,
      );
    const channel = eventChannelOf(event, subject);
    // Only the payload crosses: the IPC event object would hand the page a way into Electron.
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => void ipcRenderer.removeListener(channel, wrapped);
  },
} as unknown as ComposerApi;

contextBridge.exposeInMainWorld('composer', api);
