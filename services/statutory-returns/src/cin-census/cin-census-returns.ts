import { Injectable } from '@nestjs/common';
import { ChildRecordsRepository } from '../child-records/child-records.repository';
import type { ChildRecord } from '../child-records/domain/child-record';
import { LocalAuthority } from '../local-authority/local-authority';
import type { CensusReturn, CollectionYear } from './domain/census-return';
import { censusReturnOf } from './domain/census-return-of';

/** The CIN census return for a year, made from the child records as the log stands now. */
@Injectable()
export class CinCensusReturns {
  constructor(
    private readonly records: ChildRecordsRepository,
    private readonly authority: LocalAuthority,
  ) {}

  async returnFor(year: CollectionYear): Promise<CensusReturn> {
    const records = await this.records.read(async (reader) => {
      const read: ChildRecord[] = [];
      for await (const chunk of reader.records(await reader.withCinEpisodeBetween(year.start, year.end))) read.push(...chunk);
      return read;
    });
    return censusReturnOf(records, year, this.authority.code);
  }
}
