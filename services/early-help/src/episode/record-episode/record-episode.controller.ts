import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { londonDateOf } from '@csc/domain';
import { commandContextOf, expectedVersionFrom, UuidParam, AuditChildRecord, ApiIfMatch } from '@csc/platform';
import type { EpisodeCommand } from '../episode.decider';
import { EpisodeCommands } from '../episode-commands';
import { EarlyHelpAssessmentDto, EpisodeClosureDto, OutcomesLadderDto, PlanDto, ReviewDto, StepUpDto, TeamDto } from './record-episode.dto';

/** Early help practitioners record the episode's steps; every write states the version it was made on. */
@ApiTags('early help')
@ApiBearerAuth()
@ApiIfMatch('required')
@AuditChildRecord('episode')
@Controller('v1/early-help/episodes/:id')
@Roles('EARLY_HELP', 'ADMIN')
export class RecordEpisodeController {
  constructor(private readonly commands: EpisodeCommands) {}

  private record(episodeId: string, user: AuthenticatedUser, request: Request, command: EpisodeCommand) {
    return this.commands
      .execute(episodeId, commandContextOf(user, request.headers), expectedVersionFrom(request.header('if-match')), () => command)
      .then((result) => {
        request.res?.setHeader('ETag', `"${result.version}"`);
        return result;
      });
  }

  @Post('assessment')
  @HttpCode(201)
  assessment(
    @Param('id', UuidParam('id')) id: string,
    @Body() body: EarlyHelpAssessmentDto,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
  ) {
    return this.record(id, user, request, { type: 'CompleteAssessment', completedOn: body.completedOn, needs: body.needs });
  }

  @Post('team')
  @HttpCode(201)
  team(@Param('id', UuidParam('id')) id: string, @Body() body: TeamDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.record(id, user, request, {
      type: 'FormTeam',
      formedOn: londonDateOf(new Date()),
      leadPractitioner: body.leadPractitioner,
      members: body.members,
    });
  }

  @Post('plan')
  @HttpCode(201)
  plan(@Param('id', UuidParam('id')) id: string, @Body() body: PlanDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.record(id, user, request, { type: 'AgreePlan', agreedOn: body.agreedOn, goals: body.goals });
  }

  @Post('outcomes-ladder')
  @HttpCode(201)
  ladder(
    @Param('id', UuidParam('id')) id: string,
    @Body() body: OutcomesLadderDto,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
  ) {
    return this.record(id, user, request, { type: 'ScoreOutcomesLadder', scoredOn: body.scoredOn, scores: body.scores });
  }

  @Post('reviews')
  @HttpCode(201)
  review(
    @Param('id', UuidParam('id')) id: string,
    @Body() body: ReviewDto,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
  ) {
    return this.record(id, user, request, { type: 'Review', heldOn: body.heldOn });
  }

  @Post('step-up')
  @HttpCode(201)
  stepUp(
    @Param('id', UuidParam('id')) id: string,
    @Body() body: StepUpDto,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
  ) {
    return this.record(id, user, request, { type: 'StepUp', on: body.on, steppedUpAt: new Date().toISOString(), reason: body.reason });
  }

  @Post('closure')
  @HttpCode(201)
  closure(
    @Param('id', UuidParam('id')) id: string,
    @Body() body: EpisodeClosureDto,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
  ) {
    return this.record(id, user, request, { type: 'Close', closedOn: body.closedOn, outcome: body.outcome });
  }
}
