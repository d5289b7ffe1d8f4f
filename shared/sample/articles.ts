/**
 * The built-in sample corpus: four original, fictional reports of one event
 * (a missile strike on a training ground near the invented town of Korvany),
 * from outlets that credit different casualty figures to different actors.
 * Written for Spanmark; no real outlet, person or event is described.
 */

export interface SampleSpan {
  label: string;
  /** exact quote; `nth` picks among repeated quotes (0-based) */
  quote: string;
  nth?: number;
}

export interface SampleArticle {
  id: string;
  title: string;
  outlet: string;
  url: string;
  text: string;
  status: 'todo' | 'in_progress' | 'done';
  spans: SampleSpan[];
  /** [type, from span index, to span index] */
  relations: [string, number, number][];
}

export const SAMPLE_ARTICLES: SampleArticle[] = [
  {
    id: 'sample-meridian',
    title: 'Strike hits training ground near Korvany',
    outlet: 'Meridian Post',
    url: 'https://example.org/meridian/korvany-strike',
    status: 'done',
    text: [
      'KORVANY, 14 March — A missile strike hit a military training ground outside the river town of Korvany before dawn on Thursday.',
      '',
      'The Valdaran Defence Ministry said in a statement that the strike killed 62 servicemen and wounded 40 others, calling it "a cowardly attack on recruits".',
      '',
      'Residents described three loud explosions shortly after 5 a.m. 🚀 Smoke could still be seen above the pine forest at noon, according to a farmer who lives two kilometres away.',
      '',
      'Valdara\'s opposition said the ministry was hiding the true toll. Independent verification was not possible.',
    ].join('\n'),
    spans: [
      { label: 'actor', quote: 'The Valdaran Defence Ministry' },
      { label: 'attribution', quote: 'said in a statement' },
      { label: 'claim', quote: 'the strike killed 62 servicemen and wounded 40 others' },
      { label: 'figure', quote: '62 servicemen' },
      { label: 'figure', quote: '40 others' },
      { label: 'actor', quote: 'Valdara\'s opposition' },
      { label: 'attribution', quote: 'said', nth: 1 },
      { label: 'claim', quote: 'the ministry was hiding the true toll' },
    ],
    relations: [
      ['source', 1, 0],
      ['content', 1, 2],
      ['source', 6, 5],
      ['content', 6, 7],
    ],
  },
  {
    id: 'sample-eastbridge',
    title: 'Monitors put Korvany death toll above 60',
    outlet: 'Eastbridge Herald',
    url: 'https://example.org/eastbridge/korvany-toll',
    status: 'in_progress',
    text: [
      'More than 60 soldiers died in Thursday\'s strike on the Korvany range, according to the Northern Rights Observatory, a monitoring group based abroad.',
      '',
      'The group told the Eastbridge Herald that at least 25 of the dead were conscripts in their first month of service. It did not say how it had counted them.',
      '',
      'A spokesman for the Ostrian army, Col. Teodor Rusk, claimed that "up to 83 enemy personnel" had been eliminated, a figure no other source has confirmed.',
    ].join('\n'),
    spans: [
      { label: 'claim', quote: 'More than 60 soldiers died in Thursday\'s strike on the Korvany range' },
      { label: 'figure', quote: 'More than 60 soldiers' },
      { label: 'attribution', quote: 'according to' },
      { label: 'actor', quote: 'the Northern Rights Observatory' },
      { label: 'actor', quote: 'Col. Teodor Rusk' },
      { label: 'attribution', quote: 'claimed' },
      { label: 'claim', quote: '"up to 83 enemy personnel" had been eliminated' },
      { label: 'figure', quote: 'up to 83 enemy personnel' },
    ],
    relations: [
      ['source', 2, 3],
      ['content', 2, 0],
      ['source', 5, 4],
      ['content', 5, 6],
    ],
  },
  {
    id: 'sample-vsa',
    title: 'Governor: 80 killed in Korvany attack, mourning declared',
    outlet: 'Valdaran State Agency',
    url: 'https://example.org/vsa/korvany-mourning',
    status: 'todo',
    text: [
      'The governor of the Lesna region, Marta Volkova, told reporters on Friday that 80 people were killed in the strike near Korvany, most of them servicemen.',
      '',
      'Three days of mourning were declared. Volkova said 35 of the wounded remained in the regional hospital, where doctors worked through the night.',
      '',
      'Местные жители принесли цветы к воротам полигона. (Local residents laid flowers at the gates of the range.)',
    ].join('\n'),
    spans: [],
    relations: [],
  },
  {
    id: 'sample-coastline',
    title: 'Hospital staff describe chaotic night after Korvany strike',
    outlet: 'Coastline Radio',
    url: 'https://example.org/coastline/korvany-hospital',
    status: 'todo',
    text: [
      'Doctors at Lesna Regional Hospital received dozens of injured soldiers within hours of the strike, a senior nurse told Coastline Radio.',
      '',
      '"We ran out of beds before sunrise," she said, asking not to be named. She estimated that about 70 men were brought in, some already dead.',
      '',
      'The Defence Ministry has not updated its figure of 62 dead since Thursday. A ministry official, speaking on condition of anonymity, said the final count "could be higher".',
    ].join('\n'),
    spans: [],
    relations: [],
  },
];

export const SAMPLE_GUIDELINES = `# Spanmark sample guidelines

Label **who said what, and which figures they gave**.

- **claim** — the statement itself, as reported. Include the figure inside it.
- **actor** — who speaks or acts: a ministry, a named person, a group.
- **figure** — the number with what it counts: "62 servicemen", "more than 60".
- **attribution** — the cue that credits the claim: "said", "according to", "told reporters".

Link each attribution to its **source** (the actor) and its **content** (the claim).
`;
