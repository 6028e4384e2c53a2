import type { MixedList } from 'typeorm';
import { CreateInbox1763800000001 } from '@csc/messaging';

/** In order. Analytics writes no events; its projections and their offsets arrive with the analytics issue. */
export const analyticsMigrations: MixedList<Function> = [CreateInbox1763800000001];
