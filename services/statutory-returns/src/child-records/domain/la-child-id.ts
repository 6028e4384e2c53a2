/**
 * The short id the returns give a child (the census's LAchildID, Annex A's "Child Unique ID").
 * Rules 1570 and 1580 allow at most 20 alphanumeric characters, so a UUID's 32 hex digits do not fit;
 * its first 20 keep 80 random bits, far past any chance of two children colliding, and need no
 * lookup table, so every return names the same child the same way.
 */
export const laChildIdOf = (childId: string): string => childId.replace(/-/g, '').slice(0, 20).toUpperCase();
