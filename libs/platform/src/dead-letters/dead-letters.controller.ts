import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { DeadLetters, DEAD_LETTER_HEADERS, type ReplayResult } from '@csc/messaging';
import { NotChildData } from '../audit';
import { UuidParam } from '../http/command-context';
import { DeadLettersQueryDto, DiscardDeadLetterDto, ReplayAllDto } from './dead-letters.dto';

/**
 * The service's dead letters (ADMIN): what its consumers parked on dead-letter topics, replayed to the
 * consumer that failed them or discarded, with who, when and why kept in `dead_letters`. Ids, types
 * and offsets only: the event's payload is never served.
 */
@ApiTags('dead-letters')
@ApiBearerAuth()
@Controller('v1/dead-letters')
export class DeadLettersController {
  constructor(private readonly letters: DeadLetters) {}

  @Get()
  @Roles('ADMIN')
  @NotChildData()
  @ApiOperation({ summary: 'Dead letters, oldest first: by default those not yet dealt with (PARKED)' })
  async list(@Query() query: DeadLettersQueryDto) {
    const status = query.status === 'ALL' ? null : (query.status ?? 'PARKED');
    return { items: await this.letters.list({ status, consumer: query.consumer, limit: query.limit }) };
  }

  @Get(':id')
  @Roles('ADMIN')
  @NotChildData()
  @ApiOperation({ summary: "One dead letter: where it came from, why it failed, what was done with it, and the original event's headers" })
  async show(@Param('id', UuidParam('id')) id: string) {
    const letter = await this.letters.get(id);
    if (!letter) throw new NotFoundException([`id: no dead letter ${id}`]);
    const { message, ...summary } = letter;
    const headers = Object.fromEntries(
      Object.entries(message.headers ?? {})
        .filter(([name]) => !Object.values<string>(DEAD_LETTER_HEADERS).includes(name))
        .map(([name, value]) => [name, String(Array.isArray(value) ? value[0] : value)]),
    );
    return { ...summary, key: message.key?.toString() ?? null, headers };
  }

  @Post('replay')
  @HttpCode(200)
  @Roles('ADMIN')
  @NotChildData()
  @ApiOperation({
    summary: 'Replays every open dead letter (of one consumer group, or all), oldest first; those that fail again stay open',
  })
  async replayAll(@Body() body: ReplayAllDto, @CurrentUser() user: AuthenticatedUser) {
    const results = await this.letters.replayAll(user.sub, body.consumer);
    const count = (result: ReplayResult['result']) => results.filter((one) => one.result === result).length;
    return { replayed: count('REPLAYED'), failed: count('FAILED'), results };
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Roles('ADMIN')
  @NotChildData()
  @ApiOperation({ summary: 'Re-delivers the event to the consumer that failed it; applied at most once (a second replay is 409)' })
  async replay(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthenticatedUser) {
    const result = await this.letters.replay(id, user.sub);
    switch (result.result) {
      case 'REPLAYED':
        return { id, status: 'REPLAYED', applied: result.applied };
      case 'NOT_FOUND':
        throw new NotFoundException([`id: no dead letter ${id}`]);
      case 'ALREADY_RESOLVED':
        throw new ConflictException([`id: dead letter ${id} is already ${result.status}`]);
      case 'NO_CONSUMER':
        throw new ConflictException([`id: consumer ${result.consumer} does not run in this service`]);
      case 'FAILED':
        throw new UnprocessableEntityException([`id: the reaction failed again, the letter stays PARKED: ${result.error}`]);
    }
  }

  @Post(':id/discard')
  @HttpCode(200)
  @Roles('ADMIN')
  @NotChildData()
  @ApiOperation({ summary: 'Marks a dead letter dealt with, without replaying it, and why' })
  async discard(@Param('id', UuidParam('id')) id: string, @Body() body: DiscardDeadLetterDto, @CurrentUser() user: AuthenticatedUser) {
    const outcome = await this.letters.discard(id, user.sub, body.reason);
    if (outcome === 'NOT_FOUND') throw new NotFoundException([`id: no dead letter ${id}`]);
    if (outcome !== 'DISCARDED') throw new ConflictException([`id: dead letter ${id} is already ${outcome}`]);
    return { id, status: 'DISCARDED' };
  }
}
