// ESLint (flat config): typed rules for all TypeScript, hooks and accessibility rules for the
// renderer, and the process boundaries as import rules, so an editor flags a wrong import as it is
// typed (tests/unit/architecture.test.ts also checks the built preload, which no linter sees).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Only the two thin shell files may touch Electron itself (its binary cannot run under Node). */
const SHELL_FILES = ['electron/main.ts', 'electron/preload.ts'];

const noElectron = {
  name: 'electron',
  message: 'Only electron/main.ts and electron/preload.ts import electron; pass what you need in through wire.ts.',
};

/** Raw IPC outside the shell would bypass the contract's validation and the sender check. */
const noRawIpc = {
  selector: 'Identifier[name=/^ipc(Main|Renderer)$/]',
  message: 'IPC goes through the contract: main.ts registers the handler table, preload.ts exposes it.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-electron/',
      'dist-dev/',
      'release/',
      'test-results/',
      '.preview-data/',
      '.dev-data/',
      'node_modules/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // tsc reports these already (noUnusedLocals, noUnusedParameters); two reports of one thing is noise.
      '@typescript-eslint/no-unused-vars': 'off',
      // `void promise` is how the code says "fire and forget, errors handled inside" (ignoreVoid is
      // the default; spelled out because the idiom depends on it).
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      // `async` without `await` is how a function meets a Promise-returning interface (a cipher's
      // available(), a dialog stub) so that a throw becomes a rejection; the rule would forbid that.
      '@typescript-eslint/require-await': 'off',
      // Services are plain objects made by factory functions; their methods close over state and
      // never use `this`, so passing `history.compact` along is safe, and the rule cannot see that.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Tests read JSON the code under test wrote and check its shape with expect(); typing every
    // JSON.parse would add nothing the assertion does not already check.
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest'], jsxA11y.flatConfigs.recommended],
    rules: {
      // These two only say where the React Compiler would skip a component; the app does not use it.
      'react-hooks/incompatible-library': 'off',
      'react-hooks/preserve-manual-memoization': 'off',
      // A scrollable code block takes focus so keyboard users can scroll it (axe's
      // scrollable-region-focusable); it is a named region, which the rule's default list lacks.
      'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: [], roles: ['tabpanel', 'region'] }],
      // autoFocus only picks which control of a dialog (or of a field the user just asked for) takes
      // focus, as the WAI-ARIA dialog pattern asks; nothing takes focus by itself on page load.
      'jsx-a11y/no-autofocus': 'off',
      // A container's onKeyDown catches keys bubbling from the controls inside it (Ctrl+Enter sends,
      // Escape closes a menu); the container itself never takes focus, so keyDown is left out here.
      'jsx-a11y/no-static-element-interactions': [
        'error',
        { handlers: ['onClick', 'onMouseDown', 'onMouseUp', 'onKeyPress', 'onKeyUp'] },
      ],
      'jsx-a11y/no-noninteractive-element-interactions': [
        'error',
        { handlers: ['onClick', 'onMouseDown', 'onMouseUp', 'onKeyPress', 'onKeyUp'] },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              regex: '^(\\.\\./)+electron/(?!contract$|shared/)',
              message:
                'The renderer reaches main only through window.composer: import types from electron/contract and pure code from electron/shared.',
            },
            {
              regex: '^(\\.\\./)+electron/contract$',
              allowTypeImports: true,
              message:
                'Import only types from the contract (`import type`): its schemas belong to main and the bundle.',
            },
            { regex: '^node:', message: 'The renderer runs in a sandboxed page without Node.' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', noRawIpc],
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              regex: '^\\.\\./(?!contract$)',
              message: 'electron/shared is pure code both sides use: it imports nothing of main.',
            },
            {
              regex: '^\\.\\./contract$',
              allowTypeImports: true,
              message: "electron/shared may use the contract's types only (`import type`).",
            },
            { regex: '^node:', message: 'electron/shared also runs in the renderer, which has no Node.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: [...SHELL_FILES, 'electron/shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [noElectron] }],
      'no-restricted-syntax': ['error', noRawIpc],
    },
  },
  // Last: turns off the stylistic rules Prettier owns.
  prettier,
);
