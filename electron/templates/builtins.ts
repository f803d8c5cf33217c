// The built-in template functions. Each entry carries its own help (English and Russian) so the
// help panel is generated from the same table the compiler uses.
import { problemOf, type ReasonWithParams } from '../shared/reasons';
import type { Evaluator, Failure, Literal } from './types';

export type Builtin = {
  /** How it is written, for messages and the help panel. */
  signature: string;
  minArgs: number;
  maxArgs: number;
  build(args: Literal[]): Evaluator | Failure;
  help: { example: string; en: string; ru: string };
};

const argument = (problem: ReasonWithParams, arg: Literal): Failure => ({
  kind: 'argument',
  ...problem,
  span: { start: arg.start, end: arg.end },
});

const minAboveMax = (name: string, min: number, max: number) =>
  problemOf('tplMinAboveMax', { name, min: String(min), max: String(max) });

function integers(name: string, args: Literal[]): number[] | Failure {
  for (const arg of args) {
    if (typeof arg.value !== 'number' || !Number.isSafeInteger(arg.value))
      return argument(problemOf('tplWholeNumbers', { name, value: JSON.stringify(arg.value) }), arg);
  }
  return args.map((a) => a.value as number);
}

function numbers(name: string, args: Literal[]): number[] | Failure {
  for (const arg of args) {
    if (typeof arg.value !== 'number')
      return argument(problemOf('tplNumbers', { name, value: JSON.stringify(arg.value) }), arg);
  }
  return args.map((a) => a.value as number);
}

export const BUILTINS: Readonly<Record<string, Builtin>> = {
  uuid: {
    signature: 'uuid',
    minArgs: 0,
    maxArgs: 0,
    build: () => (runtime) => runtime.uuid(),
    help: { example: '{{uuid}}', en: 'Random UUID (version 4).', ru: 'Случайный UUID (версия 4).' },
  },
  now: {
    signature: 'now',
    minArgs: 0,
    maxArgs: 0,
    build: () => (runtime) => new Date(runtime.now()).toISOString(),
    help: { example: '{{now}}', en: 'Current time, ISO 8601 in UTC.', ru: 'Текущее время в формате ISO 8601, UTC.' },
  },
  nowMs: {
    signature: 'nowMs',
    minArgs: 0,
    maxArgs: 0,
    build: () => (runtime) => runtime.now(),
    help: {
      example: '{{nowMs}}',
      en: 'Current time in milliseconds since 1970 (epoch ms).',
      ru: 'Текущее время в миллисекундах с 1970 года (epoch ms).',
    },
  },
  seq: {
    signature: 'seq(start?)',
    minArgs: 0,
    maxArgs: 1,
    build(args) {
      const values = integers('seq', args);
      if (!Array.isArray(values)) return values;
      const first = values[0] ?? 1;
      return (_runtime, index) => first + index;
    },
    help: {
      example: '{{seq(1000)}}',
      en: 'Number of the record in the run: 1, 2, 3… or from the given start.',
      ru: 'Номер записи в запуске: 1, 2, 3… или начиная с заданного числа.',
    },
  },
  int: {
    signature: 'int(min, max)',
    minArgs: 2,
    maxArgs: 2,
    build(args) {
      const values = integers('int', args);
      if (!Array.isArray(values)) return values;
      const [min, max] = values;
      if (min > max) return argument(minAboveMax('int', min, max), args[0]);
      const span = max - min + 1;
      return (runtime) => min + Math.floor(runtime.random() * span);
    },
    help: {
      example: '{{int(1, 6)}}',
      en: 'Random whole number from min to max, both included.',
      ru: 'Случайное целое число от min до max включительно.',
    },
  },
  float: {
    signature: 'float(min, max, decimals?)',
    minArgs: 2,
    maxArgs: 3,
    build(args) {
      const values = numbers('float', args);
      if (!Array.isArray(values)) return values;
      const [min, max, decimals = 2] = values;
      if (min > max) return argument(minAboveMax('float', min, max), args[0]);
      if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15)
        return argument(problemOf('tplDecimals', {}), args[2]);
      const scale = 10 ** decimals;
      return (runtime) => Math.round((min + runtime.random() * (max - min)) * scale) / scale;
    },
    help: {
      example: '{{float(0, 100, 2)}}',
      en: 'Random number from min to max, rounded to the given decimals (2 by default).',
      ru: 'Случайное число от min до max, округлённое до заданного числа знаков (по умолчанию 2).',
    },
  },
  pick: {
    signature: 'pick(a, b, …)',
    minArgs: 1,
    maxArgs: Infinity,
    build(args) {
      const bad = args.find((a) => typeof a.value === 'object');
      if (bad) return argument(problemOf('tplPickScalars', {}), bad);
      const choices = args.map((a) => a.value);
      return (runtime) => choices[Math.floor(runtime.random() * choices.length)];
    },
    help: {
      example: '{{pick("created", "paid", "shipped")}}',
      en: 'One of the given values, chosen at random.',
      ru: 'Одно из перечисленных значений, выбранное случайно.',
    },
  },
  bool: {
    signature: 'bool',
    minArgs: 0,
    maxArgs: 0,
    build: () => (runtime) => runtime.random() < 0.5,
    help: { example: '{{bool}}', en: 'true or false at random.', ru: 'true или false случайным образом.' },
  },
};

export function isBuildFailure(v: Evaluator | Failure): v is Failure {
  return typeof v !== 'function';
}
