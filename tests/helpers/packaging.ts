// What electron-builder would put in the package, asked of electron-builder's own code: its
// config loader and schema check, and the file filters it copies the app and node_modules with.
// Its internals are CommonJS without published types for these; the shapes used are given here.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Stats } from 'node:fs';
import type { Configuration } from 'app-builder-lib';

/** leveldown (kinesalite's optional on-disk store, native) and the packages only it uses. */
export const LEFT_OUT_OF_PACKAGE = ['leveldown', 'napi-macros', 'node-gyp-build'];

type Filter = (file: string, stat: Stats & { moduleFullFilePath?: string }) => boolean;
interface Matcher {
  patterns: string[];
  macroExpander: (p: string) => string;
  to: string;
  createFilter(): Filter;
}

const require = createRequire(import.meta.url);
const config = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
};
const matchers = require('app-builder-lib/out/fileMatcher.js') as {
  getMainFileMatchers(
    appDir: string,
    to: string,
    expand: (p: string) => string,
    platform: object,
    packager: object,
    outDir: string,
    compile: boolean,
  ): Matcher[];
  getNodeModuleFileMatcher(
    appDir: string,
    to: string,
    expand: (p: string) => string,
    platform: object,
    info: object,
  ): Matcher;
  FileMatcher: new (from: string, to: string, expand: (p: string) => string, patterns: string[]) => Matcher;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => object };

export interface Packaging {
  config: Configuration;
  /** Whether a file of the project (outside node_modules) goes into the app. */
  shipsAppFile(relative: string, stat: Stats): boolean;
  /** For an installed package's folder under node_modules: whether a file within it goes into the app. */
  moduleFilter(moduleDir: string): (relative: string, stat: Stats) => boolean;
}

/** Reads and checks electron-builder.yml as `electron-builder --config electron-builder.yml` does. */
export async function loadPackaging(root: string): Promise<Packaging> {
  const loaded = await config.getConfig(root, 'electron-builder.yml', null);
  await config.validateConfiguration(loaded, new DebugLogger(false));
  const expand = (p: string) => p;
  const to = path.join(root, 'packaged-app');
  const info = {
    projectDir: root,
    buildResourcesDir: 'build',
    isPrepackedAppAsar: false,
    config: loaded,
    debugLogger: new DebugLogger(false),
  };
  const [main] = matchers.getMainFileMatchers(root, to, expand, {}, { info }, path.join(root, 'release'), false);
  const appFilter = main.createFilter();
  const modules = matchers.getNodeModuleFileMatcher(root, to, expand, {}, info);
  return {
    config: loaded,
    shipsAppFile: (relative, stat) => appFilter(path.join(root, relative), stat),
    moduleFilter(moduleDir) {
      // As electron-builder's copier does: a matcher per package, paths as they will be in the app.
      const destination = path.join(to, path.relative(root, moduleDir));
      const filter = new matchers.FileMatcher(moduleDir, destination, expand, modules.patterns).createFilter();
      const inApp = path.relative(modules.to, destination);
      return (relative, stat) =>
        filter(path.join(moduleDir, relative), Object.assign(stat, { moduleFullFilePath: path.join(inApp, relative) }));
    },
  };
}
