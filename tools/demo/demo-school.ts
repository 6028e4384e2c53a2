/** The school the demo walks through: it refers, and its webhook goes to the example receiver. */
export const DEMO_SCHOOL = { urn: '100001', name: 'Demo Primary School (fictional)' };

type Call = (method: string, path: string, body?: object) => Promise<{ status: number; body: Record<string, unknown> }>;

/** Registers the demo school (once) and points its webhook at the receiver; returns the new signing secret. */
export const connectDemoSchool = async (notifications: Call, receiverUrl: string): Promise<string> => {
  const registered = await notifications('POST', '/v1/schools', { ...DEMO_SCHOOL });
  if (registered.status !== 201 && registered.status !== 409) throw new Error(`register school: HTTP ${registered.status}`);
  const webhook = await notifications('PUT', `/v1/schools/${DEMO_SCHOOL.urn}/webhook`, { url: receiverUrl });
  if (webhook.status !== 200) throw new Error(`set webhook: HTTP ${webhook.status}`);
  return webhook.body.webhookSecret as string;
};

/** A referral as the school makes it, about a fictional child. */
export const demoReferral = (receivedAt: string) => ({
  receivedAt,
  referrer: { source: '2A', organisationId: DEMO_SCHOOL.urn, name: 'Demo DSL (fictional)', role: 'Designated safeguarding lead' },
  child: {
    givenName: 'Robin',
    familyName: 'Example',
    dateOfBirth: '2016-05-14',
    sex: 'F',
    postcode: 'FY1 1AA',
    schoolUrn: DEMO_SCHOOL.urn,
  },
  concerns: { summary: 'Demo: the child has come to school hungry and tired for two weeks.', factors: ['16A'] },
  consent: { given: true },
});
