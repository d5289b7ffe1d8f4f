import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusJsonSchema } from './json-schema';
import { SCHEMA_VERSION } from './schema';

describe('committed JSON Schema', () => {
  it('matches the zod schema (run `npm run schema` after changing the model)', () => {
    const committed = readFileSync(new URL('./corpus.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(corpusJsonSchema());
  });

  it('describes offsets and the schema version', () => {
    const schema = JSON.parse(corpusJsonSchema());
    expect(schema.properties.schemaVersion.const).toBe(SCHEMA_VERSION);
    expect(schema.required).toContain('documents');
  });
});
