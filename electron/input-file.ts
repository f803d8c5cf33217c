// Reads a file someone else made (a batch file, an export picked for import) without trusting
// it: its size is checked before a byte is read, and only a regular file is opened. A named pipe
// would block the read until something writes to it, and a device may never end.
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { ServiceError } from './services';
import { formatBytes } from './shared/file-limits';
import type { HintCode } from './shared/reasons';

export interface InputFileRules {
  maxBytes: number;
  /** The reason of the refusal past `maxBytes`: it names the kind of file. */
  tooLarge: 'batchFileTooLarge' | 'historyImportTooLarge' | 'savedImportTooLarge';
  /** What to do instead, for the error's hint. */
  hint: HintCode;
}

export async function readInputFile(file: string, rules: InputFileRules): Promise<Buffer> {
  refuse(file, await stat(file), rules);
  // O_NONBLOCK: a file swapped for a pipe since the check above still cannot block the open.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    refuse(file, info, rules);
    // Exactly the size checked: a file that grows meanwhile is read as it was.
    // Not zeroed (filling 128 MiB would hold main): only the bytes read are ever returned.
    const bytes = Buffer.allocUnsafe(info.size);
    for (let at = 0; at < bytes.length;) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
      if (bytesRead === 0) return bytes.subarray(0, at);
      at += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

function refuse(file: string, info: Awaited<ReturnType<typeof stat>>, rules: InputFileRules): void {
  const name = path.basename(file);
  if (!info.isFile()) {
    const reason = info.isFIFO()
      ? 'notAFilePipe'
      : info.isDirectory()
        ? 'notAFileFolder'
        : info.isSocket()
          ? 'notAFileSocket'
          : 'notAFileDevice';
    throw new ServiceError(reason, { name }, { hint: rules.hint });
  }
  if (info.size > rules.maxBytes) throw tooLarge(name, Number(info.size), rules);
}

/** For content past `rules.maxBytes`, however it came (read from disk, or dropped on the window). */
export const tooLarge = (name: string, bytes: number, rules: InputFileRules) =>
  new ServiceError(
    rules.tooLarge,
    { name, size: formatBytes(bytes), max: formatBytes(rules.maxBytes) },
    { hint: rules.hint },
  );
