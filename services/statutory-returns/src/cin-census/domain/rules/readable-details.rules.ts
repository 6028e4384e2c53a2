import { childRule } from './census-rule';

/**
 * Not a DfE rule: this product's own check that it could read what it states. A child whose details
 * were sealed with a key the vault does not hold (lost, or a past migrated in without its keys) would
 * be returned as "not recorded" where the record says otherwise; that must stop the return, not slip by.
 */
export const detailsReadable_KEY = childRule(
  {
    code: 'KEY',
    severity: 'ERROR',
    text: "The child's personal details could not be opened: the key vault holds no key for them, so the return would state them as not recorded",
  },
  (child) => (child.unreadableSubjects > 0 ? [{ field: 'ChildIdentifiers', detail: `${child.unreadableSubjects} events unreadable` }] : []),
);
