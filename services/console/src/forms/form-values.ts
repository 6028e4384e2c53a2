/** What a form or query field holds, trimmed; '' for anything that is not text (absent, repeated, an object). */
export const textOf = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** An optional field left empty is left out of the API's body, so the API judges only what was given. */
export const optionalField = (name: string, value: unknown): Record<string, string> => (textOf(value) ? { [name]: textOf(value) } : {});
