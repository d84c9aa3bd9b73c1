import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Raw-HTML sinks forbidden in src/ (security: user text must never be parsed as HTML); tested in tests/lint. */
export const RAW_HTML_SINKS = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'dangerouslySetInnerHTML is forbidden: render text as React children.',
  },
  {
    selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
    message: 'innerHTML/outerHTML are forbidden: use textContent or React.',
  },
  {
    selector: 'CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment)$/]',
    message: 'HTML-parsing DOM calls are forbidden: build nodes with React or textContent.',
  },
  {
    selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]",
    message: 'document.write is forbidden: build nodes with React or textContent.',
  },
  {
    selector: "NewExpression[callee.name='DOMParser']",
    message: 'DOMParser is forbidden in src/: nothing the user supplies is parsed as markup.',
  },
];

/** src/ folders as layers. src/main.tsx, the page's entry, wires the page's layers together and is in none. */
const LAYERS = ['ui', 'store', 'client', 'worker', 'sw', 'shared', 'model'];

/**
 * Which layers each layer may import (itself included). The page runs ui -> store -> client -> shared -> model,
 * each importing only those below it; the model worker runs worker -> shared -> model; the service worker sees
 * only shared; model is pure and imports only model; shared is what the runtimes share and takes only types from
 * model, so it never drags model code into a bundle that does not need it.
 */
export const LAYER_IMPORTS = {
  ui: ['ui', 'store', 'client', 'shared', 'model'],
  store: ['store', 'client', 'shared', 'model'],
  client: ['client', 'shared', 'model'],
  worker: ['worker', 'shared', 'model'],
  sw: ['sw', 'shared'],
  shared: ['shared'],
  model: ['model'],
};

const LAYER_SETTINGS = {
  'boundaries/elements': LAYERS.map((type) => ({ type, pattern: `src/${type}/**`, partialMatch: false })),
  'boundaries/dependency-nodes': ['import', 'dynamic-import', 'export'],
  'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
};

const LAYER_POLICIES = [
  ...LAYERS.map((type) => ({
    from: { element: { type } },
    allow: { to: { element: { types: { anyOf: LAYER_IMPORTS[type] } } } },
  })),
  {
    from: { element: { type: 'shared' } },
    allow: { to: { element: { type: 'model' } }, dependency: { kind: 'type' } },
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      '.models',
      'public/models',
      'coverage',
      'test-results',
      'playwright-report',
      '**/.cache',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['src/**/*.tsx'], ...reactHooks.configs.flat['recommended-latest'] },
  { files: ['tools/models/browser/*.js', 'bench/page/*.js'], languageOptions: { globals: globals.browser } },
  {
    // User text (labels, file names, links) must reach the page as text only: no raw-HTML sinks anywhere in src.
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', ...RAW_HTML_SINKS] },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Promises are awaited, returned, or visibly let go with `void`; an async function is never handed to
    // something that ignores its promise (an event handler, a forEach). Typed: each file gets the types of the
    // tsconfig (app, worker or node) that includes it.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // The layer order, tested in tests/lint/layers.test.ts.
    // Tests are left out: a test may reach across layers to check how they fit together.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.ts'],
    plugins: { boundaries },
    settings: LAYER_SETTINGS,
    rules: { 'boundaries/dependencies': ['error', { default: 'disallow', policies: LAYER_POLICIES }] },
  },
);
