// Setup file of the test/ projects: a test file's temp dirs go when its last hook has run (setup-file
// hooks are registered first, so with vitest's default stack order this afterAll runs last).
import { afterAll } from 'vitest';
import { removeTempDirs } from './tmp.js';

afterAll(removeTempDirs);
