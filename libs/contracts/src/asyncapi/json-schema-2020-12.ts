/**
 * The keywords of JSON Schema draft 2020-12 (core, applicator, unevaluated, validation, meta-data,
 * format, content vocabularies), for a test to check a generated schema offline: no keyword outside
 * these, bar `x-` extensions, and every subschema where the draft expects one.
 */
export const JSON_SCHEMA_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

const SCHEMA_MAPS = ['$defs', 'properties', 'patternProperties', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMAS = [
  'not',
  'if',
  'then',
  'else',
  'items',
  'contains',
  'additionalProperties',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
];
const OTHER_KEYWORDS = [
  '$schema',
  '$id',
  '$ref',
  '$anchor',
  '$dynamicRef',
  '$dynamicAnchor',
  '$vocabulary',
  '$comment',
  'type',
  'const',
  'enum',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxContains',
  'minContains',
  'maxProperties',
  'minProperties',
  'required',
  'dependentRequired',
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
  'format',
  'contentEncoding',
  'contentMediaType',
];
const KEYWORDS = new Set([...SCHEMA_MAPS, ...SCHEMA_LISTS, ...SCHEMAS, ...OTHER_KEYWORDS]);
const TYPES = new Set(['null', 'boolean', 'object', 'array', 'number', 'string', 'integer']);

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** What is wrong with a schema as draft 2020-12 sees it, by JSON path; empty when nothing is. Extensions (`x-...`) holding a schema are checked too. */
export const problemsOf2020_12Schema = (schema: unknown, path = '#'): string[] => {
  if (typeof schema === 'boolean') return [];
  if (!isObject(schema)) return [`${path}: a schema is an object or a boolean`];
  const problems: string[] = [];
  for (const [keyword, value] of Object.entries(schema)) {
    const at = `${path}/${keyword}`;
    if (keyword.startsWith('x-')) {
      if (isObject(value) && ('type' in value || 'anyOf' in value)) problems.push(...problemsOf2020_12Schema(value, at));
    } else if (!KEYWORDS.has(keyword)) problems.push(`${at}: not a draft 2020-12 keyword`);
    else if (SCHEMA_MAPS.includes(keyword)) {
      if (!isObject(value)) problems.push(`${at}: must map names to schemas`);
      else for (const [name, sub] of Object.entries(value)) problems.push(...problemsOf2020_12Schema(sub, `${at}/${name}`));
    } else if (SCHEMA_LISTS.includes(keyword)) {
      if (!Array.isArray(value) || value.length === 0) problems.push(`${at}: must be a non-empty list of schemas`);
      else value.forEach((sub, index) => problems.push(...problemsOf2020_12Schema(sub, `${at}/${index}`)));
    } else if (SCHEMAS.includes(keyword)) problems.push(...problemsOf2020_12Schema(value, at));
  }
  const types = [schema.type ?? []].flat();
  for (const type of types) if (!TYPES.has(type as string)) problems.push(`${path}/type: ${String(type)} is not a JSON type`);
  if ('required' in schema) {
    const known = isObject(schema.properties) ? Object.keys(schema.properties) : [];
    for (const name of schema.required as string[]) if (!known.includes(name)) problems.push(`${path}/required: ${name} has no property`);
  }
  if (typeof schema.pattern === 'string') {
    try {
      new RegExp(schema.pattern, 'u');
    } catch {
      problems.push(`${path}/pattern: not an ECMA-262 regular expression`);
    }
  }
  if ('$schema' in schema && path !== '#') problems.push(`${path}/$schema: only at the root`);
  return problems;
};
