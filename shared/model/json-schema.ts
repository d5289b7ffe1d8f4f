import { z } from 'zod';
import { CorpusSchema } from './schema';

/** The committed JSON Schema for the single-file corpus, derived from the zod schema so the two never drift. */
export function corpusJsonSchema(): string {
  const schema = z.toJSONSchema(CorpusSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, $id: 'https://spanmark.invalid/corpus.schema.json', title: 'Spanmark corpus' }, null, 2)}\n`;
}
