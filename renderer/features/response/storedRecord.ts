// How a stored record's bytes are shown: as text when they are UTF-8, as pretty JSON when that
// text parses, and always as a hex dump (records need not be text at all).

export interface DecodedRecord {
  size: number;
  /** null when the bytes are not valid UTF-8. */
  text: string | null;
  /** The text re-indented; null when it is not JSON. */
  json: string | null;
  hex: string;
  /** How many leading bytes the hex dump shows: a 1 MiB record would be 5 MB of dump. */
  hexBytes: number;
}

const HEX_DUMP_BYTES = 64 * 1024;

export type RecordView = 'json' | 'text' | 'hex';

export function decodeRecord(base64: string): DecodedRecord {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const text = utf8Of(bytes);
  const shown = bytes.subarray(0, HEX_DUMP_BYTES);
  return {
    size: bytes.length,
    text,
    json: text === null ? null : prettyJson(text),
    hex: hexDump(shown),
    hexBytes: shown.length,
  };
}

/** The most readable view the bytes allow. */
export function bestView(decoded: DecodedRecord): RecordView {
  return decoded.json !== null ? 'json' : decoded.text !== null ? 'text' : 'hex';
}

function utf8Of(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function prettyJson(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

/** 16 bytes a line: offset, bytes in hex, and the printable ASCII among them. */
function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = Array.from(bytes.subarray(offset, offset + 16));
    const hex = row.map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = row.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}
