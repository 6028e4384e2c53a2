import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

/** Keys that reach an object's prototype when copied: refused by name, never dropped. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with each string or key of a request value, by its path (the values themselves are never echoed). */
export const unsafeInputProblems = (value: unknown, path: string): string[] => {
  const problems: string[] = [];
  const visit = (item: unknown, at: string) => {
    if (typeof item === 'string') {
      // PostgreSQL refuses NUL in text, and a lone surrogate is not Unicode: both would fail in the database.
      if (item.includes('\u0000')) problems.push(`${at || 'body'}: contains a NUL byte`);
      if (LONE_SURROGATE.test(item)) problems.push(`${at || 'body'}: contains a lone surrogate (not valid Unicode)`);
      return;
    }
    if (item === null || typeof item !== 'object') return;
    if (Array.isArray(item)) return item.forEach((element, index) => visit(element, `${at}[${index}]`));
    for (const key of Object.keys(item)) {
      const keyPath = at ? `${at}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) problems.push(`${keyPath}: is not allowed (it would reach an object's prototype)`);
      else if (key.includes('\u0000') || LONE_SURROGATE.test(key)) problems.push(`${at || 'body'}: a field name is not valid text`);
      else visit((item as Record<string, unknown>)[key], keyPath);
    }
  };
  visit(value, path);
  return problems;
};

/**
 * Runs before validation on every body, query and path parameter of every route: NUL bytes, lone
 * surrogates and prototype keys are a 400 naming where they are, before they can reach
 * class-transformer, a log line or PostgreSQL. (The body's depth was bounded by the parser.)
 */
@Injectable()
export class UnsafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problems = unsafeInputProblems(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (problems.length > 0) throw new BadRequestException(problems);
    return value;
  }
}
