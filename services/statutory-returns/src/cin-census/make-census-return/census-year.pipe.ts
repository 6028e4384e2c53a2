import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { CollectionYear } from '../domain/census-return';
import { collectionYearOf } from '../domain/collection-year';

/** The `{year}` of a census route as a collection year, or 400 saying what a year looks like. */
export class CensusYearPipe implements PipeTransform<string, CollectionYear> {
  transform(value: string): CollectionYear {
    const year = collectionYearOf(value);
    if (!year) throw new BadRequestException(['year: must be a collection year as the DfE writes it, e.g. 2025-26']);
    return year;
  }
}
