// Made by scripts/electron-bundles.ts when it bundles the runner (launcher.ts imports them).
declare module 'cli-worker-source' {
  /** The runner's worker thread, as one CommonJS script. */
  const source: string;
  export default source;
}
declare module 'cli-main-source' {
  /** The runner's main code (start.ts and all it loads), as one CommonJS module. */
  const source: string;
  export default source;
}
