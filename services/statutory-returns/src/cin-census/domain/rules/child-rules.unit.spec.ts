import { upnCheckLetter } from '@csc/domain';
import { aChild, aReturn } from '../../../../test/census-builders';
import { CHILD_RULES } from './child-rules';

const codeOrder = (code: string): number => Number.parseInt(code, 10);

describe('CHILD_RULES', () => {
  it('holds each child and whole-return rule once, in the DfE code order', () => {
    const codes = CHILD_RULES.map((rule) => rule.code);
    expect(new Set(codes).size).toBe(34);
    expect(codes).toEqual([...codes].sort((a, b) => codeOrder(a) - codeOrder(b)));
  });

  it('finds nothing in a return whose children are recorded in full', () => {
    // given: two children whose disabilities between them use eight codes, one child with several
    const census = aReturn([
      aChild({ disabilities: ['MOB', 'HAND', 'PC', 'INC'] }),
      aChild({
        childId: '00000000-0000-4000-8000-0000000000a2',
        laChildId: 'A0000000000000000002',
        upn: `${upnCheckLetter('823456789013')}823456789013`,
        disabilities: ['COMM', 'LD', 'HEAR', 'VIS'],
      }),
    ]);

    // when
    const findings = CHILD_RULES.flatMap((rule) => rule.check(census));

    // then
    expect(findings).toEqual([]);
  });
});
