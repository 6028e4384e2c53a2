import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The front door's queue (GET /v1/referrals): one row per referral, kept in the same transaction as
 * each append to the referral's stream (keepReferralQueue), and filled here from the events
 * already in the log. Ids, codes, dates and flags only: no name or identifier (those stay sealed in
 * the events, per child). The backfill reads fields outside `subject`, which ReferralReceived v1
 * and v2 share (v2 only added sealed characteristics), so no upcasting is needed to read them.
 */
export class CreateReferralQueue1767600000000 implements MigrationInterface {
  name = 'CreateReferralQueue1767600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE referral_queue (
        referral_id uuid PRIMARY KEY,
        child_id uuid NOT NULL,
        received_at timestamptz NOT NULL,
        referral_date date NOT NULL,
        source text NOT NULL,
        referrer_organisation_id text,
        school_urn text,
        status text NOT NULL,
        version integer NOT NULL,
        child_known boolean NOT NULL DEFAULT false,
        decided_at timestamptz,
        cin_referral boolean
      )`);
    // The queue's order (and its keyset), and a child's earlier referrals for the re-referral flag.
    await queryRunner.query(`CREATE INDEX referral_queue_order ON referral_queue (received_at, referral_id)`);
    await queryRunner.query(`CREATE INDEX referral_queue_by_child ON referral_queue (child_id, received_at)`);
    await queryRunner.query(`
      INSERT INTO referral_queue (referral_id, child_id, received_at, referral_date, source, referrer_organisation_id, school_urn,
                                  status, version, child_known, decided_at, cin_referral)
      SELECT (received.data->>'referralId')::uuid,
             (received.data->>'childId')::uuid,
             (received.data->>'receivedAt')::timestamptz,
             ((received.data->>'receivedAt')::timestamptz AT TIME ZONE 'Europe/London')::date,
             received.data->>'source',
             received.data->>'referrerOrganisationId',
             received.data->'child'->>'schoolUrn',
             CASE latest.type WHEN 'ReferralDecided' THEN 'DECIDED' WHEN 'InformationRequested' THEN 'AWAITING_INFORMATION' ELSE 'RECEIVED' END,
             stream.version,
             coalesce((matched.data->>'matchedExistingChild')::boolean, false),
             (decided.data->>'decidedAt')::timestamptz,
             (decided.data->>'cinReferral')::boolean
        FROM events received
        JOIN LATERAL (SELECT max(stream_version) AS version FROM events WHERE stream_id = received.stream_id) stream ON true
        LEFT JOIN LATERAL (
          SELECT type FROM events
           WHERE stream_id = received.stream_id AND type IN ('InformationRequested', 'InformationProvided', 'ReferralDecided')
           ORDER BY stream_version DESC LIMIT 1) latest ON true
        LEFT JOIN events matched ON matched.stream_id = received.stream_id AND matched.type = 'ChildMatched'
        LEFT JOIN events decided ON decided.stream_id = received.stream_id AND decided.type = 'ReferralDecided'
       WHERE received.type = 'ReferralReceived' AND received.stream_id LIKE 'referral-%'
      ON CONFLICT (referral_id) DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE referral_queue`);
  }
}
