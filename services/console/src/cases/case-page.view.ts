import { Injectable, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { isUuid } from '../api/form-refusal';
import { ServicesApi } from '../api/services-api';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { casePage, type CasePageState, type ChronologyRead } from './case-page';
import type { CaseRead } from './case-read';

/** The case page as it stands now (the case and its history read afresh), with a refused form's state over it. */
@Injectable()
export class CasePageView {
  constructor(private readonly api: ServicesApi) {}

  async show(response: Response, status: number, caseId: string, user: SignedInUser, state: Partial<CasePageState>): Promise<void> {
    const path = `/v1/cases/${caseId}`;
    const [read, chronology] = await Promise.all([
      this.api.get<CaseRead>('caseProgression', path, user),
      this.api.get<ChronologyRead>('caseProgression', `${path}/history`, user),
    ]);
    const formVersion = state.formVersion !== undefined ? state.formVersion : (read.version ?? read.body.version);
    response.status(status).render('cases/case', casePage(read.body, chronology.body, { ...state, formVersion }));
  }
}

/** An id from the page's address: the API would say 400 for a malformed one; for a person it is a page that does not exist. */
export const idFromAddress = (id: string): string => {
  if (!isUuid(id)) throw new NotFoundException();
  return id.toLowerCase();
};
