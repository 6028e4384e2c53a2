import { z } from 'zod';
import { asPublishedDataSchema } from '../event-data';
import type { JsonSchema } from './asyncapi-document';

/** The extension that marks sealed personal data in the catalogue's schemas: the subject, and every field inside it. */
export const SEALED_MARK = 'x-sealed';
/** Beside a sealed subject: the shape it has once opened with the child's key. */
export const SEALED_CONTENTS = 'x-sealed-contents';

const SEALED_DESCRIPTION =
  "Personal data, sealed with the child's own key (AES-256-GCM: `kid` names the key; `iv`, `ct` and `tag` are base64) " +
  'so that destroying the key erases it from every topic and every replay (ChildErased). Null when the event has none. ' +
  `Only a service holding the key can open it; \`${SEALED_CONTENTS}\` shows what it holds once opened.`;

/** Marks every field of a JSON Schema, at every depth, as sealed personal data. */
const markedSealed = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(markedSealed);
  if (schema === null || typeof schema !== 'object') return schema;
  const marked = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, markedSealed(value)]));
  if ('properties' in schema) {
    marked.properties = Object.fromEntries(
      Object.entries(marked.properties as Record<string, JsonSchema>).map(([name, field]) => [name, { ...field, [SEALED_MARK]: true }]),
    );
  }
  return marked;
};

const openContentsOf = (subject: z.ZodType): JsonSchema => {
  const { $schema: _dialect, ...contents } = z.toJSONSchema(subject, { io: 'input' });
  return markedSealed(contents) as JsonSchema;
};

/**
 * An event's data as it travels: its subject (where it has one) sealed, and marked as sealed personal
 * data, with the fields it holds once opened, so a reader of the catalogue sees both what is on the
 * wire and what only a key holder can read.
 */
export const dataSchemaAsPublished = (plain: z.ZodObject): z.ZodObject => {
  const published = asPublishedDataSchema(plain);
  if (!('subject' in plain.shape)) return published;
  return published.extend({
    subject: published.shape.subject.meta({
      description: SEALED_DESCRIPTION,
      [SEALED_MARK]: true,
      [SEALED_CONTENTS]: openContentsOf(plain.shape.subject),
    }),
  });
};
