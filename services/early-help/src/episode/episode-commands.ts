import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConcurrencyError, type AppendContext } from '@csc/event-store';
import { decide, type EpisodeCommand } from './episode.decider';
import { EpisodeRepository } from './episode.repository';
import type { EpisodeState } from './domain/episode.state';

/** Every write on an episode: the version it was decided on (If-Match), decide, append. */
@Injectable()
export class EpisodeCommands {
  constructor(
    private readonly dataSource: DataSource,
    private readonly episodes: EpisodeRepository,
  ) {}

  async execute(
    episodeId: string,
    context: AppendContext,
    expectedVersion: number | undefined,
    command: (state: EpisodeState) => EpisodeCommand,
  ) {
    if (expectedVersion === undefined)
      throw new BadRequestException(['If-Match: required: the version from the last read of this episode']);
    return this.dataSource.transaction(async (manager) => {
      const loaded = await this.episodes.load(episodeId, manager);
      if (!loaded) throw new NotFoundException([`id: no early help episode ${episodeId}`]);
      if (loaded.version !== expectedVersion) throw new ConcurrencyError(episodeId, expectedVersion, loaded.version);
      const events = decide(command(loaded.state), loaded.state);
      const childId = loaded.state.opened!.childId;
      const version = await this.episodes.append(episodeId, childId, expectedVersion, events, context, manager);
      // childId: whose record changed, for the audit trail (which reads it from the response); null until the child is known.
      return { episodeId, childId, version, recorded: events.map((event) => event.type) };
    });
  }
}
