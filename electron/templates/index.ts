// Payload and key templates: `{{ expression }}` placeholders rendered per record; batches with a
// template compile and render them in a worker (electron/runs/batch-host.ts).
export { compileTemplate, renderChecked } from './compile';
export type { CompiledTemplate, CompileResult, CheckedRender } from './compile';
export { createTemplateRuntime } from './runtime';
export type { RuntimeOptions } from './runtime';
export { templateHelp } from './help';
export type { HelpEntry } from './help';
export type {
  RecordError,
  SourceRecordFields,
  TemplateError,
  TemplateErrorKind,
  TemplateLocale,
  TemplateMode,
  TemplateRuntime,
} from './types';
