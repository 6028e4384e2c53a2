import request from 'supertest';
import { testToken } from '@csc/testing';
import { startReceiver } from '../../../examples/school-webhook-receiver/src/receiver';

/**
 * A school registered with school-notifications whose webhook is the example receiver (it checks each
 * signature with the secret registration gave), so that a flow's notifications are really delivered.
 */
export const registerSchoolWithWebhook = async (
  schoolNotificationsUrl: string,
  { urn, name }: { urn: string; name: string },
): Promise<{ close(): Promise<void> }> => {
  // The secret is known only once the school is registered; the receiver reads it when a webhook arrives.
  let secret = '';
  const receiver = await startReceiver({ secret: () => secret, onNotification: () => undefined, log: () => undefined });
  const admin = await testToken({ sub: 'admin-LA888', role: 'ADMIN', org: 'LA888' });
  const registered = await request(schoolNotificationsUrl)
    .post('/v1/schools')
    .set('Authorization', `Bearer ${admin}`)
    .send({ urn, name, webhookUrl: receiver.url })
    .expect(201);
  secret = registered.body.webhookSecret;
  return receiver;
};
