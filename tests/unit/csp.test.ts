// The page's Content-Security-Policy, in the source HTML and in what Vite built from it (`npm test`
// builds first): scripts only from the app's own files, nothing inline or eval'd, no plugins, no
// <base> rewrites. A meta CSP governs only what comes after it, so it must precede every script.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const FILES = { source: 'renderer/index.html', built: 'dist/renderer/index.html' } as const;

/** The HTML without comments, which may mention tags that are not there. */
async function readHtml(file: string): Promise<string> {
  return (await readFile(path.join(root, file), 'utf8')).replace(/<!--[\s\S]*?-->/g, '');
}

function attribute(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : null;
}

interface Policy {
  /** Where the meta tag starts in the HTML. */
  at: number;
  directives: Map<string, string[]>;
}

function cspOf(html: string): Policy[] {
  return [...html.matchAll(/<meta\b[^>]*>/gi)]
    .filter((m) => attribute(m[0], 'http-equiv')?.toLowerCase() === 'content-security-policy')
    .map((m) => {
      const directives = new Map<string, string[]>();
      for (const part of (attribute(m[0], 'content') ?? '').split(';')) {
        const [name, ...sources] = part.trim().split(/\s+/);
        if (name) directives.set(name.toLowerCase(), sources);
      }
      return { at: m.index, directives };
    });
}

function scriptsOf(html: string): { at: number; src: string | null; body: string }[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)].map((m) => ({
    at: m.index,
    src: attribute(`<script ${m[1]}>`, 'src'),
    body: m[2],
  }));
}

describe.each(Object.entries(FILES))('the CSP of the %s page', (_kind, file) => {
  test('allows scripts only from the app itself, nothing unsafe, no plugins, no <base>', async () => {
    const policies = cspOf(await readHtml(file));
    expect(policies).toHaveLength(1);
    const { directives } = policies[0];
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    const unsafe = [...directives].filter(([, sources]) => sources.some((s) => /^'unsafe-(inline|eval)'$/i.test(s)));
    expect(unsafe).toEqual([]);
  });

  test('comes before every script, and every script is a file of the app, with no inline body', async () => {
    const html = await readHtml(file);
    const [policy] = cspOf(html);
    const scripts = scriptsOf(html);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script.at).toBeGreaterThan(policy.at);
      expect(script.body.trim()).toBe('');
      expect(script.src).toMatch(/^\.?\/[^/]/);
    }
  });
});
