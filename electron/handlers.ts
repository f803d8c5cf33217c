// The handler table: operation → validated input → its domain's implementation → Result. It
// imports no Electron: main.ts registers it with ipcMain.handle, the test harness serves the very
// same table to Chromium. Results cross the boundary as data, redacted; nothing here throws to the
// caller. The operations live with their domain: adding one touches the contract, the names list
// and that domain's file.
import {
  OPERATION_NAMES,
  operations,
  type AppError,
  type Implementations,
  type OperationName,
  type OperationOutput,
  type Result,
} from './contract';
import { appHandlers } from './app/handlers';
import { assertionHandlers } from './assertions/handlers';
import { codegenHandlers } from './codegen/handlers';
import type { HandlerDeps } from './handler-deps';
import { environmentHandlers } from './environments/handlers';
import { decodeHandlers } from './decode/handlers';
import { filterHandlers } from './filter/handlers';
import { historyHandlers } from './history/handlers';
import { profileHandlers } from './profiles/handlers';
import { appError, fieldError, invalidInput, toAppError as serviceAppError } from './app-error';
import { createRunHandlers } from './runs/handlers';
import { savedHandlers } from './saved/handlers';
import { createSendHandlers } from './send/handlers';
import { compileQuickParse } from './fast-parse';
import { RecordProblems } from './send/prepare';
import { createStreamHandlers } from './streams/handlers';
import { capabilityHandlers } from './kinesis/capability-handlers';
import { templateHandlers } from './templates/handlers';

export type HandlerTable = { [K in OperationName]: (input: unknown) => Promise<Result<OperationOutput<K>>> };

export interface Handlers {
  table: HandlerTable;
  /**
   * For quitting: refuses new sends, cancels those in flight and resolves once each has answered
   * and queued its history entry, so clients, history and sandbox can then be closed under none.
   */
  stopSending(): Promise<void>;
  /** For quitting: stops every tail and resolves once none reads any more. */
  stopTails(): Promise<void>;
  /** For quitting: cancels every load run and resolves once each has its history entry. */
  stopRuns(): Promise<void>;
}

export function createHandlers(given: HandlerDeps): Handlers {
  const { redactor } = given;
  // Events leave main here, whoever emits them (tails, runs).
  const deps: HandlerDeps = { ...given, emit: (event, payload) => given.emit(event, redactor.deep(payload)) };
  const send = createSendHandlers(deps);
  const streams = createStreamHandlers(deps);
  const runs = createRunHandlers(deps);

  // Typed against every operation: one without an implementation does not compile.
  const impl: Implementations<OperationName> = {
    ...appHandlers(deps),
    ...profileHandlers(deps),
    ...send.handlers,
    ...historyHandlers(deps, runs.sweepResults),
    ...streams.handlers,
    ...codegenHandlers(deps),
    ...templateHandlers,
    ...runs.handlers,
    ...savedHandlers(deps),
    ...assertionHandlers(deps, runs.remake),
    ...environmentHandlers(deps),
    ...decodeHandlers(deps),
    ...filterHandlers(deps),
    ...capabilityHandlers(deps),
  };

  const table = {} as Record<OperationName, (input: unknown) => Promise<Result<unknown>>>;
  for (const op of OPERATION_NAMES) {
    const schema = operations[op].input;
    const quick = compileQuickParse(schema);
    table[op] = async (input: unknown) => {
      const given = input ?? {};
      let data = quick?.(given);
      if (!data) {
        const parsed = schema.safeParse(given);
        if (!parsed.success) return fail(invalidInput(op, input, parsed.error.issues));
        data = { value: parsed.data };
      }
      try {
        // The cast is sound: `data` came from this very operation's schema.
        return redactor.deep({ ok: true, value: await (impl[op] as (i: unknown) => unknown)(data.value) });
      } catch (e) {
        return fail(redactor.deep(toAppError(e)));
      }
    };
  }
  return {
    table: table as HandlerTable,
    stopSending: send.stopSending,
    stopTails: streams.stopTails,
    stopRuns: runs.stopRuns,
  };
}

function fail(error: AppError): Result<never> {
  return { ok: false, error };
}

function toAppError(e: unknown): AppError {
  if (e instanceof RecordProblems) {
    return appError(
      'recordProblem',
      { detail: e.problems.map((p) => p.message).join('\n') },
      e.problems.map((p) => fieldError(p.field, 'recordProblem', { detail: p.message })),
    );
  }
  return serviceAppError(e);
}
