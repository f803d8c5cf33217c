// Exposes window.composer: one method per operation of the contract, each a single
// ipcRenderer.invoke on that operation's own channel. Nothing else of Electron reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import type { ComposerApi } from './contract';
import { OPERATION_NAMES, channelOf } from './shared/names';

const api = Object.fromEntries(
  OPERATION_NAMES.map((op) => [op, (input: unknown) => ipcRenderer.invoke(channelOf(op), input)]),
) as ComposerApi;

contextBridge.exposeInMainWorld('composer', api);
