/** Where a partition's reading goes on from: the offset after the last event processed. */
export interface OffsetToCommit {
  topic: string;
  partition: number;
  /** The next offset to read, as Kafka commits it. */
  offset: string;
}

/** The offset after a message's: where reading goes on once it is processed. */
export const offsetAfter = (offset: string): string => String(BigInt(offset) + 1n);

/**
 * How often a consumer group tells Kafka how far it has got. Committing after every batch cost
 * Kafka a write to its offsets topic, and each process a request, per event at a steady rate: about
 * a quarter of Kafka's CPU per decision at 100/s (`npm run bench -- end-to-end`). What a commit is for does
 * not need it sooner: a reaction's progress that Kafka has not been told of yet is read again after
 * a restart or a rebalance, and the inbox passes over what it already took; a projection resumes
 * from its own offsets in its database. So the lag that operators watch (committed offset against
 * the partition's end) is at most this late.
 */
export const OFFSET_COMMIT_INTERVAL_MS = 1_000;

/**
 * A group's progress, committed to Kafka at most once per interval: the first progress after a quiet
 * spell is committed at once, later progress once the interval since the last commit has passed
 * (by a timer if nothing else is processed meanwhile, so a group that goes quiet still shows no lag).
 * Commits never overlap: one runs at a time, and each takes every partition's latest progress.
 * A commit that fails (the broker away, the group rebalancing) is tried again an interval later with
 * whatever is newer, unless the member has rejoined the group meanwhile, so a group that went quiet
 * still reaches the end; and a restart reads the uncommitted again anyway, which the inbox passes over.
 *
 * Only progress made is ever committed, so a commit can leave a partition behind where its readers are,
 * never ahead: what lies between is read again after a restart or rebalance and passed over (a reaction's
 * inbox, a projection's own offsets). That is also the worst a commit made across a rejoin can do (one
 * kafkajs retries by itself, or one from a batch of the generation before): no event is lost or applied twice.
 */
export class PacedOffsetCommits {
  private readonly pending = new Map<string, OffsetToCommit>();
  private lastCommitAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private committing: Promise<void> = Promise.resolve();
  private stopped = false;
  /** A refused commit is tried again after the pace set at the start (at least 100 ms), even once leaving. */
  private readonly retryAfterMs: number;
  /** Counts the member's joins: a commit refused before the latest is not tried again (see rejoined). */
  private membership = 0;
  private leaving = false;
  private markLeaving!: () => void;
  /** Settles once leaving begins: a batch waiting on a commit then goes on (see processed). */
  private readonly leavingBegan = new Promise<void>((resolve) => (this.markLeaving = resolve));

  constructor(
    private readonly commit: (offsets: OffsetToCommit[]) => Promise<unknown>,
    private intervalMs: number = OFFSET_COMMIT_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.retryAfterMs = Math.max(intervalMs, 100);
  }

  /** How many times the member has joined its group: a batch takes it as it starts (see processed). */
  get joins(): number {
    return this.membership;
  }

  /**
   * Records a partition's progress; resolves once committed if a commit was due, else at once. While
   * leaving, at once too (and a wait already begun ends): the batch in hand must not wait on a commit
   * the broker does not answer. `joinedAs`, the `joins` a batch started with: progress from a batch of
   * an earlier membership is not recorded (the partition may be another member's by now).
   */
  processed(progress: OffsetToCommit, joinedAs: number = this.membership): Promise<void> {
    if (this.stopped || joinedAs !== this.membership) return Promise.resolve();
    this.pending.set(`${progress.topic}:${progress.partition}`, progress);
    if (this.leaving) {
      void this.flush();
      return Promise.resolve();
    }
    const wait = this.lastCommitAt + this.intervalMs - this.now();
    if (wait <= 0) return Promise.race([this.flush(), this.leavingBegan]);
    // Unref'd: a commit that is only waiting must not keep a stopping process alive (its consumer commits as it leaves).
    this.timer ??= setTimeout(() => void this.flush(), wait).unref();
    return Promise.resolve();
  }

  /**
   * The member has joined the group (again, after a rebalance): progress not yet committed is dropped.
   * kafkajs takes every partition it is given up from the group's committed offset, so a reaction reads
   * that progress again (the inbox passes over it), or it is now another member's; committed later, it
   * could put a partition back behind what another member committed meanwhile, if this member has it
   * again. A projection resumes from its database's offsets instead: its dropped progress reaches Kafka
   * with its next batch (until then Kafka's own tools may show a quiet partition behind; GET
   * /v1/projections reads the projection's lag from its database).
   */
  rejoined(): void {
    this.membership += 1;
    this.pending.clear();
    this.clearTimer();
  }

  /** Commits what is pending now (after any commit under way). */
  flush(): Promise<void> {
    this.committing = this.committing.then(() => this.commitPending());
    return this.committing;
  }

  /**
   * The consumer is leaving: commits what is pending, and from now on each progress at once. kafkajs
   * commits nothing once its disconnect has begun (it returns without committing), so the message in
   * hand then is read again after a restart (the inbox passes over it). Waits at most `withinMs` (a
   * broker out of reach must not hold a stopping service up; what is left uncommitted is read again).
   */
  commitEachFromNow(withinMs = 2 * OFFSET_COMMIT_INTERVAL_MS): Promise<void> {
    this.intervalMs = 0;
    this.leaving = true;
    this.markLeaving();
    let giveUp: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (giveUp = setTimeout(resolve, withinMs).unref()));
    return Promise.race([this.flush(), late]).finally(() => clearTimeout(giveUp));
  }

  /** The consumer has left: nothing more to commit (kafkajs refuses commits once disconnected). */
  stop(): void {
    this.stopped = true;
    this.pending.clear();
    this.clearTimer();
  }

  private async commitPending(): Promise<void> {
    this.clearTimer();
    if (this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    this.lastCommitAt = this.now();
    const membership = this.membership;
    // Through a promise, so that a commit function that throws at once is a refusal like any other.
    const refused = await Promise.resolve()
      .then(() => this.commit(offsets))
      .then(
        () => false,
        () => true,
      );
    if (refused && membership === this.membership) this.tryAgain(offsets);
  }

  /** Puts a refused commit's progress back where nothing newer has come, and commits it an interval later. */
  private tryAgain(offsets: OffsetToCommit[]): void {
    if (this.stopped) return;
    for (const progress of offsets) {
      const key = `${progress.topic}:${progress.partition}`;
      if (!this.pending.has(key)) this.pending.set(key, progress);
    }
    if (this.pending.size > 0) this.timer ??= setTimeout(() => void this.flush(), this.retryAfterMs).unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
