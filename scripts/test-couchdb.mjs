#!/usr/bin/env node
// npm run test:couchdb: the team tests that never kill their server, run against a real
// Apache CouchDB 3 instead of the embedded one. Not part of `npm test` (CouchDB cannot be
// installed on every machine). Each run makes its own databases and users and removes them.
import { spawnSync } from 'node:child_process';
import { requireNode } from './node-version.mjs';

requireNode('npm run test:couchdb');

const url = process.env.SPANMARK_COUCHDB_URL;
if (!url) {
  console.error(
    'test:couchdb needs a CouchDB 3 server and its admin:\n' +
      '  SPANMARK_COUCHDB_URL=http://admin:pw@127.0.0.1:5984 npm run test:couchdb\n' +
      '(https:// for any other host; e.g. docker run -p 5984:5984 -e COUCHDB_USER=admin -e COUCHDB_PASSWORD=pw couchdb:3,\n' +
      'then create _users once: curl -X PUT http://admin:pw@127.0.0.1:5984/_users)',
  );
  process.exit(2);
}

const files = ['main/services/sync/team.test.ts', 'main/services/sync/app-team.test.ts', 'main/cli/team-cli.test.ts'];
// one file at a time: each adds users to a shared server, and the others would create databases for them
const r = spawnSync('npx', ['vitest', 'run', '--no-file-parallelism', ...files], { stdio: 'inherit', env: process.env });
process.exit(r.status ?? 1);
