import js from '@eslint/js';
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

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.models', 'public/models', 'coverage', 'test-results', 'playwright-report'] },
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
);
