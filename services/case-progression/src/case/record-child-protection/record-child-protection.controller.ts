import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Roles } from '@csc/auth';
import { ABUSE_CATEGORY_CODES, type AbuseCategory } from '@csc/contracts';
import { IsCalendarDate, IsNotInFuture, UuidParam, AuditChildRecord, ApiIfMatch } from '@csc/platform';
import { CaseCommands } from '../case-commands';
import { CaseWrite, writeCase, type CaseWriteContext } from '../case-write';
import { NamedSocialWorkerDto, NamedSocialWorkerField, namedSocialWorkerOf } from '../named-social-worker.dto';

export class StrategyDiscussionDto {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  heldOn!: string;

  @ApiProperty({ description: 'Whether a Section 47 enquiry starts at this discussion' })
  @IsBoolean()
  section47!: boolean;
}

export class Section47OutcomeDto {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  concludedOn!: string;

  @ApiProperty()
  @IsBoolean()
  icpcRequired!: boolean;
}

export class ConferenceDto {
  @ApiProperty({ description: 'YYYY-MM-DD; never a weekend or bank holiday (CIN rule 8875)' })
  @IsCalendarDate()
  @IsNotInFuture()
  heldOn!: string;

  @ApiProperty()
  @IsBoolean()
  childProtectionPlan!: boolean;

  @ApiPropertyOptional({ enum: ABUSE_CATEGORY_CODES, description: 'Required when a plan starts' })
  @IsOptional()
  @IsIn(ABUSE_CATEGORY_CODES)
  category?: AbuseCategory;

  @NamedSocialWorkerField()
  namedSocialWorker?: NamedSocialWorkerDto;
}

@ApiTags('cases')
@ApiBearerAuth()
@ApiIfMatch('required')
@AuditChildRecord('case')
@Controller('v1/cases/:id')
export class RecordChildProtectionController {
  constructor(private readonly commands: CaseCommands) {}

  @Post('strategy-discussions')
  @HttpCode(201)
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  async strategyDiscussion(
    @Param('id', UuidParam('id')) caseId: string,
    @Body() body: StrategyDiscussionDto,
    @CaseWrite() write: CaseWriteContext,
  ) {
    const strategyDiscussionId = randomUUID();
    const section47Id = randomUUID();
    const result = await writeCase(this.commands, caseId, write, () => ({
      type: 'HoldStrategyDiscussion',
      strategyDiscussionId,
      section47Id,
      heldOn: body.heldOn,
      section47: body.section47,
    }));
    return { ...result, strategyDiscussionId, section47Id: body.section47 ? section47Id : null };
  }

  @Post('section47/:sid/outcome')
  @HttpCode(201)
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  section47Outcome(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('sid', UuidParam('sid')) section47Id: string,
    @Body() body: Section47OutcomeDto,
    @CaseWrite() write: CaseWriteContext,
  ) {
    return writeCase(this.commands, caseId, write, () => ({
      type: 'ConcludeSection47',
      section47Id,
      concludedOn: body.concludedOn,
      icpcRequired: body.icpcRequired,
    }));
  }

  @Post('conferences')
  @HttpCode(201)
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  async conference(@Param('id', UuidParam('id')) caseId: string, @Body() body: ConferenceDto, @CaseWrite() write: CaseWriteContext) {
    const conferenceId = randomUUID();
    const planId = randomUUID();
    const result = await writeCase(this.commands, caseId, write, () => ({
      type: 'HoldConference',
      conferenceId,
      planId,
      heldOn: body.heldOn,
      childProtectionPlan: body.childProtectionPlan,
      category: body.category ?? null,
      namedSocialWorker: body.childProtectionPlan ? namedSocialWorkerOf(body.namedSocialWorker) : null,
    }));
    return { ...result, conferenceId, cpPlanId: body.childProtectionPlan ? planId : null };
  }
}
