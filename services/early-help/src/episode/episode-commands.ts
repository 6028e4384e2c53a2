import { Injectable } from '@nestjs/common';
import type { AppendContext } from '@csc/event-store';
import { decide, type EpisodeCommand } from './episode.decider';
import { EpisodeRepository } from './episode.repository';
import type { EpisodeState } from './domain/episode.state';

/** Every write on an episode, through the shared command path: load, decide, append on the version decided on. */
@Injectable()
export class EpisodeCommands {
  constructor(private readonly episodes: EpisodeRepository) {}

  async execute(
    episodeId: string,
    context: AppendContext,
    expectedVersion: number | undefined,
    command: (state: EpisodeState) => EpisodeCommand,
  ) {
    const { events, version, childId } = await this.episodes.streams.execute({
      id: episodeId,
      context,
      expectedVersion,
      decide: ({ state }) => decide(command(state), state),
    });
    // childId: whose record changed, for the audit trail (which reads it from the response); null until the child is known.
    return { episodeId, childId, version, recorded: events.map((event) => event.type) };
  }
}
