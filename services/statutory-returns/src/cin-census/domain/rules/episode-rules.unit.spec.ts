import { aReturn } from '../../../../test/census-builders';
import { EPISODE_RULES } from './episode-rules';

describe('EPISODE_RULES', () => {
  it('holds the CIN episode, assessment and CIN plan rules, in code order', () => {
    expect(EPISODE_RULES.map((rule) => rule.code)).toEqual([
      '1103',
      '2990',
      '2991Q',
      '4000',
      '4004',
      '4008',
      '4009Q',
      '4010',
      '4011',
      '4012Q',
      '4013',
      '4014',
      '4015',
      '8565',
      '8568',
      '8569Q',
      '8600',
      '8606',
      '8608',
      '8610',
      '8614',
      '8620',
      '8630',
      '8640',
      '8650',
      '8670Q',
      '8696',
      '8736',
      '8805',
      '8810',
      '8825Q',
      '8831',
      '8863Q',
      '8866',
      '8867',
      '8869',
      '8873Q',
      '8896',
      '8897Q',
      '8898',
      '8945Q',
      '8950Q',
    ]);
  });

  it('makes queries of the Q codes and errors of the rest', () => {
    for (const { code, severity } of EPISODE_RULES) expect([code, severity]).toEqual([code, code.endsWith('Q') ? 'QUERY' : 'ERROR']);
  });

  it('finds nothing in the builders’ child, who passes every rule', () => {
    const census = aReturn();
    expect(EPISODE_RULES.flatMap((rule) => rule.check(census))).toEqual([]);
  });
});
