/**
 * Word lists for the built-in suggesters: reporting verbs, words that
 * announce an organisation, titles, months. English only for now; lists
 * are data so another language is another list.
 */

/** Reporting verbs in every form a news report uses; matched on the lower-cased token. */
export const REPORTING_VERBS = new Set(
  (
    'say says said saying tell tells told claim claims claimed deny denies denied add adds added announce announces announced ' +
    'report reports reported estimate estimates estimated warn warns warned insist insists insisted confirm confirms confirmed ' +
    'state states stated write writes wrote allege alleges alleged acknowledge acknowledges acknowledged admit admits admitted ' +
    'accuse accuses accused dispute disputes disputed argue argues argued explain explains explained note notes noted ' +
    'stress stresses stressed maintain maintains maintained reveal reveals revealed declare declares declared assert asserts asserted ' +
    'contend contends contended predict predicts predicted concede concedes conceded tweet tweets tweeted posted testified ' +
    'quoted quotes reiterated reiterate reiterates disclosed adding claiming insisting denying'
  ).split(' '),
);

/** Cues that are not verbs: "according to X", "citing X", "X, quoting Y". */
export const PREPOSITIONAL_CUES: readonly (readonly string[])[] = [['according', 'to'], ['citing'], ['quoting'], ['cited', 'by'], ['as', 'reported', 'by']];

/** Phrases that stay with the verb: "said in a statement", "told reporters". */
export const CUE_TAILS: readonly (readonly string[])[] = [
  ['in', 'a', 'statement'], ['in', 'an', 'interview'], ['in', 'a', 'post'], ['in', 'a', 'briefing'], ['in', 'a', 'report'],
  ['in', 'a', 'press', 'release'], ['at', 'a', 'news', 'conference'], ['at', 'a', 'press', 'conference'], ['at', 'a', 'briefing'],
  ['on', 'social', 'media'], ['on', 'television'], ['on', 'state', 'television'],
];

/** Verbs whose object is the listener, kept inside the cue: "told Reuters", "told the Harbour Ledger". */
export const LISTENER_VERBS = new Set(['told', 'tell', 'tells', 'telling']);

/** Nouns that end an organisation's name: "the United Port Workers union". */
export const ORG_HEADS = new Set(
  (
    'ministry ministries government army police union council party agency office service department group committee commission ' +
    'company firm court parliament authorities authority forces force militia embassy mission observatory society alliance ' +
    'organisation organization association federation board bureau institute centre center hospital university military navy ' +
    'administration cabinet command coalition campaign foundation fund bank network'
  ).split(' '),
);

/** Common nouns that name a speaker well enough to be an actor on their own ("officials said"). */
export const SPEAKER_NOUNS = new Set(
  (
    'official officials spokesman spokeswoman spokesperson minister residents resident witnesses witness organisers organizers ' +
    'police authorities doctors doctor nurse nurses experts analysts activists monitors observers sources source diplomats ' +
    'officers officer commander commanders leaders leader parents teachers workers farmer farmers survivors locals critics'
  ).split(' '),
);

export const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i']);

export const MONTHS = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);

export const WEEKDAYS = new Set('monday tuesday wednesday thursday friday saturday sunday'.split(' '));

/** Words before a number that make it an identifier, not a quantity ("Terminal 4", "Flight 208"). */
export const ID_WORDS = new Set(
  'terminal gate flight route road highway platform room building block unit no number article resolution section chapter page line bus train item case ward bed level'.split(' '),
);

/** Words before a place name: a proper noun after them is a location, not an actor. */
export const PLACE_PREPOSITIONS = new Set(['in', 'at', 'near', 'into', 'through', 'from', 'across', 'outside', 'inside', 'towards', 'toward', 'around', 'to', 'via']);
