import { escapeLiteral } from 'pg';
import { statementTextForTrace } from './statement-text';

describe('the statement text a trace shows', () => {
  it("masks the values written into a transaction's opening statement", () => {
    const childId = '22222222-2222-4222-8222-222222222222';
    const awkward = `O'Brien \\ '' $2 -- ;`;
    const opening = `START TRANSACTION; INSERT INTO inbox (consumer, event_id) VALUES (${escapeLiteral('notify')}, ${escapeLiteral(childId)}); SELECT * FROM facts WHERE child_id = ${escapeLiteral(awkward)}`;
    expect(statementTextForTrace(opening)).toBe(
      'START TRANSACTION; INSERT INTO inbox (consumer, event_id) VALUES (?, ?); SELECT * FROM facts WHERE child_id = ?',
    );
  });

  it('shows any other statement as sent: its values are bound, not written in', () => {
    const text = `SELECT * FROM webhook_deliveries WHERE state = 'PENDING' AND school_urn = $1`;
    expect(statementTextForTrace(text, ['100001'])).toBe(text);
    expect(statementTextForTrace(text)).toBe(text);
    expect(statementTextForTrace('COMMIT')).toBe('COMMIT');
  });
});
