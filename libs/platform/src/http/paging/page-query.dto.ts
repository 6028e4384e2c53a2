import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { decodeCursor } from './keyset-cursor';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `after` and `limit`, validated like any other input: a list's query DTO extends this with its filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: "The previous page's `next`: this page starts after the row it ended on" })
  @IsOptional()
  @ValidateBy({
    name: 'isPageCursor',
    validator: {
      validate: (value) => decodeCursor(value) !== null,
      defaultMessage: () => 'must be the `next` of an earlier page of this list',
    },
  })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}
