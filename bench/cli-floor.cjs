// The floor under `kubectl kuberik get` (bench/cli.ts): Node starts, reads the kubeconfig's server
// and makes the three LISTs `get` makes (rollouts, health checks, leases) over node:http, in parallel,
// and exits. No parsing of flags or YAML, no formatting: what any Node client would pay.
'use strict';
const http = require('node:http');
const { readFileSync } = require('node:fs');

const server = /server: (\S+)/.exec(readFileSync(process.env.KUBECONFIG, 'utf8'))[1];
const agent = new http.Agent({ keepAlive: true });
const list = (path) =>
  new Promise((resolve, reject) =>
    http
      .get(`${server}${path}`, { agent }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(JSON.parse(body).items.length));
      })
      .on('error', reject),
  );
Promise.all([
  list('/apis/kuberik.com/v1alpha1/namespaces/default/rollouts'),
  list('/apis/kuberik.com/v1alpha1/namespaces/default/healthchecks'),
  list('/apis/coordination.k8s.io/v1/namespaces/default/leases'),
]).then((counts) => {
  process.stdout.write(`${counts.join(' ')}\n`);
  process.exit(0);
});
