import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppendContext } from '@csc/event-store';
import { versionToWriteOn } from '@csc/platform';
import { decide, type EpisodeCommand } from './episode.decider';
import { EpisodeRepository } from './episode.repository';
import type { EpisodeState } from './domain/episode.state';

/** Every write on an episode: load, decide, append on the version decided on (If-Match: `versionToWriteOn`). */
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
    return this.dataSource.transaction(async (manager) => {
      const loaded = await this.episodes.load(episodeId, manager);
      if (!loaded) throw new NotFoundException([`id: no early help episode ${episodeId}`]);
      const decidedOn = versionToWriteOn(episodeId, expectedVersion, loaded.version, 'required');
      const events = decide(command(loaded.state), loaded.state);
      const childId = loaded.state.opened!.childId;
      const version = await this.episodes.append(episodeId, childId, decidedOn, events, context, manager);
      // childId: whose record changed, for the audit trail (which reads it from the response); null until the child is known.
      return { episodeId, childId, version, recorded: events.map((event) => event.type) };
    });
  }
}
