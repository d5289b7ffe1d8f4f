/**
 * The design documents of a corpus's databases. CouchDB (and the embedded
 * server) run `validate_doc_update` on every write, replication included,
 * so the one-writer-per-document rule holds even against a hand-made HTTP
 * request. Written in ES5: CouchDB's JavaScript engine is old.
 *
 * Two kinds of database (see team-names.ts): the team database holds what a
 * lead writes and every member reads; each annotator's own database holds
 * their copies, readable by them and by leads only. `_security` decides who
 * reads, validation who writes what.
 */

import { corpusRole } from './team-names';

export const DESIGN_ID = '_design/spanmark';

/** Bumped when the layout changes; `team init` rewrites older design documents and moves what they held. */
export const LAYOUT = 2;

function teamValidate(database: string): string {
  return `function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  if (roles.indexOf('_admin') !== -1) return;
  var id = newDoc._id;
  var kind = id.split(':')[0];
  if (kind === 'lead' || kind === 'gold') {
    if (roles.indexOf('lead') === -1 && roles.indexOf(${JSON.stringify(corpusRole(database, 'lead'))}) === -1) {
      throw({ forbidden: 'Only a lead of this corpus may write ' + id + '.' });
    }
    return;
  }
  if (kind === 'copy' || kind === 'conflict') {
    throw({ forbidden: id + ': copies go to each annotator\\'s own database on this server; update Spanmark.' });
  }
  throw({ forbidden: 'Not a Spanmark document id: ' + id + '.' });
}`;
}

/** What an annotator pulls from the team database: the lead's documents and gold. */
const annotatorFilter = `function (doc, req) {
  var id = doc._id;
  return id.indexOf('lead:') === 0 || id.indexOf('gold:') === 0;
}`;

/** What a lead pulls from it: that, and the list of annotators' databases the server admin keeps. */
const leadFilter = `function (doc, req) {
  var id = doc._id;
  return id.indexOf('lead:') === 0 || id.indexOf('gold:') === 0 || id.indexOf('admin:') === 0;
}`;

/** The team database's design document: validation names the database's own lead role. */
export function designDoc(database: string): Record<string, unknown> {
  return {
    _id: DESIGN_ID,
    language: 'javascript',
    spanmark: { kind: 'team', layout: LAYOUT },
    validate_doc_update: teamValidate(database),
    filters: { annotator: annotatorFilter, lead: leadFilter },
  };
}

/** The design document of `user`'s own database: only they write, and only their copies. */
export function userDesignDoc(user: string): Record<string, unknown> {
  const owner = JSON.stringify(user);
  const validate = `function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  if (roles.indexOf('_admin') !== -1) return;
  var owner = ${owner};
  var id = newDoc._id;
  var parts = id.split(':');
  if (userCtx.name !== owner) throw({ forbidden: 'Only ' + owner + ' may write ' + id + '.' });
  if ((parts[0] !== 'copy' && parts[0] !== 'conflict') || parts.length < 3 || parts[1] !== owner) {
    throw({ forbidden: 'Only ' + owner + '\\'s copies belong here, not ' + id + '.' });
  }
  if (newDoc._deleted) return;
  if (newDoc.annotator !== owner) throw({ forbidden: id + ': "annotator" must be ' + owner + '.' });
  if (typeof newDoc.document !== 'object' || newDoc.document === null || typeof newDoc.document.text !== 'string') {
    throw({ forbidden: id + ': a copy must hold a document with its text.' });
  }
}`;
  return {
    _id: DESIGN_ID,
    language: 'javascript',
    spanmark: { kind: 'annotator', layout: LAYOUT, user },
    validate_doc_update: validate,
    filters: { copies: `function (doc, req) { return doc._id.indexOf('_design/') !== 0; }` },
  };
}

export const FILTERS = { annotator: 'spanmark/annotator', lead: 'spanmark/lead', copies: 'spanmark/copies' } as const;

type Security = { admins: { names: string[]; roles: string[] }; members: { names: string[]; roles: string[] } };

/**
 * Members (annotators and leads of every corpus, or of this one) may read and
 * write, validation decides what; only server admins change the design or security.
 */
export function securityObject(database: string): Security {
  return { admins: { names: [], roles: [] }, members: { names: [], roles: ['annotator', 'lead', corpusRole(database, 'annotator'), corpusRole(database, 'lead')] } };
}

/** An annotator's database: that user and the corpus's leads are its only members, so other annotators cannot read it. */
export function userSecurityObject(user: string, teamDatabase: string): Security {
  return { admins: { names: [], roles: [] }, members: { names: [user], roles: ['lead', corpusRole(teamDatabase, 'lead')] } };
}
