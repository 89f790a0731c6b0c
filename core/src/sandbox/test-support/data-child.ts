// A sandbox process for the kill -9 test: `node data-child.js DATA_FILE`, prints its URL, runs until killed.
import { startSandbox } from '../sandbox.js';

const sb = await startSandbox({ dataFile: process.argv[2] as string, dataCompactBytes: 64 * 1024 });
process.stdout.write(`${sb.url}\n`);
