import { SEALED_CONTENTS, SEALED_MARK, type JsonSchema } from '@csc/contracts';

/** One row of a field table: where the field is, what it holds, and whether it is sealed personal data. */
export interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  sealed: boolean;
  description: string;
}

const propertiesOf = (schema: JsonSchema): Record<string, JsonSchema> => (schema.properties ?? {}) as Record<string, JsonSchema>;
const branchesOf = (schema: JsonSchema): JsonSchema[] => (schema.anyOf ?? []) as JsonSchema[];
const withoutNull = (schema: JsonSchema): JsonSchema[] => branchesOf(schema).filter((branch) => branch.type !== 'null');

/** A field's type as a reader would say it: `string (uuid)`, `one of M, F, U`, `list of string`, `... or null`. */
export const typeLabelOf = (schema: JsonSchema): string => {
  if (schema[SEALED_MARK] === true && SEALED_CONTENTS in schema) return 'sealed subject (alg, kid, iv, ct, tag), or null';
  if ('const' in schema) return `"${String(schema.const)}"`;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.join(', ')}`;
  if (Array.isArray(schema.anyOf)) {
    const nullable = branchesOf(schema).some((branch) => branch.type === 'null');
    return `${withoutNull(schema).map(typeLabelOf).join(' or ')}${nullable ? ' or null' : ''}`;
  }
  if (schema.type === 'array') return `list of ${typeLabelOf((schema.items ?? {}) as JsonSchema)}`;
  if (schema.type === 'object' && schema.propertyNames) {
    return `map of ${typeLabelOf(schema.propertyNames as JsonSchema)} to ${typeLabelOf((schema.additionalProperties ?? {}) as JsonSchema)}`;
  }
  const format = typeof schema.format === 'string' ? ` (${schema.format})` : '';
  const types = [schema.type ?? 'any'].flat() as string[];
  return `${types.join(' or ')}${format}`;
};

/** Where a field's own fields are: an object, the object of an `X or null`, the items of a list. */
const nestedObjectOf = (schema: JsonSchema): { schema: JsonSchema; suffix: string } | undefined => {
  if (schema.properties) return { schema, suffix: '' };
  const [only] = withoutNull(schema);
  if (only && withoutNull(schema).length === 1) return nestedObjectOf(only);
  if (schema.type === 'array' && schema.items) {
    const items = nestedObjectOf(schema.items as JsonSchema);
    return items && { schema: items.schema, suffix: `[]${items.suffix}` };
  }
  return undefined;
};

/** Every field of an object schema, depth first, a sealed subject followed by the fields it holds once opened. */
export const fieldRowsOf = (schema: JsonSchema, prefix = ''): FieldRow[] => {
  const required = (schema.required ?? []) as string[];
  return Object.entries(propertiesOf(schema)).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    const row: FieldRow = {
      path,
      type: typeLabelOf(field),
      required: required.includes(name),
      sealed: field[SEALED_MARK] === true,
      description: typeof field.description === 'string' ? field.description : '',
    };
    const inner = SEALED_CONTENTS in field ? nestedObjectOf(field[SEALED_CONTENTS] as JsonSchema) : nestedObjectOf(field);
    return [row, ...(inner ? fieldRowsOf(inner.schema, `${path}${inner.suffix}.`) : [])];
  });
};
