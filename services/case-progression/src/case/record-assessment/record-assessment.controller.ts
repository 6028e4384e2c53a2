import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { Roles } from '@csc/auth';
import { ASSESSMENT_FACTOR_CODES, ASSESSMENT_OUTCOMES, type AssessmentFactor, type AssessmentOutcome } from '@csc/contracts';
import { IsCalendarDate, IsNotInFuture, UuidParam, AuditChildRecord, ApiIfMatch } from '@csc/platform';
import { CaseCommands } from '../case-commands';
import { CaseWrite, writeCase, type CaseWriteContext } from '../case-write';

export class StartAssessmentDto {
  @ApiProperty({ example: '2025-01-06', description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  startedAt!: string;
}

export class CompleteAssessmentDto {
  @ApiProperty({ example: '2025-02-14', description: 'YYYY-MM-DD: the day the assessment was authorised' })
  @IsCalendarDate()
  @IsNotInFuture()
  authorisedAt!: string;

  @ApiProperty({ enum: ASSESSMENT_FACTOR_CODES, isArray: true, description: 'CIN census assessment factors; 21 (none) only alone' })
  @IsArray()
  @ArrayMaxSize(42)
  @ArrayUnique()
  @IsIn(ASSESSMENT_FACTOR_CODES, { each: true, message: 'each must be a CIN census assessment factor code' })
  factors!: AssessmentFactor[];

  @ApiProperty({ enum: ASSESSMENT_OUTCOMES })
  @IsIn(ASSESSMENT_OUTCOMES)
  outcome!: AssessmentOutcome;
}

@ApiTags('cases')
@ApiBearerAuth()
@ApiIfMatch('required')
@AuditChildRecord('case')
@Controller('v1/cases/:id/assessments')
export class RecordAssessmentController {
  constructor(private readonly commands: CaseCommands) {}

  @Post()
  @HttpCode(201)
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  async start(@Param('id', UuidParam('id')) caseId: string, @Body() body: StartAssessmentDto, @CaseWrite() write: CaseWriteContext) {
    const assessmentId = randomUUID();
    const result = await writeCase(this.commands, caseId, write, () => ({
      type: 'StartAssessment',
      assessmentId,
      startedOn: body.startedAt,
    }));
    return { ...result, assessmentId };
  }

  @Post(':aid/completion')
  @HttpCode(201)
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  complete(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('aid', UuidParam('aid')) assessmentId: string,
    @Body() body: CompleteAssessmentDto,
    @CaseWrite() write: CaseWriteContext,
  ) {
    return writeCase(this.commands, caseId, write, () => ({
      type: 'CompleteAssessment',
      assessmentId,
      authorisedOn: body.authorisedAt,
      factors: body.factors,
      outcome: body.outcome,
    }));
  }
}
