import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsString, MaxLength, ValidateBy } from 'class-validator';
import {
  EARLY_HELP_OUTCOMES,
  isOutcomeArea,
  LADDER_MAX,
  LADDER_MIN,
  OUTCOME_AREA_CODES,
  type EarlyHelpOutcome,
  type OutcomeArea,
} from '@csc/contracts';
import { IsCalendarDate, IsNotInFuture } from '@csc/platform';

export class EarlyHelpAssessmentDto {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  completedOn!: string;

  @ApiProperty({ enum: OUTCOME_AREA_CODES, isArray: true, description: 'Supporting Families outcome areas' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(OUTCOME_AREA_CODES, { each: true, message: 'each must be one of the ten Supporting Families outcome areas' })
  needs!: OutcomeArea[];
}

export class TeamDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  leadPractitioner!: string;

  @ApiProperty({ type: [String], maxItems: 30 })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  members!: string[];
}

export class PlanDto {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  agreedOn!: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  goals!: string[];
}

const IsLadderScores = () =>
  ValidateBy({
    name: 'ladderScores',
    validator: {
      validate: (value) =>
        !!value &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length > 0 &&
        Object.entries(value).every(
          ([area, score]) =>
            isOutcomeArea(area) && Number.isInteger(score) && (score as number) >= LADDER_MIN && (score as number) <= LADDER_MAX,
        ),
      defaultMessage: () => `must score one or more of the ten outcome areas, each a whole number from ${LADDER_MIN} to ${LADDER_MAX}`,
    },
  });

export class OutcomesLadderDto {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  scoredOn!: string;

  @ApiProperty({ example: { GOOD_EDUCATION: 4, FAMILY_RELATIONSHIPS: 6 }, description: 'outcome area -> 1..10' })
  @IsLadderScores()
  scores!: Record<OutcomeArea, number>;
}

export class ReviewDto {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  heldOn!: string;
}

export class StepUpDto {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  on!: string;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;
}

export class EpisodeClosureDto {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  closedOn!: string;

  @ApiProperty({ enum: EARLY_HELP_OUTCOMES })
  @IsIn(EARLY_HELP_OUTCOMES)
  outcome!: EarlyHelpOutcome;
}
