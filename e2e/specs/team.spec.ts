import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { EditorPage } from '../pages/EditorPage';
import { BrowserHost } from '../../scripts/host/browser-host';
import { couchRequest, initDatabase, putUser } from '../../main/services/sync/couch-admin';
import { openTeamCorpus } from '../../main/services/sync/team-link';
import { databaseFor, userDatabaseFor } from '../../main/services/sync/team-names';
import { ADMIN, makeCorpus, startServer, type ServerProcess } from '../../main/services/sync/test-server';

/**
 * A round of a team, end to end: the embedded server as its own process on
 * 127.0.0.1, a lead's app and two annotators' apps (three browser-host
 * instances, each with its own data folder and corpus folder), all through
 * the real UI and the real main-process handlers.
 */

const PW = { lea: 'lea-pw', alice: 'alice-pw', bob: 'bob-pw' };

async function connect(page: Page, server: string, user: string, password: string): Promise<void> {
  await page.getByTestId('team-connect-open').click();
  await page.getByTestId('team-server').fill(server);
  await page.getByTestId('team-user').fill(user);
  await page.getByTestId('team-password').fill(password);
  await page.getByTestId('team-connect-submit').click();
}

async function syncNow(page: Page): Promise<void> {
  const state = page.getByTestId('team-state');
  await state.click();
  await expect(state).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
}

test('a lead assigns, two annotators label in their own apps and sync, the lead’s dashboard shows their work', async ({ app, browserForHost, rendererUrl }, testInfo) => {
  test.skip(app.host !== 'browser', 'the annotators’ apps are extra browser-host instances; on the Electron host this spec has no second window to drive');
  test.setTimeout(240_000);
  const tmp = testInfo.outputPath('team');
  let server: ServerProcess | null = null;
  const annotators: BrowserHost[] = [];
  try {
    server = await startServer(path.join(tmp, 'server'));
    await putUser(server.url, ADMIN, 'lea', PW.lea, 'lead');
    await putUser(server.url, ADMIN, 'alice', PW.alice, 'annotator');
    await putUser(server.url, ADMIN, 'bob', PW.bob, 'annotator');
    const leadDir = path.join(tmp, 'lead');
    const store = await makeCorpus(leadDir, 4, 'Team round');
    const database = databaseFor(store.meta.id);
    await store.close();
    // what `spanmark team init` does: the database, its security object and validation
    await initDatabase(server.url, database, ADMIN);
    const dbUrl = `${server.url}/${database}`;

    // the lead opens the corpus, connects it, and hands the documents out from the dashboard
    const lead = app.page;
    await app.answerFolderDialog(leadDir);
    await lead.getByTestId('open-corpus').click();
    await expect(lead.getByTestId('document-row')).toHaveCount(4);
    await connect(lead, server.url, 'lea', PW.lea);
    await expect(lead.getByTestId('team-state')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
    await lead.getByTestId('view-dashboard').click();
    await lead.getByTestId('team-assign-annotators').fill('alice, bob');
    await lead.getByTestId('team-assign-submit').click();
    await expect(lead.getByTestId('team-assign-result')).toHaveText('Assigned · alice: 2, bob: 2');

    for (const [user, docTitle] of [['alice', 'Document 0'], ['bob', 'Document 1']] as const) {
      // joining: `spanmark sync <folder> --server <database URL>` makes the annotator's corpus from the lead's
      const dir = path.join(tmp, user);
      const joined = await openTeamCorpus(dir, dbUrl, { name: user, password: PW[user] });
      await joined.sync.round();
      await joined.sync.close();
      await joined.store.close();

      const dataDir = await mkdtemp(path.join(os.tmpdir(), `spanmark-e2e-${user}-`));
      await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ sampleImport: 'allow' }));
      const host = new BrowserHost(browserForHost!, dataDir, rendererUrl);
      annotators.push(host);
      await host.start();
      const page = host.page;
      await page.getByTestId('corpus-list').waitFor({ state: 'visible', timeout: 30_000 });
      await host.queueFolder(dir);
      await page.getByTestId('open-corpus').click();
      // each sees only the two documents assigned to them
      await expect(page.getByTestId('document-row')).toHaveCount(2);
      await expect(page.getByTestId('document-row').filter({ hasText: docTitle })).toHaveCount(1);

      // the server refuses a wrong password, and the form says so
      await connect(page, server.url, user, 'not-my-password');
      await expect(page.getByTestId('team-error')).toContainText('wrong user name or password');
      await page.getByTestId('team-password').fill(PW[user]);
      await page.getByTestId('team-connect-submit').click();
      await expect(page.getByTestId('team-state')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });

      await page.getByTestId('document-row').filter({ hasText: docTitle }).click();
      await new EditorPage(page).label('40 people left', '1');
      await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
      await syncNow(page);
      await expect(page.getByTestId('team-state')).toHaveText('Synced');
    }

    // the lead syncs: the dashboard shows each annotator's started document and span
    await syncNow(lead);
    for (const user of ['alice', 'bob']) {
      await expect(lead.locator(`[data-testid="team-progress-row"][data-annotator="${user}"] td`)).toHaveText([user, '2', '1', '0', '1', /\d/], { timeout: 30_000 });
    }

    // bob can neither read nor overwrite alice's copy: her database is closed to him, the team database takes no copies
    const hers = `/${userDatabaseFor(database, 'alice')}`;
    const bobAuth = { name: 'bob', password: PW.bob };
    expect((await couchRequest(server.url, 'GET', `${hers}/copy:alice:d0`, bobAuth)).status).toBe(403);
    const current = await couchRequest<{ _rev: string }>(server.url, 'GET', `${hers}/copy:alice:d0`, ADMIN);
    const forged = { _rev: current.body._rev, annotator: 'bob', document: { id: 'd0', text: 'x', spans: [] } };
    expect((await couchRequest(server.url, 'PUT', `${hers}/copy:alice:d0`, bobAuth, forged)).status).toBe(403);
    const intoTeam = await couchRequest<{ reason: string }>(server.url, 'PUT', `/${database}/copy:alice:d0`, bobAuth, forged);
    expect(intoTeam.status).toBe(403);
    expect(intoTeam.body.reason).toMatch(/own database/);
    await syncNow(lead);
    await expect(lead.locator('[data-testid="team-progress-row"][data-annotator="alice"] td').nth(4)).toHaveText('1');
  } finally {
    for (const host of annotators) {
      await host.stop().catch(() => undefined);
      await rm(host.dataDir, { recursive: true, force: true });
    }
    await server?.stop();
  }
});
