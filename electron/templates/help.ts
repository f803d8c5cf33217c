// The help panel's content: every built-in (from the compiler's own table), faker examples and
// the escape rule, each with a sample output rendered by the engine itself.
import { BUILTINS } from './builtins';
import { compileTemplate } from './compile';
import { createTemplateRuntime } from './runtime';
import type { TemplateLocale } from './types';

export type HelpEntry = { expr: string; example: string; en: string; ru: string };

const FAKER_HELP: HelpEntry[] = [
  {
    expr: 'faker.<module>.<method>',
    example: '{{faker.person.fullName}}',
    en: "Any generator of the faker library, in the run's locale (English or Russian).",
    ru: 'Любой генератор библиотеки faker, на языке запуска (английский или русский).',
  },
  {
    expr: 'faker.internet.email',
    example: '{{faker.internet.email}}',
    en: 'E-mail address.',
    ru: 'Адрес электронной почты.',
  },
  { expr: 'faker.location.city', example: '{{faker.location.city}}', en: 'City name.', ru: 'Название города.' },
  {
    expr: 'faker.string.alphanumeric(length)',
    example: '{{faker.string.alphanumeric(8)}}',
    en: 'Arguments are literals: numbers, "strings", true/false.',
    ru: 'Аргументы — литералы: числа, "строки", true/false.',
  },
  {
    expr: 'faker.number.int({"min": a, "max": b})',
    example: '{{faker.number.int({"min": 10, "max": 99})}}',
    en: 'Options are written as an object of literals.',
    ru: 'Параметры записываются объектом из литералов.',
  },
  {
    expr: 'faker.date.past',
    example: '{{faker.date.past}}',
    en: 'Dates come out as ISO 8601.',
    ru: 'Даты выводятся в формате ISO 8601.',
  },
];

const SYNTAX_HELP: HelpEntry[] = [
  {
    expr: '\\{{',
    example: '\\{{not a placeholder}}',
    en: 'A backslash before {{ writes the braces literally.',
    ru: 'Обратная косая черта перед {{ выводит скобки как текст.',
  },
  {
    expr: '"{{…}}" / {{…}}',
    example: '{"id": {{seq}}, "name": "{{faker.person.firstName}}"}',
    en: 'In JSON payloads a value inside quotes is escaped; outside quotes numbers and true/false stay bare and text is quoted.',
    ru: 'В JSON значение внутри кавычек экранируется; вне кавычек числа и true/false вставляются как есть, а текст — в кавычках.',
  },
];

export const TEMPLATE_HELP: readonly HelpEntry[] = [
  ...Object.values(BUILTINS).map((b) => ({ expr: b.signature, ...b.help })),
  ...FAKER_HELP,
  ...SYNTAX_HELP,
];

/** TEMPLATE_HELP with each example rendered (fixed seed, current time) in the given locale. */
export function templateHelp(locale: TemplateLocale): Array<HelpEntry & { output: string }> {
  const runtime = createTemplateRuntime({ locale, seed: 7 });
  return TEMPLATE_HELP.map((entry) => {
    const compiled = compileTemplate(entry.example, { mode: entry.example.startsWith('{"') ? 'json' : 'text' });
    return { ...entry, output: compiled.ok ? compiled.template.render(runtime, 0) : compiled.error.message };
  });
}
