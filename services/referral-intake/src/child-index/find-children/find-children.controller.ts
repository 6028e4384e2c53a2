import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@csc/auth';
import { AuditChildRecord } from '@csc/platform';
import { ChildIndex } from '../child-index';
import { FindChildrenQueryDto } from './find-children.dto';

/**
 * The front door finds a child it may already know, through the child index's blind indexes: each
 * candidate says which identifiers matched, so a worker can judge a name-and-birthday match apart
 * from an NHS number. Every child found is audited. The search terms travel in the query string,
 * which the request log never records (it logs the path only).
 */
@ApiTags('children')
@ApiBearerAuth()
@AuditChildRecord('child', { idField: 'childId' })
@Controller('v1/children')
export class FindChildrenController {
  constructor(private readonly childIndex: ChildIndex) {}

  @Get()
  @Roles('FRONT_DOOR')
  @ApiOperation({ summary: 'Children known to the front door by NHS number, UPN, or family name with date of birth' })
  async find(@Query() query: FindChildrenQueryDto) {
    if (!query.nhsNumber && !query.upn && !query.familyName)
      throw new BadRequestException(['nhsNumber: give nhsNumber, upn, or familyName with dateOfBirth']);
    return { items: await this.childIndex.search(query) };
  }
}
