// Shapes shared by the template parser, compiler and runtime.
import type { Faker } from '@faker-js/faker';
import type { TemplateLocale } from '../shared/names';
import type { ReasonWithParams } from '../shared/reasons';

export type TemplateMode = 'json' | 'text';
export type { TemplateLocale };

export type TemplateErrorKind =
  | 'unclosed'
  | 'empty'
  | 'syntax'
  | 'literal'
  | 'unknown-function'
  | 'arity'
  | 'argument'
  | 'unknown-faker-module'
  | 'unknown-faker-method'
  | 'faker-call';

/**
 * A compile error. offset is 0-based into the source; line and column are 1-based; length spans the
 * bad text. The reason says what is wrong in any language; `message` is its English, for logs.
 */
export type TemplateError = {
  kind: TemplateErrorKind;
  message: string;
  offset: number;
  length: number;
  line: number;
  column: number;
} & ReasonWithParams;

/**
 * A record that rendered but cannot be sent: invalid JSON in json mode, or a generator that threw.
 * index is 0-based; `message` is the English with the record's number, for logs.
 */
export type RecordError = { index: number; message: string; line?: number; column?: number } & ReasonWithParams;

export type ScalarLiteral = string | number | boolean;
export type LiteralValue = ScalarLiteral | Readonly<Record<string, ScalarLiteral>>;

export type Span = { start: number; end: number };
export type Literal = Span & { value: LiteralValue };
/** `a.b.c` or `a.b.c(args)`; args is null when written without parentheses. */
export type CallNode = Span & { path: Array<Span & { name: string }>; args: Literal[] | null };

export type TemplateRuntime = {
  readonly locale: TemplateLocale;
  readonly faker: Faker;
  /** Uniform in [0, 1), 53 bits. */
  random(): number;
  uuid(): string;
  /** Epoch milliseconds. */
  now(): number;
  /** The record being transformed, in a replay's transform (`{{record.data}}` and the like); set before each render. */
  record?: SourceRecordFields;
};

/** What a replay's transform can read of the source record. */
export type SourceRecordFields = {
  /** The data as UTF-8 text (invalid bytes replaced). */
  data: string;
  key: string;
  sequenceNumber: string;
  shardId: string;
  /** ISO time of arrival; '' when the endpoint gave none. */
  arrival: string;
  /** The data parsed as JSON, once, when a placeholder first asks; undefined when it is not JSON. */
  json(): unknown;
};

/** Produces the value of one placeholder for the record with this 0-based index. */
export type Evaluator = (runtime: TemplateRuntime, index: number) => unknown;

/** Where a compile step failed, before it is turned into a positioned TemplateError. */
export type Failure = { kind: TemplateErrorKind; span: Span } & ReasonWithParams;
