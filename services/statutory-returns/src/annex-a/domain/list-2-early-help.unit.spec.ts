import { AS_OF, aChildRecord, anEarlyHelpEpisode, rowsOf } from '../../../test/annex-a-builders';
import { LIST_2_EARLY_HELP } from './list-2-early-help';

const list2 = (...episodes: ReturnType<typeof anEarlyHelpEpisode>[]) =>
  rowsOf(LIST_2_EARLY_HELP.build([aChildRecord({ earlyHelp: episodes })], AS_OF));

describe('Annex A list 2: early help', () => {
  it('takes in early help open now and early help that ran at any time in the six months', () => {
    const rows = list2(
      anEarlyHelpEpisode({ episodeId: 'open', openedOn: '2024-12-01', assessmentCompletedOn: '2025-01-10' }),
      anEarlyHelpEpisode({ episodeId: 'closed-in-period', openedOn: '2025-02-01', closedOn: '2025-05-14' }),
    );
    expect(rows.map((row) => row['Assessment start date'])).toEqual(['2024-12-01', '2025-02-01']);
  });

  it('leaves out episodes closed before the six months, and those opened after the reference day', () => {
    expect(
      list2(
        anEarlyHelpEpisode({ episodeId: 'old', openedOn: '2025-01-01', closedOn: '2025-05-13' }),
        anEarlyHelpEpisode({ episodeId: 'future', openedOn: '2025-11-15' }),
      ),
    ).toEqual([]);
  });

  it('dates the assessment from the episode, and not its completion if that came after the reference day', () => {
    const [done] = list2(anEarlyHelpEpisode());
    expect([done['Assessment start date'], done['Assessment completion date']]).toEqual(['2025-07-10', '2025-08-01']);
    const [later] = list2(anEarlyHelpEpisode({ assessmentCompletedOn: '2025-11-20' }));
    expect(later['Assessment completion date']).toBeNull();
    expect(done['Organisation completing assessment']).toBeNull();
  });
});
