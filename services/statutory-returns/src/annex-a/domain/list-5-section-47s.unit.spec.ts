import { AS_OF, aCase, aChildRecord, aConference, aSection47, rowsOf } from '../../../test/annex-a-builders';
import { LIST_5_SECTION_47S } from './list-5-section-47s';

type Case = ReturnType<typeof aCase>;
const list5 = (...cases: Case[]) => rowsOf(LIST_5_SECTION_47S.build([aChildRecord({ cases })], AS_OF));

describe('Annex A list 5: Section 47 enquiries and ICPCs', () => {
  it('has a row for each enquiry open at any time in the six months, concluded or not', () => {
    const rows = list5(
      aCase({
        section47s: [
          aSection47({ section47Id: 'across', startedOn: '2025-05-01', concludedOn: '2025-05-20' }),
          aSection47({ section47Id: 'open', startedOn: '2025-11-10', concludedOn: null, icpcRequired: null }),
        ],
      }),
    );
    expect(rows.map((row) => row['Strategy discussion initiating Section 47 Enquiry Start Date'])).toEqual(['2025-05-01', '2025-11-10']);
    expect(rows[1]['Was an Initial Child Protection Conference deemed unnecessary?']).toBeNull();
  });

  it('leaves out enquiries concluded before the six months and those begun after the reference day', () => {
    const rows = list5(
      aCase({
        section47s: [
          aSection47({ section47Id: 'old', startedOn: '2025-04-01', concludedOn: '2025-05-13' }),
          aSection47({ section47Id: 'future', startedOn: '2025-11-17', concludedOn: null }),
        ],
      }),
    );
    expect(rows).toEqual([]);
  });

  it('fills the conference that followed the enquiry and whether it made a plan', () => {
    const [row] = list5(aCase({ section47s: [aSection47()], conferences: [aConference()] }));
    expect(row).toMatchObject({
      'Does the Child have a Disability': 'b) No',
      'Strategy discussion initiating Section 47 Enquiry Start Date': '2025-06-05',
      'Was an Initial Child Protection Conference deemed unnecessary?': 'b) No',
      'Date of Initial Child Protection Conference': '2025-06-25',
      'Did the Initial Child Protection Conference Result in a Child Protection Plan': 'a) Yes',
      'Number of Section 47 Enquiries in the last 12 months': 0,
      'Number of ICPCs in the last 12 months': 0,
      'Allocated Team': null,
      'Allocated Worker': null,
    });
  });

  it('says a conference was deemed unnecessary when the enquiry concluded without one', () => {
    const [row] = list5(aCase({ section47s: [aSection47({ icpcRequired: false })] }));
    expect(row['Was an Initial Child Protection Conference deemed unnecessary?']).toBe('a) Yes');
    expect(row['Date of Initial Child Protection Conference']).toBeNull();
  });

  it("counts the child's enquiries and conferences in the twelve months before the enquiry, across cases", () => {
    const earlier = aCase({
      caseId: 'earlier',
      closedOn: '2025-03-01',
      section47s: [
        aSection47({ section47Id: 'too-old', startedOn: '2024-05-01', concludedOn: '2024-05-20' }),
        aSection47({ section47Id: 'within', startedOn: '2024-09-01', concludedOn: '2024-09-10' }),
      ],
      conferences: [aConference({ conferenceId: 'icpc-1', heldOn: '2024-09-20', section47Id: 'within' })],
    });
    const [row] = list5(earlier, aCase({ section47s: [aSection47()], conferences: [aConference()] }));
    expect([row['Number of Section 47 Enquiries in the last 12 months'], row['Number of ICPCs in the last 12 months']]).toEqual([1, 1]);
  });
});
