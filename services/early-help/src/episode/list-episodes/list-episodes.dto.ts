import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@csc/platform';
import { EPISODE_STAGES, type EpisodeStage } from '../domain/episode-stage';

/** The episodes list's filter, validated like any input: a filter the list does not know is a 400, never ignored. */
export class ListEpisodesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EPISODE_STAGES, description: "Only episodes at this stage (the episode view's `stage`)" })
  @IsOptional()
  @IsIn(EPISODE_STAGES)
  stage?: EpisodeStage;
}
