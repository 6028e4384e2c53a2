import type { Kafka } from 'kafkajs';
import { TOPICS } from '@csc/contracts';
import type { EventInbox } from './event-inbox';
import { KafkaEventServer } from './kafka-event.server';

/** The subscriptions are worked out before the server touches Kafka: no broker is needed to see a refusal. */
const listenWith = (type: string, extras: Record<string, unknown>): Promise<unknown> => {
  const server = new KafkaEventServer({ kafka: {} as Kafka, groupId: 'unit', inbox: {} as EventInbox });
  server.addHandler(type, async () => undefined, true, extras);
  return new Promise((resolve) => void server.listen(resolve));
};

describe('KafkaEventServer subscriptions', () => {
  it("refuses a reaction that would read a catalogue event from another topic than its owner's", async () => {
    const error = await listenWith('ReferralDecided', { topic: TOPICS.earlyHelp });
    expect(error).toEqual(
      new Error(`@EventPattern('ReferralDecided'): it travels on ${TOPICS.referralIntake} only; drop the pattern's topic`),
    );
  });

  it('refuses an event type outside the catalogue without a topic', async () => {
    const error = await listenWith('WidgetCounted', {});
    expect(String(error)).toContain('not in the event catalogue');
  });
});
