// Payload and key templates: `{{ expression }}` placeholders rendered per record (main process only).
export { compileTemplate, renderChecked, previewTemplate, MAX_PREVIEW } from './compile';
export type { CompiledTemplate, CompileResult, CheckedRender, PreviewOptions, PreviewResult } from './compile';
export { createTemplateRuntime } from './runtime';
export type { RuntimeOptions } from './runtime';
export { TEMPLATE_HELP, templateHelp } from './help';
export type { HelpEntry } from './help';
export type { RecordError, TemplateError, TemplateErrorKind, TemplateLocale, TemplateMode, TemplateRuntime } from './types';
