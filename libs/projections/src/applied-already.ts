/**
 * The index of a batch's first message at or after `offset`, the partition's next offset to apply: those
 * before it are applied already. Messages come in offset order, and a batch nearly always starts at that
 * offset (each partition is sought to the database's), so usually only its first message is compared:
 * a BigInt parsed for every message of a rebuild cost a visible share of it. Only a batch fetched
 * before another instance moved the offset on holds applied ones, at its front.
 */
export const firstNotYetApplied = (messages: readonly { offset: string }[], offset: bigint): number => {
  if (messages.length === 0 || BigInt(messages[0].offset) >= offset) return 0;
  const index = messages.findIndex((message) => BigInt(message.offset) >= offset);
  return index === -1 ? messages.length : index;
};
