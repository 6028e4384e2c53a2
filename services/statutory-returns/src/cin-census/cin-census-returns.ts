import { Injectable } from '@nestjs/common';
import { ChildRecordsRepository } from '../child-records/child-records.repository';
import { LocalAuthority } from '../local-authority/local-authority';
import type { CensusChild, CensusReturn, CollectionYear } from './domain/census-return';
import { censusChildOf, censusReturnFrom } from './domain/census-return-of';

/** The CIN census return for a year, made from the child records as the log stands now. */
@Injectable()
export class CinCensusReturns {
  constructor(
    private readonly records: ChildRecordsRepository,
    private readonly authority: LocalAuthority,
  ) {}

  async returnFor(year: CollectionYear): Promise<CensusReturn> {
    // Each chunk of records becomes census children at once: a large year's records are never all held.
    const children = await this.records.read(async (reader) => {
      const made: (CensusChild | null)[] = [];
      for await (const chunk of reader.records(await reader.withCinEpisodeBetween(year.start, year.end))) {
        for (const record of chunk) made.push(censusChildOf(record, year));
      }
      return made;
    });
    return censusReturnFrom(children, year, this.authority.code);
  }
}
