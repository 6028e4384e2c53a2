/**
 * Eventual consistency, tested as a condition with a deadline (not a sleep): retries `probe` until it
 * stops throwing, and fails with its last error when the deadline passes.
 */
export const eventually = async <T>(probe: () => T | Promise<T>, { timeoutMs = 20_000, intervalMs = 50 } = {}): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
};
