// Resolves `faker.<module>.<method>(args)` against a whitelist built from the faker instance itself:
// modules are its own enumerable object properties that carry function-typed own methods, so
// prototype members (constructor, __proto__), internals (_randomizer, fakerCore) and data are out.
import type { Faker } from '@faker-js/faker';
import { problemOf, type ReasonWithParams } from '../shared/reasons';
import { BRACES } from './parse';
import { argumentProblem, MAX_RENDERED_CHARS } from './bounds';
import { createFaker } from './runtime';
import { suggestion } from './suggest';
import type { CallNode, Evaluator, Failure, LiteralValue } from './types';

type Catalogue = ReadonlyMap<string, ReadonlySet<string>>;
type Callable = Record<string, Record<string, (...args: LiteralValue[]) => unknown>>;

// helpers.fake resolves its own {{path}} strings against the whole faker object, past this whitelist.
// helpers.mustache turns each key of its data into a regular expression (a key such as "(a+)+$"
// backtracks for seconds per added character) and does nothing a placeholder does not do already.
const UNAVAILABLE = new Set(['helpers.fake', 'helpers.mustache']);

let catalogue: Catalogue | undefined;
let probe: Faker | undefined;

function fakerCatalogue(): Catalogue {
  if (catalogue) return catalogue;
  const reference = createFaker('en') as unknown as Record<string, unknown>;
  const modules = new Map<string, Set<string>>();
  for (const name of Object.keys(reference)) {
    const module = reference[name];
    if (name.startsWith('_') || typeof module !== 'object' || module === null) continue;
    const methods = Object.keys(module).filter(
      (m) =>
        !m.startsWith('_') &&
        !UNAVAILABLE.has(`${name}.${m}`) &&
        typeof (module as Record<string, unknown>)[m] === 'function',
    );
    if (methods.length) modules.set(name, new Set(methods));
  }
  catalogue = modules;
  return modules;
}

export function compileFakerCall(call: CallNode): { ok: true; evaluate: Evaluator } | { ok: false; failure: Failure } {
  const [, module, method, ...rest] = call.path;
  const modules = fakerCatalogue();
  if (!module) {
    return failed('unknown-faker-module', problemOf('fakerNoModule', {}), call.path[0]);
  }
  const methods = modules.get(module.name);
  if (!methods) {
    return failed(
      'unknown-faker-module',
      problemOf('fakerUnknownModule', { module: module.name, help: suggestion(module.name, modules.keys()) }),
      module,
    );
  }
  if (!method) {
    return failed(
      'unknown-faker-method',
      problemOf('fakerNoMethod', {
        module: module.name,
        methods: `${[...methods].slice(0, 8).join(', ')}${methods.size > 8 ? ', …' : ''}`,
      }),
      module,
    );
  }
  if (UNAVAILABLE.has(`${module.name}.${method.name}`)) {
    return failed(
      'unknown-faker-method',
      problemOf('fakerUnavailable', { module: module.name, method: method.name, ...BRACES }),
      method,
    );
  }
  if (!methods.has(method.name)) {
    return failed(
      'unknown-faker-method',
      problemOf('fakerUnknownMethod', {
        module: module.name,
        method: method.name,
        help: suggestion(method.name, methods),
      }),
      method,
    );
  }
  if (rest.length) {
    return failed('syntax', problemOf('fakerNothingAfter', { module: module.name, method: method.name }), {
      start: rest[0].start - 1,
      end: rest[rest.length - 1].end,
    });
  }

  const literals = call.args ?? [];
  const args = literals.map((a) => a.value);
  const tooBig = argumentProblem(module.name, method.name, args);
  if (tooBig) return failed('argument', tooBig.problem, literals[tooBig.arg]);
  const trial = tryCall(module.name, method.name, args);
  if (!trial.ok) {
    return failed(
      'faker-call',
      problemOf('fakerCallFailed', {
        call: `faker.${module.name}.${method.name}(${args.map(show).join(', ')})`,
        why: trial.problem,
      }),
      call,
    );
  }
  const moduleName = module.name;
  const methodName = method.name;
  return {
    ok: true,
    evaluate: (runtime) => (runtime.faker as unknown as Callable)[moduleName][methodName](...args),
  };
}

/** One call on a private instance at compile time, so wrong arguments fail here and not mid-run. */
function tryCall(
  module: string,
  method: string,
  args: LiteralValue[],
): { ok: true } | { ok: false; problem: ReasonWithParams } {
  probe ??= createFaker('en');
  try {
    const value = (probe as unknown as Callable)[module][method](...args);
    if (value === undefined || typeof value === 'function')
      return { ok: false, problem: problemOf('fakerNoValue', {}) };
    const size =
      typeof value === 'string'
        ? value.length
        : typeof value === 'object' && value !== null
          ? (JSON.stringify(value)?.length ?? 0)
          : 0;
    if (size > MAX_RENDERED_CHARS) return { ok: false, problem: problemOf('fakerTooMuch', { size }) };
    return { ok: true };
  } catch (e) {
    // Faker's own English, quoted inside the translated sentence; its closing full stop is the sentence's.
    const detail = (e instanceof Error ? e.message : String(e)).replace(/\.$/, '');
    return { ok: false, problem: problemOf('fakerRefused', { detail }) };
  }
}

const show = (v: LiteralValue) => JSON.stringify(v);

function failed(kind: Failure['kind'], problem: ReasonWithParams, span: { start: number; end: number }) {
  return { ok: false as const, failure: { kind, ...problem, span: { start: span.start, end: span.end } } };
}
