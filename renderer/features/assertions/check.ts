// Asks main to check assertions against a history entry (a send, or a run that has ended) and
// keeps the answer in the store under the entry's id, where the response panel and the run
// report find it.
import type { Assertion } from '../../../electron/contract';
import { call } from '../../api';
import type { Action } from '../../store/state';

export async function checkAssertions(
  dispatch: (action: Action) => void,
  historyId: string,
  assertions: Assertion[],
): Promise<void> {
  if (assertions.length === 0) return;
  dispatch({ type: 'assertionsChecked', historyId, check: { state: 'checking' } });
  const result = await call('checkAssertions', { historyId, assertions });
  dispatch({
    type: 'assertionsChecked',
    historyId,
    check: result.ok ? { state: 'done', results: result.value.results } : { state: 'failed', error: result.error },
  });
}
