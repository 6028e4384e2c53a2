import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { currentSchemaVersionOf } from '@csc/contracts';
import { EventStore, type AppendContext, type ExpectedVersion } from '@csc/event-store';
import { foldEpisode, type EpisodeEvent } from './episode.decider';
import type { EpisodeState } from './domain/episode.state';

export interface LoadedEpisode {
  state: EpisodeState;
  version: number;
}

export const episodeStreamId = (episodeId: string) => `episode-${episodeId}`;

@Injectable()
export class EpisodeRepository {
  constructor(
    private readonly eventStore: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async load(episodeId: string, manager: EntityManager = this.dataSource.manager): Promise<LoadedEpisode | null> {
    const stored = await this.eventStore.readStream(episodeStreamId(episodeId), manager);
    if (stored.length === 0) return null;
    return {
      state: foldEpisode(stored.map((event) => ({ type: event.type, data: event.data }) as EpisodeEvent)),
      version: stored[stored.length - 1].streamVersion,
    };
  }

  async append(
    episodeId: string,
    childId: string | null,
    expectedVersion: ExpectedVersion,
    events: EpisodeEvent[],
    context: AppendContext,
    manager?: EntityManager,
  ): Promise<number> {
    const now = new Date();
    const result = await this.eventStore.append(
      episodeStreamId(episodeId),
      expectedVersion,
      events.map((event) => ({
        eventId: randomUUID(),
        type: event.type,
        schemaVersion: currentSchemaVersionOf(event.type),
        occurredAt: now,
        childId,
        data: event.data,
      })),
      context,
      manager,
    );
    return result.nextExpectedVersion;
  }
}
