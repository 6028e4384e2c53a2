import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The case each referral opened or joined, from case-progression's events (docs/http-api.md: the referral shows its case id once open). */
export class CreateReferralCases1764000000001 implements MigrationInterface {
  name = 'CreateReferralCases1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE referral_cases (referral_id uuid PRIMARY KEY, case_id uuid NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE referral_cases`);
  }
}
