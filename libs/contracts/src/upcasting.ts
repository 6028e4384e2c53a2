import type { EventEnvelope } from './envelope';
import { currentSchemaVersionOf, isEventType } from './event-catalogue';

/**
 * Events are immutable: an old shape is never rewritten in the log. A consumer reads any version
 * and upcasts it, one version at a time, to the shape its code knows. Each step is a pure function
 * kept beside the old shape (`*.v1.ts`) and unit-tested.
 */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: Record<string, unknown>, envelope: EventEnvelope): Record<string, unknown>;
}

export class UnknownSchemaVersionError extends Error {
  constructor(type: string, version: number) {
    super(`no upcaster from ${type} v${version}`);
    this.name = 'UnknownSchemaVersionError';
  }
}

/**
 * An event of a newer version than this code knows that it cannot read as the version it knows: the
 * newer producer changed something other than adding fields. Never retried: it will not become readable.
 */
export class NewerSchemaVersionError extends Error {
  constructor(type: string, version: number, known: number, problems: string[]) {
    super(
      `${type} v${version} is newer than the v${known} this code knows and cannot be read as v${known} (${problems.join('; ')}): ` +
        `within one type a new version may only add fields; any other change is a new event type`,
    );
    this.name = 'NewerSchemaVersionError';
  }
}

export interface UpcastersOptions {
  /** Checks that an event of a newer version reads as the version the code knows; throws NewerSchemaVersionError if not. */
  checkNewer?: (envelope: EventEnvelope, knownVersion: number) => void;
}

export class Upcasters {
  private readonly steps = new Map<string, Upcaster>();

  constructor(
    upcasters: Upcaster[],
    private readonly options: UpcastersOptions = {},
  ) {
    for (const upcaster of upcasters) {
      const key = Upcasters.key(upcaster.type, upcaster.fromVersion);
      if (this.steps.has(key)) throw new Error(`two upcasters from ${upcaster.type} v${upcaster.fromVersion}`);
      this.steps.set(key, upcaster);
    }
  }

  /** The older versions of a type this code reads (each has a step to the next): what may still be found on the log. */
  olderVersionsOf(type: string): number[] {
    return [...this.steps.values()]
      .filter((step) => step.type === type)
      .map((step) => step.fromVersion)
      .sort((a, b) => a - b);
  }

  /** Brings an envelope's data up to `targetVersion`; a newer version than the target is refused, not guessed at. */
  upcast<T extends EventEnvelope>(envelope: T, targetVersion: number): T {
    if (envelope.schemaVersion > targetVersion) {
      throw new UnknownSchemaVersionError(envelope.type, envelope.schemaVersion);
    }
    let current: EventEnvelope = envelope;
    while (current.schemaVersion < targetVersion) {
      const step = this.steps.get(Upcasters.key(current.type, current.schemaVersion));
      if (!step) throw new UnknownSchemaVersionError(current.type, current.schemaVersion);
      current = {
        ...current,
        data: step.upcast(current.data as Record<string, unknown>, current),
        schemaVersion: current.schemaVersion + 1,
      };
    }
    return current as T;
  }

  /**
   * Brings an event of the catalogue to its current shape; an event type the catalogue does not know
   * passes as it is.
   *
   * An event of a NEWER version than this code knows is read as the version it knows, if it can be
   * (`checkNewer`), rather than refused. Producers deploy before their consumers (a topic has many,
   * some outside this repository) and the topics keep everything: refusing would dead-letter every new
   * event in every consumer not yet redeployed, and pass it over in every projection, until each was.
   * That is safe because of the rule a new version keeps: within one type it may only add fields (a
   * tolerant reader drops them) and must keep every field an older reader needs, with its meaning; a
   * change that cannot keep that (a field renamed, removed or re-meant) is a new event type, which old
   * consumers simply do not subscribe to. An event that breaks the rule anyway (a field the known version
   * needs is missing or of another type) is refused with NewerSchemaVersionError, naming what is missing:
   * reactions park it on the dead-letter topic at once, projections pass it over with a warning.
   * The version it carries is left as it is: the reader knows it read a newer event.
   */
  toCurrentShape<T extends EventEnvelope>(envelope: T): T {
    if (!isEventType(envelope.type)) return envelope;
    const known = currentSchemaVersionOf(envelope.type);
    if (envelope.schemaVersion > known) {
      this.options.checkNewer?.(envelope, known);
      return envelope;
    }
    return this.upcast(envelope, known);
  }

  private static key(type: string, version: number): string {
    return `${type}@${version}`;
  }
}
