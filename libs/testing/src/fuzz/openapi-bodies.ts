import fc from 'fast-check';

/** The parts of an OpenAPI 3 schema object the services' documents use. */
export interface OpenApiSchema {
  $ref?: string;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  description?: string;
}

export type Components = Record<string, OpenApiSchema>;

/** Strings a careless or hostile client sends: each must come back a 4xx naming the field, or be stored as it is. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  'x'.repeat(20_000),
  "'; DROP TABLE events; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '${jndi:ldap://127.0.0.1/a}',
  '2025-02-30',
  '2025-02-30T09:30:00Z',
  '9999-12-31T23:59:59+14:00',
  '0000-00-00',
  'NaN',
  '1e309',
  '\u202e\u2066',
  '😀'.repeat(50),
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_STRINGS, null, true, -1, 0, 2 ** 53, -(2 ** 63), 1.5, [], {}, [null], { a: { b: { c: 1 } } }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/**
 * A body shaped like the schema: every required field and some optional ones, values of the right
 * type (the documented example or enum value often, so that some bodies get past validation and
 * reach the domain's rules), strings and numbers otherwise arbitrary.
 */
export const bodyOf = (schema: OpenApiSchema, components: Components, depth = 0, name = ''): fc.Arbitrary<unknown> => {
  const resolved = resolve(schema, components);
  const variants = resolved.oneOf ?? resolved.anyOf;
  if (variants) return fc.oneof(...variants.map((variant) => bodyOf(variant, components, depth + 1, name)));
  if (resolved.enum) return fc.constantFrom(...resolved.enum);
  const shaped = shapedBy(resolved, components, depth, name);
  return resolved.example === undefined ? shaped : fc.oneof({ weight: 3, arbitrary: fc.constant(resolved.example) }, shaped);
};

/** The documents do not all say a string is a date; the API's names do (`closedOn`, `dateOfBirth`, `receivedAt`). */
const dateKindOf = (schema: OpenApiSchema, name: string): 'date' | 'date-time' | null => {
  if (schema.format === 'date' || /YYYY-MM-DD/.test(schema.description ?? '') || /(On|Date|Birth)$|^date/.test(name)) return 'date';
  if (schema.format === 'date-time' || /At$/.test(name)) return 'date-time';
  return null;
};

const shapedBy = (schema: OpenApiSchema, components: Components, depth: number, name: string): fc.Arbitrary<unknown> => {
  switch (schema.type) {
    case 'string':
      if (dateKindOf(schema, name) === 'date') return isoDate.map((date) => date.slice(0, 10));
      if (dateKindOf(schema, name) === 'date-time') return isoDate;
      if (schema.format === 'uuid') return fc.uuid();
      return fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom('Amelia', 'Worries about home, shared by her teacher.') },
        fc.string({ maxLength: 30 }),
      );
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(bodyOf(schema.items ?? {}, components, depth + 1), { maxLength: 3 });
    case 'object':
    case undefined: {
      if (!schema.properties) return fc.jsonValue({ maxDepth: 2 });
      if (depth > 4) return fc.constant({});
      // Optional fields are usually left out, so that a body often gets past validation to the domain's rules.
      const required = new Set(schema.required ?? []);
      const fields = Object.fromEntries(
        Object.entries(schema.properties).map(([field, property]) => {
          const value = bodyOf(property, components, depth + 1, field);
          return [field, required.has(field) ? value : fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, value)];
        }),
      );
      return fc.record(fields);
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
};

const isoDate = fc
  .date({ min: new Date('2005-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

const resolve = (schema: OpenApiSchema, components: Components): OpenApiSchema => {
  if (schema.$ref) return resolve(components[schema.$ref.replace('#/components/schemas/', '')] ?? {}, components);
  if (schema.allOf?.length === 1) return resolve(schema.allOf[0], components);
  return schema;
};

/** One way to spoil a body: change a value somewhere, drop a field, add one it does not know, or a prototype key. */
type Spoiling =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'drop'; at: number }
  | { kind: 'add'; at: number; name: string; value: unknown };

const spoiling: fc.Arbitrary<Spoiling> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    name: fc.constantFrom('__proto__', 'constructor', 'prototype', 'unexpected', 'isAdmin', ''),
    value: hostileValue,
  }),
);

/**
 * JSON text for a body: as generated, spoiled once or twice, or not the schema's shape at all (any
 * JSON value, or text that is not JSON). Text, not an object, so that keys like `__proto__` reach
 * the wire as a client would send them.
 */
export const requestTextOf = (schema: OpenApiSchema | undefined, components: Components): fc.Arbitrary<string> => {
  const shaped = schema ? bodyOf(schema, components) : fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    { weight: 3, arbitrary: shaped.map((body) => JSON.stringify(body)) },
    { weight: 5, arbitrary: fc.tuple(shaped, fc.array(spoiling, { minLength: 1, maxLength: 2 })).map(([body, how]) => spoil(body, how)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  );
};

const spoil = (body: unknown, how: Spoiling[]): string => {
  const copy = JSON.parse(JSON.stringify(body ?? null)) as unknown;
  const added: { at: Record<string, unknown>; name: string; value: unknown }[] = [];
  for (const spoiled of how) {
    const containers = containersIn(copy);
    if (containers.length === 0) return JSON.stringify(spoiled.kind === 'replace' ? spoiled.value : copy);
    const container = containers[spoiled.at % containers.length];
    const keys = Object.keys(container);
    const key = keys[spoiled.at % Math.max(keys.length, 1)];
    // Copies: a generated value may be a shared constant, and putting it inside itself would make a cycle.
    if (spoiled.kind === 'replace' && key !== undefined) (container as Record<string, unknown>)[key] = structuredClone(spoiled.value);
    if (spoiled.kind === 'drop' && key !== undefined) delete (container as Record<string, unknown>)[key];
    if (spoiled.kind === 'add' && !Array.isArray(container))
      added.push({ at: container, name: spoiled.name, value: structuredClone(spoiled.value) });
  }
  // Prototype keys cannot be set on an object as data; they are written into the JSON text instead.
  for (const { at, name, value } of added) at[MARKER + name] = value;
  return JSON.stringify(copy).replace(new RegExp(`"${MARKER}`, 'g'), '"');
};

const MARKER = '@@fuzz-added@@';

const containersIn = (value: unknown): Record<string, unknown>[] => {
  if (value === null || typeof value !== 'object') return [];
  const own = value as Record<string, unknown>;
  return [own, ...Object.values(own).flatMap(containersIn)];
};
