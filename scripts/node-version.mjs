#!/usr/bin/env node
// Checked first by `npm test`, `npm start` and `npm run web`: on an older Node they would fail
// minutes later with something like "Map.groupBy is not a function". Plain syntax only, so this
// file itself runs on any Node a newcomer may have.
import { pathToFileURL } from 'node:url';

export const REQUIRED = '22.12.0';

/** What to tell the user when `version` is older than REQUIRED, or null when it will do. */
export function nodeVersionProblem(version, task, execPath) {
  const have = String(version).replace(/^v/, '').split('.').map(Number);
  const need = REQUIRED.split('.').map(Number);
  for (let i = 0; i < need.length; i++) {
    if ((have[i] || 0) > need[i]) return null;
    if ((have[i] || 0) < need[i]) {
      return [
        `Spanmark needs Node ${REQUIRED} or newer; \`${task}\` is running on Node ${version}${execPath ? ` (${execPath})` : ''}.`,
        'Install Node 22 LTS, then run it again:',
        '  with nvm:  nvm install 22 && nvm use 22',
        '  with fnm:  fnm install 22 && fnm use 22',
        '  or download it from https://nodejs.org/',
        'Then `npm install` once more (native modules are built per Node version).',
      ].join('\n');
    }
  }
  return null;
}

/** Stop here with the advice when this Node is too old. */
export function requireNode(task) {
  const problem = nodeVersionProblem(process.versions.node, task, process.execPath);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) requireNode(process.argv[2] || 'this command');
