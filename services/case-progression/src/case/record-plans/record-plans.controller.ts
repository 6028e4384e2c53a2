import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Roles } from '@csc/auth';
import { ABUSE_CATEGORY_CODES, type AbuseCategory } from '@csc/contracts';
import { IsCalendarDate, IsNotInFuture, UuidParam, AuditChildRecord, ApiIfMatch } from '@csc/platform';
import { CaseCommands } from '../case-commands';
import { CaseWrite, writeCase, type CaseWriteContext } from '../case-write';
import { NamedSocialWorkerDto, NamedSocialWorkerField, namedSocialWorkerOf } from '../named-social-worker.dto';

export class CpReviewDto {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  heldOn!: string;

  @ApiPropertyOptional({ enum: ABUSE_CATEGORY_CODES })
  @IsOptional()
  @IsIn(ABUSE_CATEGORY_CODES)
  latestCategory?: AbuseCategory;
}

export class EndedOnDto {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  endedOn!: string;
}

export class StartedOnDto {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  startedOn!: string;
}

export class CinPlanDto extends StartedOnDto {
  @NamedSocialWorkerField()
  namedSocialWorker?: NamedSocialWorkerDto;
}

@ApiTags('cases')
@ApiBearerAuth()
@ApiIfMatch('required')
@AuditChildRecord('case')
@Controller('v1/cases/:id')
export class RecordPlansController {
  constructor(private readonly commands: CaseCommands) {}

  @Post('cp-plans/:pid/reviews')
  @HttpCode(201)
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  review(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('pid', UuidParam('pid')) planId: string,
    @Body() body: CpReviewDto,
    @CaseWrite() write: CaseWriteContext,
  ) {
    return writeCase(this.commands, caseId, write, () => ({
      type: 'ReviewChildProtectionPlan',
      planId,
      heldOn: body.heldOn,
      latestCategory: body.latestCategory ?? null,
    }));
  }

  @Post('cp-plans/:pid/end')
  @HttpCode(201)
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  endCp(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('pid', UuidParam('pid')) planId: string,
    @Body() body: EndedOnDto,
    @CaseWrite() write: CaseWriteContext,
  ) {
    return writeCase(this.commands, caseId, write, () => ({ type: 'EndChildProtectionPlan', planId, endedOn: body.endedOn }));
  }

  @Post('cin-plans')
  @HttpCode(201)
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  async startCin(@Param('id', UuidParam('id')) caseId: string, @Body() body: CinPlanDto, @CaseWrite() write: CaseWriteContext) {
    const planId = randomUUID();
    const result = await writeCase(this.commands, caseId, write, () => ({
      type: 'StartChildInNeedPlan',
      planId,
      startedOn: body.startedOn,
      namedSocialWorker: namedSocialWorkerOf(body.namedSocialWorker),
    }));
    return { ...result, cinPlanId: planId };
  }

  @Post('cin-plans/:pid/end')
  @HttpCode(201)
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  endCin(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('pid', UuidParam('pid')) planId: string,
    @Body() body: EndedOnDto,
    @CaseWrite() write: CaseWriteContext,
  ) {
    return writeCase(this.commands, caseId, write, () => ({ type: 'EndChildInNeedPlan', planId, endedOn: body.endedOn }));
  }
}
