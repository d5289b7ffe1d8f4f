/**
 * The team database's design document. CouchDB (and the embedded server)
 * run `validate_doc_update` on every write, replication included, so the
 * one-writer-per-document rule holds even against a hand-made HTTP request.
 * Written in ES5: CouchDB's JavaScript engine is old.
 */

export const DESIGN_ID = '_design/spanmark';

const validate = `function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  if (roles.indexOf('_admin') !== -1) return;
  var id = newDoc._id;
  var parts = id.split(':');
  if (parts[0] === 'copy' || parts[0] === 'conflict') {
    if (parts.length < 3 || parts[1] !== userCtx.name) {
      throw({ forbidden: 'Only ' + parts[1] + ' may write ' + id + '.' });
    }
    if (newDoc._deleted) return;
    if (newDoc.annotator !== userCtx.name) throw({ forbidden: id + ': "annotator" must be ' + userCtx.name + '.' });
    if (typeof newDoc.document !== 'object' || newDoc.document === null || typeof newDoc.document.text !== 'string') {
      throw({ forbidden: id + ': a copy must hold a document with its text.' });
    }
    return;
  }
  if (parts[0] === 'lead' || parts[0] === 'gold') {
    if (roles.indexOf('lead') === -1) throw({ forbidden: 'Only a lead may write ' + id + '.' });
    return;
  }
  throw({ forbidden: 'Not a Spanmark document id: ' + id + '.' });
}`;

/** What an annotator pulls: the lead's documents and gold, and their own copies (from their other machines). */
const annotatorFilter = `function (doc, req) {
  var me = req.query.annotator;
  var id = doc._id;
  return id.indexOf('lead:') === 0 || id.indexOf('gold:') === 0 ||
    id.indexOf('copy:' + me + ':') === 0 || id.indexOf('conflict:' + me + ':') === 0;
}`;

/** What a lead pulls: everything but design documents (which only a server admin writes). */
const leadFilter = `function (doc, req) { return doc._id.indexOf('_design/') !== 0; }`;

export const designDoc = {
  _id: DESIGN_ID,
  language: 'javascript',
  validate_doc_update: validate,
  filters: { annotator: annotatorFilter, lead: leadFilter },
};

export const FILTERS = { annotator: 'spanmark/annotator', lead: 'spanmark/lead' } as const;

/** Members may read and write (validation decides what); only server admins change the design or security. */
export function securityObject(): { admins: { names: string[]; roles: string[] }; members: { names: string[]; roles: string[] } } {
  return { admins: { names: [], roles: [] }, members: { names: [], roles: ['annotator', 'lead'] } };
}
