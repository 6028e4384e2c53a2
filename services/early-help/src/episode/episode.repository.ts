import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventStore, type AppendContext, type ExpectedVersion } from '@csc/event-store';
import { AggregateStore, type AggregateDefinition, type LoadedAggregate } from '@csc/platform';
import { foldEpisode, type EpisodeEvent } from './episode.decider';
import type { EpisodeState } from './domain/episode.state';

export type LoadedEpisode = LoadedAggregate<EpisodeState, EpisodeEvent>;

export const episodeStreamId = (episodeId: string) => `episode-${episodeId}`;

/** An early help episode as the shared command path sees it; its child is unknown (null) for a direct request the index has not seen. */
export const episodeAggregate: AggregateDefinition<EpisodeState, EpisodeEvent> = {
  noun: 'early help episode',
  streamIdOf: episodeStreamId,
  fold: foldEpisode,
  childIdOf: (state) => state.opened!.childId,
  ifMatch: 'required',
};

/** Early help episodes as event streams, through the shared command path. */
@Injectable()
export class EpisodeRepository {
  readonly streams: AggregateStore<EpisodeState, EpisodeEvent>;

  constructor(
    eventStore: EventStore,
    private readonly dataSource: DataSource,
  ) {
    this.streams = new AggregateStore(dataSource, eventStore, episodeAggregate);
  }

  async load(episodeId: string, manager: EntityManager = this.dataSource.manager): Promise<LoadedEpisode | null> {
    return this.streams.load(episodeId, manager);
  }

  async append(
    episodeId: string,
    childId: string | null,
    expectedVersion: ExpectedVersion,
    events: EpisodeEvent[],
    context: AppendContext,
    manager?: EntityManager,
  ): Promise<number> {
    return this.streams.append(episodeId, childId, expectedVersion, events, context, manager);
  }
}
