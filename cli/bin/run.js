#!/usr/bin/env node
// kubectl finds this as `kubectl-kuberik` on PATH; oclif reads the manifest and the bundled command map.
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
