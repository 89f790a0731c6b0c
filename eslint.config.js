// One flat config for the whole monorepo. Package boundaries are lint rules, not conventions.
import js from '@eslint/js';
import checkFile from 'eslint-plugin-check-file';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const crossPackage = {
  group: ['**/core/src/**', '**/cli/src/**', '**/extension/src/**', '@kuberik/core/src/**'],
  message: 'Import other packages through their exports (@kuberik/core, @kuberik/core/kube, …).',
};

// @kuberik/core/testing (and any package's own testing/ or test-support/ folder) is for tests.
const testOnly = {
  group: ['@kuberik/core/testing', '**/testing', '**/testing/**', '**/test-support/**'],
  message: 'Test builders stay out of shipped code; a builder the product needs lives in core proper.',
};
const uiDirect = {
  group: ['@kubernetes/client-node'],
  message: 'UIs go through @kuberik/core (kube, driver, actions).',
};
const testFiles = ['**/*.test.{ts,tsx}', '**/test-support/**', 'core/src/testing/**', 'cli/src/testing/**'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'cli/oclif.manifest.json',
      'test/artifacts/**',
      '.cache/**',
      'test/e2e/tools/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      // Type-aware rules: promises that nobody awaits are the bugs a driver cannot afford.
      parserOptions: {
        project: ['core/tsconfig.json', 'cli/tsconfig.json', 'extension/tsconfig.json', 'test/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.base.json'] })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      complexity: ['warn', 25],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { patterns: [crossPackage] }],
    },
  },
  {
    // File names (docs/conventions.md): kebab-case, except the CLI's Ink components (PascalCase .tsx)
    // and the extension, which keeps the camelCase of VS Code extensions.
    files: ['core/**/*.ts', 'cli/src/**/*.{ts,tsx}', 'test/**/*.ts', 'bench/**/*.ts'],
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': [
        'error',
        {
          '**/*.ts': 'KEBAB_CASE',
          'cli/src/ui/**/!(*.test).tsx': 'PASCAL_CASE',
          'cli/src/!(ui)/**/*.tsx': 'KEBAB_CASE',
        },
        { ignoreMiddleExtensions: true },
      ],
    },
  },
  {
    files: ['extension/src/**/*.ts'],
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': [
        'error',
        { '**/*.ts': 'CAMEL_CASE' },
        { ignoreMiddleExtensions: true },
      ],
    },
  },
  {
    // Plain JavaScript (configs, bin shims, build scripts) belongs to no TypeScript project.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS: the kubectl-kuberik bins (cli/bin/package.json; a CommonJS start skips Node's ESM
    // loader on the fast paths, docs/cli-startup.md) and .cjs scripts.
    files: ['cli/bin/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The engine is pure: no I/O, no clock, no Kubernetes client.
    files: ['core/src/engine/**/*.ts', 'core/src/model/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            crossPackage,
            {
              group: ['node:*', '@kubernetes/*', '../kube/*', '../driver/*', '../sandbox/*'],
              message: 'engine/ and model/ stay pure.',
            },
            testOnly,
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time is injected (now).' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'The engine never waits; return wakeAt.' },
      ],
    },
  },
  {
    // The rest of core ships too.
    files: ['core/src/**/*.ts'],
    ignores: [...testFiles, 'core/src/engine/**', 'core/src/model/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [crossPackage, testOnly] }] },
  },
  {
    // UIs render and call core's services; they never talk to the API server themselves.
    files: ['cli/src/**/*.{ts,tsx}', 'extension/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [crossPackage, uiDirect] }] },
  },
  {
    files: ['cli/src/**/*.{ts,tsx}', 'extension/src/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [crossPackage, uiDirect, testOnly] }] },
  },
);
