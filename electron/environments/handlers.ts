// The environment operations of the handler table; electron/handlers.ts spreads these into it.
import type { Implementations } from '../contract';
import type { EnvironmentStore } from './store';

export const environmentHandlers = ({
  environments,
}: {
  environments: EnvironmentStore;
}): Implementations<'listEnvironments' | 'saveEnvironment' | 'deleteEnvironment' | 'selectEnvironment'> => ({
  listEnvironments: () => environments.list(),
  saveEnvironment: ({ name, variables, previousName }) => environments.save(name, variables, previousName),
  deleteEnvironment: ({ name }) => environments.remove(name),
  selectEnvironment: ({ name }) => environments.select(name),
});
