// The packaged app, checked with electron-builder's own config loader and file filters against the
// real dependency tree and build output (`npm test` builds first): the Electron fuses, no source
// maps, no renderer-only packages beside main, and kinesalite's native store left out.
import { execFile } from 'node:child_process';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { beforeAll, describe, expect, test } from 'vitest';
import { runtimeBundles } from '../../scripts/electron-bundles';
import { LEFT_OUT_OF_PACKAGE, loadPackaging, type Packaging } from '../helpers/packaging';

const root = path.resolve(import.meta.dirname, '../..');
let packaging: Packaging;

beforeAll(async () => {
  packaging = await loadPackaging(root);
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** The installed packages npm counts as the app's (not dev): what electron-builder collects. */
async function runtimePackageDirs(): Promise<string[]> {
  const lock = JSON.parse(await readFile(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([dir, p]) => dir !== '' && !p.dev && !p.devOptional)
    .map(([dir]) => path.join(root, dir));
}

const packageNameOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe('the packaged app', () => {
  test('electron-builder accepts the config, which sets the Electron fuses and rebuilds no native module', () => {
    expect(packaging.config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(packaging.config.asar).toBe(true);
    expect(packaging.config.npmRebuild).toBe(false);
  });

  test("package.json's dependencies are exactly the packages main and its worker load at run time: no renderer-only package ships", async () => {
    const external = new Set<string>();
    for (const bundle of runtimeBundles) {
      const bundled = await build({ ...bundle, absWorkingDir: root, write: false, metafile: true, logLevel: 'silent' });
      for (const output of Object.values(bundled.metafile.outputs)) {
        for (const i of output.imports)
          if (i.external && !i.path.startsWith('node:')) external.add(packageNameOf(i.path));
      }
    }
    // Electron itself is the runtime, not a package inside the app.
    external.delete('electron');
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...external].sort());
  });

  test('what is built for the app holds no source maps and all of it ships', async () => {
    const offenders: string[] = [];
    for (const dir of ['dist/renderer', 'dist-electron']) {
      const files = await filesUnder(path.join(root, dir));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const relative = path.join(dir, file);
        if (file.endsWith('.map')) offenders.push(`${relative}: a source map was built`);
        if (!packaging.shipsAppFile(relative, await lstat(path.join(root, relative))))
          offenders.push(`${relative}: left out`);
        if (
          /\.(m?js|cjs)$/.test(file) &&
          (await readFile(path.join(root, relative), 'utf8')).includes('sourceMappingURL')
        ) {
          offenders.push(`${relative}: points to a source map`);
        }
      }
    }
    expect(offenders).toEqual([]);
    // A map that appeared there anyway (a build setting changed back) would still stay out.
    expect(
      packaging.shipsAppFile('dist-electron/main.js.map', await lstat(path.join(root, 'dist-electron/main.js'))),
    ).toBe(false);
  });

  test("no package's source maps and nothing of leveldown go in; every other runtime package does; the sandbox runs without leveldown", async () => {
    const offenders: string[] = [];
    let mapsLeftOut = 0;
    for (const dir of await runtimePackageDirs()) {
      const ships = packaging.moduleFilter(dir);
      const name = packageNameOf(
        path.relative(path.join(root, 'node_modules'), dir).split(`node_modules${path.sep}`).at(-1)!,
      );
      const leftOut = LEFT_OUT_OF_PACKAGE.includes(name);
      for (const file of await filesUnder(dir)) {
        if (file.includes(`node_modules${path.sep}`)) continue; // a nested package: its own entry in the lock
        const shipped = ships(file, await lstat(path.join(dir, file)));
        if (shipped && leftOut) offenders.push(`${name}/${file}: should be left out`);
        if (shipped && file.endsWith('.map')) offenders.push(`${name}/${file}: a source map ships`);
        if (shipped && (file.endsWith('.node') || path.basename(file) === 'binding.gyp'))
          offenders.push(`${name}/${file}: native code ships`);
        if (!shipped && !leftOut && file === 'package.json') offenders.push(`${name}: the package is left out`);
        if (!shipped && file.endsWith('.map')) mapsLeftOut++;
      }
    }
    expect(offenders).toEqual([]);
    expect(mapsLeftOut).toBeGreaterThan(0);

    // kinesalite loads leveldown only for an on-disk store; the sandbox keeps its streams in memory.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, '../helpers/sandbox-without-leveldown.ts')],
      {
        cwd: root,
      },
    );
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
      leveldownLoads: false,
      shardId: expect.stringMatching(/^shardId-/),
    });
  });
});
