// The app:// scheme's answers (electron/app-protocol.ts) from real files in a folder named the way
// users' install folders are: with spaces, %, ~ and non-ASCII letters. A hostile page or link may
// ask for anything; only files under the renderer's folder come back.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isAppUrl, serveAppFile } from '../../electron/app-protocol';

let base: string;
let root: string;
const SECRET = 'a file beside the app that no page may read';

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'sc-app %41 ~ Ünïcødé 应用-'));
  root = path.join(base, 'Stream Composer %20', 'resources', 'dist', 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(root, 'assets', 'index-1.js'), 'export const x = 1;');
  await writeFile(path.join(root, 'assets', 'a b%~é.css'), 'body{}');
  await writeFile(path.join(base, 'Stream Composer %20', 'resources', 'secret.txt'), SECRET);
  await writeFile(path.join(base, 'secret.txt'), SECRET);
});

afterAll(() => rm(base, { recursive: true, force: true }));

const get = async (url: string) => {
  const res = await serveAppFile(root, url);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
};

describe('the app:// scheme', () => {
  test("serves the renderer's files with their types, whatever characters the install folder has", async () => {
    expect(await get('app://stream-composer/index.html')).toEqual({
      status: 200,
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><div id="root"></div>',
    });
    expect(await get('app://stream-composer/')).toMatchObject({
      status: 200,
      body: '<!doctype html><div id="root"></div>',
    });
    expect(await get('app://stream-composer/assets/index-1.js?v=1#top')).toEqual({
      status: 200,
      type: 'text/javascript; charset=utf-8',
      body: 'export const x = 1;',
    });
    // A file name with a space, %, ~ and é, as the page's URL spells it.
    expect(await get('app://stream-composer/assets/a%20b%25~%C3%A9.css')).toEqual({
      status: 200,
      type: 'text/css; charset=utf-8',
      body: 'body{}',
    });
  });

  test('answers 404 for anything outside the folder, encoded ../ and \\ included, other origins and bad encodings', async () => {
    const refused = [
      'app://stream-composer/../secret.txt',
      'app://stream-composer/%2e%2e/secret.txt',
      'app://stream-composer/..%2fsecret.txt',
      'app://stream-composer/assets/..%2F..%2F..%2Fsecret.txt',
      'app://stream-composer/..%5c..%5csecret.txt',
      'app://stream-composer/assets%2f..%2f..%2f..%2f..%2f..%2fsecret.txt',
      'app://stream-composer/index.html%00.js',
      'app://stream-composer/%E0%A4%A',
      'app://stream-composer/assets',
      'app://stream-composer/missing.js',
      'app://other-host/index.html',
      'app://evil@stream-composer/index.html',
      'file:///etc/hostname',
      `file://${path.join(root, 'index.html')}`,
      'https://stream-composer/index.html',
    ];
    for (const url of refused) {
      const res = await get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
      expect(res.body).not.toContain(SECRET);
    }
  });

  test("only the app's own origin counts as the app", () => {
    expect(isAppUrl('app://stream-composer/index.html')).toBe(true);
    expect(isAppUrl('app://stream-composer')).toBe(true);
    for (const url of [
      'app://stream-composer.evil.example/',
      'app://evil@stream-composer/',
      'app://other/',
      'https://stream-composer/',
      'file:///opt/Stream%20Composer/resources/app.asar/dist/renderer/index.html',
      'not a url',
      undefined,
      null,
    ]) {
      expect({ url, app: isAppUrl(url) }).toEqual({ url, app: false });
    }
  });
});
