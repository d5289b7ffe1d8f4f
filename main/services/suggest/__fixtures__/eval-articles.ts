/**
 * The suggesters' evaluation set: six original, fictional news reports
 * written for Spanmark (no real outlet, person or event), annotated by hand
 * with inline markup before any suggester was tuned. `tuning` articles were
 * looked at while writing the suggesters; `heldout` ones were not, and their
 * scores are the ones the README reports as held-out.
 *
 * Markup: `[label text]` or `[label#id text]`, nestable; `cue` stands for the
 * default schema's `attribution`. `triples` link a cue to its actor (source)
 * and claim (content); either may be null.
 *
 * Guidelines used: actor = every named person, organisation or state, and
 * every speaker of a cue (pronouns and descriptions included, with their
 * determiner); figure = every cardinal quantity with its qualifier and what it
 * counts, never dates, years, ages, times or ids; cue = the reporting verb or
 * phrase ("said", "told reporters", "said in a statement", "according to");
 * claim = the reported content (without "that" and without quote marks).
 */

export interface EvalArticle {
  id: string;
  split: 'tuning' | 'heldout';
  title: string;
  outlet: string;
  marked: string;
  triples: [cue: string, actor: string | null, claim: string | null][];
}

export const EVAL_ARTICLES: EvalArticle[] = [
  {
    id: 'eval-flood',
    split: 'tuning',
    title: 'Floods sweep Marrow Valley after three days of rain',
    outlet: 'Northfield Courier',
    marked: [
      'ODRAN, 3 May — [figure At least 14 people] have died in floods that swept through the Marrow Valley overnight, [actor#a1 the regional emergency service] [cue#q1 said on Sunday].',
      '',
      '[actor#a2 Ines Halvorsen], the governor of the province, [cue#q2 told reporters] that [claim#c2 [figure about 3,000 residents] had been moved to schools and sports halls]. [claim#c3 [figure Nine villages] remained cut off], [cue#q3 according to] [actor#a3 the Red Lantern Society], which runs [figure two shelters] in Odran.',
      '',
      '"[claim#c4 We have never seen the river rise this fast]," [actor#a4 Petra Alm], a farmer whose house stands near the old bridge, [cue#q4 said]. [actor#a5 She] [cue#q5 estimated] that [claim#c5 [figure more than 200 head of cattle] had drowned in her village alone].',
      '',
      '[actor#a6 The Ministry of Agriculture] [cue#q6 said in a statement] that [claim#c6 [figure up to 40,000 hectares] of farmland were under water]. Forecasters expect rain to ease after 6 p.m. on Monday.',
    ].join('\n'),
    triples: [
      ['q1', 'a1', null],
      ['q2', 'a2', 'c2'],
      ['q3', 'a3', 'c3'],
      ['q4', 'a4', 'c4'],
      ['q5', 'a5', 'c5'],
      ['q6', 'a6', 'c6'],
    ],
  },
  {
    id: 'eval-dockers',
    split: 'tuning',
    title: 'Dock strike halts half of Halden port',
    outlet: 'Harbour Ledger',
    marked: [
      'HALDEN — [claim#c1 [figure Some 1,800 dock workers] walked off the job on Tuesday], [cue#q1 according to] [actor#a1 the United Port Workers union], halting loading at [figure six of the port\'s 11 terminals].',
      '',
      '[actor#a2 Halden Terminals], which operates the port, [cue#q2 disputed] [actor#a7 the union]\'s count. [actor#a3 A company spokeswoman] [cue#q3 told the Harbour Ledger] that [claim#c3 "[figure fewer than 900 employees]" had failed to report for their shifts].',
      '',
      '[actor#a4 Union leader Marek Sollen], 52, [cue#q4 said] [claim#c4 pay had fallen behind prices for [figure three years]]. [actor#a5 He] [cue#q5 warned] that [claim#c5 the strike could last "[figure several weeks]"].',
      '',
      '[figure Dozens of container ships] were waiting off the coast on Wednesday, and [figure more than 4,000 trucks] were queued on the ring road, [cue#q6 citing] [actor#a6 the city traffic office]. Terminal 4 and Gate 12 stayed closed.',
    ].join('\n'),
    triples: [
      ['q1', 'a1', 'c1'],
      ['q2', 'a2', null],
      ['q3', 'a3', 'c3'],
      ['q4', 'a4', 'c4'],
      ['q5', 'a5', 'c5'],
      ['q6', 'a6', null],
    ],
  },
  {
    id: 'eval-border',
    split: 'tuning',
    title: 'Ostria and Pelvania trade blame over border clash',
    outlet: 'Eastbridge Herald',
    marked: [
      '[actor#a1 Ostria] [cue#q1 accused] [actor#a8 Pelvania] of shelling [figure two border posts] on Friday, in the worst fighting along the frontier since 2019.',
      '',
      '[actor#a2 The Ostrian Defence Ministry] [cue#q2 said] [claim#c2 [figure five soldiers] were killed and [figure 11 wounded]]. [actor#a3 Pelvania\'s foreign minister, Aurel Dascu], [cue#q3 denied] that [claim#c3 his troops had fired first] and [cue#q4 claimed] that [claim#c4 [figure up to 30 Ostrian troops] had crossed the line].',
      '',
      '[claim#c5 [figure Around 600 civilians] fled the village of Strem], [actor#a5 local officials] [cue#q5 said]. [actor#a6 The Border Monitoring Mission], an observer group of [figure 40 unarmed monitors], [cue#q6 reported] [claim#c6 [figure dozens of explosions] near Strem between 2 a.m. and dawn].',
      '',
      '"[claim#c7 Both sides must stop now]," [actor#a7 the mission\'s head, Lena Varga], [cue#q7 wrote] on social media.',
    ].join('\n'),
    triples: [
      ['q1', 'a1', null],
      ['q2', 'a2', 'c2'],
      ['q3', 'a3', 'c3'],
      ['q4', 'a3', 'c4'],
      ['q5', 'a5', 'c5'],
      ['q6', 'a6', 'c6'],
      ['q7', 'a7', 'c7'],
    ],
  },
  {
    id: 'eval-school',
    split: 'heldout',
    title: 'Dozens of pupils ill after school lunch in Varnholm',
    outlet: 'Varnholm Daily',
    marked: [
      '[claim#c1 [figure More than 70 pupils] fell ill after a school lunch in Varnholm on Thursday], [actor#a1 the city health department] [cue#q1 said].',
      '',
      '[actor#a2 Dr Silke Amundsen], who heads the paediatric ward at St Ansgar Hospital, [cue#q2 told the Varnholm Daily] that [claim#c2 [figure 23 children] were still being treated] and that [claim#c3 [figure four of them] were in serious condition].',
      '',
      '[actor#a3 The catering firm Norra Meals] [cue#q3 said in a statement] that [claim#c4 its kitchens had passed an inspection in March]. [actor#a4 A group of parents] [cue#q4 said] [claim#c5 the firm had been warned twice last year about storing chicken].',
      '',
      '[claim#c6 Samples from [figure 12 dishes] were sent to the national laboratory], [cue#q5 according to] [actor#a5 Mayor Tomas Berg]. [actor#a6 He] [cue#q6 added] that [claim#c7 results were expected within [figure 48 hours]]. The school, which has [figure 640 places], will reopen at 8 a.m. on Monday.',
    ].join('\n'),
    triples: [
      ['q1', 'a1', 'c1'],
      ['q2', 'a2', 'c2'],
      ['q3', 'a3', 'c4'],
      ['q4', 'a4', 'c5'],
      ['q5', 'a5', 'c6'],
      ['q6', 'a6', 'c7'],
    ],
  },
  {
    id: 'eval-protest',
    split: 'heldout',
    title: 'Police and organisers far apart on size of Lindau march',
    outlet: 'Meridian Post',
    marked: [
      '[claim#c1 [figure Tens of thousands of people] marched through central Lindau on Saturday against the new media law], [actor#a1 organisers] [cue#q1 said], putting the crowd at [figure 120,000].',
      '',
      '[actor#a2 Police] [cue#q2 gave] a much lower figure of [figure 18,000 marchers] and [cue#q3 said] [claim#c3 [figure 37 people] had been detained for throwing bottles]. [actor#a3 The interior ministry] later [cue#q4 confirmed] [claim#c4 [figure 29 arrests]].',
      '',
      '"[claim#c5 This law lets the government close any newspaper it dislikes]," [cue#q5 said] [actor#a5 Oskar Teller], 61, who travelled [figure 300 kilometres] from the port city of Sarnow to take part.',
      '',
      '[actor#a6 The Free Press Alliance], which represents [figure about 90 outlets], [cue#q6 said] that [claim#c6 [figure at least five journalists] had been hurt]. [actor#a7 Prime Minister Irena Koll] [cue#q7 insisted] [claim#c7 the law would protect readers from false reports].',
    ].join('\n'),
    triples: [
      ['q1', 'a1', 'c1'],
      ['q2', 'a2', null],
      ['q3', 'a2', 'c3'],
      ['q4', 'a3', 'c4'],
      ['q5', 'a5', 'c5'],
      ['q6', 'a6', 'c6'],
      ['q7', 'a7', 'c7'],
    ],
  },
  {
    id: 'eval-crossing',
    split: 'heldout',
    title: 'Aid agency and government differ on arrivals at Kesh crossing',
    outlet: 'Coastline Radio',
    marked: [
      '[claim#c1 [figure Nearly 9,500 people] crossed into Tarvia at the Kesh checkpoint last week], [cue#q1 according to] [actor#a1 the World Relief Office], which [cue#q2 said] [claim#c2 [figure two in three] were women and children].',
      '',
      '[actor#a2 The Tarvian government] [cue#q3 put] the number at [figure between 5,000 and 6,000]. [actor#a3 Interior Minister Dalia Resh] [cue#q4 told Coastline Radio] that [claim#c4 the agency was "counting the same families twice"].',
      '',
      '[actor#a4 An aid worker at the crossing], who asked not to be named, [cue#q6 said] [claim#c6 [figure hundreds of families] were sleeping in the open]. [claim#c7 Tents for [figure up to 2,000 people] arrived on Monday], [actor#a5 she] [cue#q7 said].',
      '',
      '[actor#a6 The Relief Office] [cue#q8 said] that [claim#c8 it needed [figure $4.5 million] to keep the camp running until the end of the year]. Flight TA 208 carrying supplies was due at 11:30.',
    ].join('\n'),
    triples: [
      ['q1', 'a1', 'c1'],
      ['q2', 'a1', 'c2'],
      ['q3', 'a2', null],
      ['q4', 'a3', 'c4'],
      ['q6', 'a4', 'c6'],
      ['q7', 'a5', 'c7'],
      ['q8', 'a6', 'c8'],
    ],
  },
];
