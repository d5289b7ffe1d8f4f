import type { AnnotationSchema } from './schema';

/** A label's key: its own, or its 1-based position for the first nine. */
export function keyOfLabel(schema: AnnotationSchema, name: string): string | undefined {
  const i = schema.labels.findIndex((l) => l.name === name);
  if (i < 0) return undefined;
  return schema.labels[i]!.key ?? (i < 9 ? String(i + 1) : undefined);
}

export function labelForKey(schema: AnnotationSchema, key: string): string | undefined {
  return schema.labels.find((l) => keyOfLabel(schema, l.name) === key)?.name;
}
