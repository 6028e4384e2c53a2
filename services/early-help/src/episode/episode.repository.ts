import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventStore, type AppendContext, type ExpectedVersion } from '@csc/event-store';
import { AggregateStore, catchUpListsOnStart, type AggregateDefinition, type LoadedAggregate } from '@csc/platform';
import { foldEpisode, type EpisodeEvent } from './episode.decider';
import type { EpisodeState } from './domain/episode.state';
import { episodeList } from './list-episodes/episode.list';

export type LoadedEpisode = LoadedAggregate<EpisodeState, EpisodeEvent>;

export const episodeStreamId = (episodeId: string) => `episode-${episodeId}`;

/**
 * An early help episode as the shared command path sees it; its child is unknown (null) for a direct
 * request the index has not seen. Its row in the episodes list follows every write, in the same transaction.
 */
export const episodeAggregate: AggregateDefinition<EpisodeState, EpisodeEvent> = {
  noun: 'early help episode',
  streamIdOf: episodeStreamId,
  fold: foldEpisode,
  childIdOf: (state) => state.opened!.childId,
  ifMatch: 'required',
  lists: [episodeList],
};

/** Early help episodes as event streams, through the shared command path. */
@Injectable()
export class EpisodeRepository implements OnApplicationBootstrap {
  private readonly logger = new Logger(EpisodeRepository.name);
  readonly streams: AggregateStore<EpisodeState, EpisodeEvent>;

  constructor(
    eventStore: EventStore,
    private readonly dataSource: DataSource,
  ) {
    this.streams = new AggregateStore(dataSource, eventStore, episodeAggregate);
  }

  /** Episodes written before the list existed (or after its table was emptied) get their rows. */
  async onApplicationBootstrap(): Promise<void> {
    await catchUpListsOnStart(this.streams, this.logger);
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
