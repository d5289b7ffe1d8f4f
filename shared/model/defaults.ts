import type { AnnotationSchema } from './schema';

export const DEFAULT_SCHEMA: AnnotationSchema = {
  labels: [
    {
      name: 'claim',
      role: 'claim',
      description: 'A statement presented as fact or allegation.',
      color: '#f2c14e',
      key: '1',
      examples: ['the strike killed 62 servicemen'],
    },
    {
      name: 'actor',
      role: 'actor',
      description: 'A person, group, state or organisation that acts or speaks.',
      color: '#5b8def',
      key: '2',
      examples: ['the Defence Ministry', 'a local official'],
    },
    {
      name: 'figure',
      role: 'figure',
      description: 'A number or quantity, such as "62 servicemen" or "more than 60".',
      color: '#e4572e',
      key: '3',
      examples: ['62 servicemen', 'more than 60', 'dozens'],
    },
    {
      name: 'attribution',
      role: 'cue',
      description: 'The cue that credits a statement to a source, such as "told Sputnik" or "according to".',
      color: '#3aa67a',
      key: '4',
      examples: ['according to', 'told reporters', 'said in a statement'],
    },
  ],
  relationTypes: [
    {
      name: 'source',
      role: 'source',
      description: 'Links an attribution cue to the actor credited with the statement.',
      from: ['attribution'],
      to: ['actor'],
      color: '#5b8def',
      key: 's',
    },
    {
      name: 'content',
      role: 'content',
      description: 'Links an attribution cue to the claim it introduces.',
      from: ['attribution'],
      to: ['claim'],
      color: '#f2c14e',
      key: 'c',
    },
  ],
};

/** Colours offered to new labels, readable on light and dark themes. */
export const LABEL_PALETTE = [
  '#f2c14e', '#5b8def', '#e4572e', '#3aa67a', '#a86cc1', '#17becf', '#ff7f0e', '#8c564b', '#e377c2',
] as const;
