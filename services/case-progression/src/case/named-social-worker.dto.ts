import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import type { NamedSocialWorker } from '@csc/contracts';

/** The social worker named on a plan, as the child's school will be told (docs/domain.md: "who the named social worker is"). */
export class NamedSocialWorkerDto {
  @ApiProperty({ example: 'Sam Okafor', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ example: 'Children in Need, North', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  team?: string;

  @ApiPropertyOptional({ example: '01632 960123', maxLength: 30 })
  @IsOptional()
  @IsString()
  @Length(1, 30)
  phone?: string;

  @ApiPropertyOptional({ example: 'sam.okafor@example.gov.uk', maxLength: 200 })
  @IsOptional()
  @IsEmail()
  @Length(1, 200)
  email?: string;
}

/** Only the fields given, as a plain object (the event's schema is strict). */
export const namedSocialWorkerOf = (dto: NamedSocialWorkerDto | undefined): NamedSocialWorker | null =>
  dto
    ? {
        name: dto.name,
        ...(dto.team ? { team: dto.team } : {}),
        ...(dto.phone ? { phone: dto.phone } : {}),
        ...(dto.email ? { email: dto.email } : {}),
      }
    : null;

/** The optional `namedSocialWorker` of a request that starts a plan, validated field by field. */
export const NamedSocialWorkerField = () =>
  applyDecorators(
    ApiPropertyOptional({ type: NamedSocialWorkerDto, description: 'Who the school and family are told to contact about the plan' }),
    IsOptional(),
    ValidateNested(),
    Type(() => NamedSocialWorkerDto),
  );
