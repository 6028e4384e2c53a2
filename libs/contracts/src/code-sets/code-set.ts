/** A closed set of codes with their meaning, as published (CIN census XSD, Supporting Families). */
export type CodeSet<TCode extends string> = Readonly<Record<TCode, string>>;

export const codesOf = <TCode extends string>(set: CodeSet<TCode>): TCode[] => Object.keys(set) as TCode[];

export const isCodeIn =
  <TCode extends string>(set: CodeSet<TCode>) =>
  (value: unknown): value is TCode =>
    typeof value === 'string' && Object.hasOwn(set, value);
