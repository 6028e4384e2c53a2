import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { PersonalDataErasedError } from '@csc/event-store';
import { AuditChildRecord, DEFAULT_PAGE_SIZE, decodeCursor, pageOf } from '@csc/platform';
import { ReferralRepository } from '../referral.repository';
import { ListReferralsQueryDto } from './list-referrals.dto';
import { queueItemOf, type ChildName } from './queue-item';
import { queueKeysOf, ReferralQueue, type QueueRow } from './referral-queue';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The front door's queue: every referral (or those filtered), oldest first, a page at a time. A
 * school lists only the referrals it made; its filters narrow that list, never widen it (another
 * school's URN as schoolUrn simply matches none of them: an empty list, telling it nothing).
 * Each referral listed is a child's record served: the audit trail names each.
 */
@ApiTags('referrals')
@ApiBearerAuth()
@AuditChildRecord('referral')
@Controller('v1/referrals')
export class ListReferralsController {
  constructor(
    private readonly queue: ReferralQueue,
    private readonly referrals: ReferralRepository,
  ) {}

  @Get()
  @Roles('FRONT_DOOR', 'SCHOOL')
  @ApiOperation({ summary: 'Referrals oldest first (by receivedAt, then referralId), filtered; pass `next` as `after` for the next page' })
  async list(@Query() query: ListReferralsQueryDto, @CurrentUser() user: AuthenticatedUser) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.queue.page(
      {
        statuses: query.status ?? null,
        source: query.source ?? null,
        schoolUrn: query.schoolUrn ?? null,
        receivedFrom: query.receivedFrom ?? null,
        receivedTo: query.receivedTo ?? null,
        referrerSchool: user.role === 'SCHOOL' ? user.org : null,
      },
      query.after ? afterOf(query.after) : null,
      limit + 1,
    );
    const page = pageOf(rows, limit, queueKeysOf);
    const now = new Date();
    const items = await Promise.all(page.items.map(async (row) => queueItemOf(row, await this.childNameOf(row), user, now)));
    return { items, next: page.next };
  }

  /** Opened as GET /v1/referrals/{id} opens it (the referral's stream, with the child's key); an erased child's is null. */
  private async childNameOf(row: QueueRow): Promise<ChildName> {
    try {
      const referral = await this.referrals.load(row.referralId);
      const child = referral?.state.received.subject.child;
      return child ? { givenName: child.givenName, familyName: child.familyName } : null;
    } catch (error) {
      if (error instanceof PersonalDataErasedError) return null;
      throw error;
    }
  }
}

/** A cursor this list made holds [receivedAt to the microsecond, referralId]; anything else is a caller's mistake. */
const afterOf = (after: string): { receivedKey: string; referralId: string } => {
  const keys = decodeCursor(after);
  const [receivedKey, referralId] = keys ?? [];
  if (
    keys?.length !== 2 ||
    typeof receivedKey !== 'string' ||
    Number.isNaN(Date.parse(receivedKey)) ||
    typeof referralId !== 'string' ||
    !UUID.test(referralId)
  )
    throw new BadRequestException(['after: must be the `next` of an earlier page of this list']);
  return { receivedKey, referralId };
};
