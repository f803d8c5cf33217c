// The renderer's first load stays small: the entry chunk and its static imports, gzipped, within
// the budget, with the parts that are not on the first screen left to load on first use.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_INITIAL_BUDGET_KB, rendererInitialJs, rendererLanguageJs } from '../../bench/renderer-initial';

const dir = path.resolve(import.meta.dirname, '../../dist/renderer');

describe('renderer initial JavaScript', () => {
  it(`is at most ${RENDERER_INITIAL_BUDGET_KB} KB gzipped`, async () => {
    const initial = await rendererInitialJs(dir);
    expect(initial.files.length).toBeGreaterThan(0);
    expect(initial.gzipKB).toBeLessThanOrEqual(RENDERER_INITIAL_BUDGET_KB);
  });

  it('leaves the batch composer, run view, stream browser, tail, dialogs and the code editor to load on use', async () => {
    const { files } = await rendererInitialJs(dir);
    const lazy = [
      'BatchComposer',
      'RunPanel',
      'StreamBrowser',
      'TailView',
      'CompareDialog',
      'SavedPanel',
      'ProfileEditor',
      'PayloadEditor',
    ];
    const chunks = await readdir(path.join(dir, 'assets'));
    for (const part of lazy) {
      const chunk = chunks.find((f) => f.startsWith(`${part}-`) && f.endsWith('.js'));
      expect(chunk, `${part} is a chunk of its own`).toBeDefined();
      expect(files).not.toContain(`assets/${chunk}`);
    }
  });

  it('loads one language of the UI, not both, at start', async () => {
    const { files } = await rendererInitialJs(dir);
    expect(files.filter((f) => /^(en|ru)-/.test(path.basename(f)))).toEqual([]);
    expect(Object.keys(await rendererLanguageJs(dir)).sort()).toEqual(['en', 'ru']);
  });
});
