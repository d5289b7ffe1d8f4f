// Writes the JSON Schema of the native corpus format, generated from the zod schema (zod 4's toJSONSchema).
import { writeFileSync } from 'node:fs';
import { corpusJsonSchema } from '../shared/model/json-schema';

writeFileSync(new URL('../shared/model/corpus.schema.json', import.meta.url), corpusJsonSchema());
console.log('wrote shared/model/corpus.schema.json');
