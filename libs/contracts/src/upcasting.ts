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

export class Upcasters {
  private readonly steps = new Map<string, Upcaster>();

  constructor(upcasters: Upcaster[]) {
    for (const upcaster of upcasters) {
      const key = Upcasters.key(upcaster.type, upcaster.fromVersion);
      if (this.steps.has(key)) throw new Error(`two upcasters from ${upcaster.type} v${upcaster.fromVersion}`);
      this.steps.set(key, upcaster);
    }
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

  /** Brings an event of the catalogue to its current shape; an event type the catalogue does not know passes as it is. */
  toCurrentShape<T extends EventEnvelope>(envelope: T): T {
    return isEventType(envelope.type) ? this.upcast(envelope, currentSchemaVersionOf(envelope.type)) : envelope;
  }

  private static key(type: string, version: number): string {
    return `${type}@${version}`;
  }
}
