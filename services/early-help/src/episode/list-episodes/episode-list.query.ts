import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { afterDueDateCursor, DEFAULT_PAGE_SIZE, dueDateKeys, dueDateOrder, pageOf, SqlConditions, type Page } from '@csc/platform';
import { isEpisodeOverdue, type EpisodeDue } from '../domain/episode-due-dates';
import type { EpisodeStage } from '../domain/episode-stage';
import type { ListEpisodesQueryDto } from './list-episodes.dto';

interface EpisodeListRow {
  episode_id: string;
  child_id: string | null;
  stage: EpisodeStage;
  opened_on: string;
  next_due_what: EpisodeDue | null;
  next_due_on: string | null;
  version: number;
}

export interface EpisodeListItem {
  episodeId: string;
  childId: string | null;
  stage: EpisodeStage;
  openedOn: string;
  nextDue: { what: EpisodeDue; dueOn: string } | null;
  overdue: boolean;
  version: number;
}

/** A page of the episodes, soonest due first, with `overdue` worked out as of `today` (never stored, so never stale). */
@Injectable()
export class EpisodeListQuery {
  constructor(private readonly dataSource: DataSource) {}

  async page(query: ListEpisodesQueryDto, today: string): Promise<Page<EpisodeListItem>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const conditions = new SqlConditions();
    if (query.stage) conditions.and(`stage = ${conditions.param(query.stage)}`);
    afterDueDateCursor(conditions, query.after, 'next_due_on', 'episode_id');
    const rows: EpisodeListRow[] = await this.dataSource.query(
      `SELECT episode_id::text, child_id::text, stage, opened_on::text, next_due_what, next_due_on::text, version
       FROM episode_list ${conditions.where} ${dueDateOrder('next_due_on', 'episode_id')} LIMIT ${conditions.param(limit + 1)}`,
      conditions.params,
    );
    return pageOf(
      rows,
      limit,
      (row) => dueDateKeys(row.next_due_on, row.episode_id),
      (row) => ({
        episodeId: row.episode_id,
        childId: row.child_id,
        stage: row.stage,
        openedOn: row.opened_on,
        nextDue: row.next_due_what && row.next_due_on ? { what: row.next_due_what, dueOn: row.next_due_on } : null,
        overdue: isEpisodeOverdue(row.next_due_on, today),
        version: row.version,
      }),
    );
  }
}
