import { ForbiddenException, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

/** The authority whose returns this service makes. */
export class LocalAuthority {
  constructor(
    /** The DfE's three-digit code: the CIN census header's LEA. */
    readonly code: string,
  ) {}

  /** Tokens name the authority by its code, bare or as `LA<code>` (the form the local tokens carry). */
  isOwn(org: string): boolean {
    return org === this.code || org === `LA${this.code}`;
  }

  /** A return is the authority's own: an analyst of another organisation may not make it (403). */
  assertOwn(org: string): void {
    if (!this.isOwn(org))
      throw new ForbiddenException([`org: the returns are local authority ${this.code}'s own; another organisation may not make them`]);
  }
}

/** Development's fictional authority (tokens carry org LA888); production must say which it is. */
const DEVELOPMENT_CODE = '888';

export const localAuthorityProvider: Provider = {
  provide: LocalAuthority,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => {
    const code = config.get<string>('LOCAL_AUTHORITY_CODE');
    if (code) return new LocalAuthority(code);
    if (config.get<string>('NODE_ENV') === 'production') {
      throw new Error('LOCAL_AUTHORITY_CODE: required in production (the three-digit DfE code the census header carries)');
    }
    return new LocalAuthority(DEVELOPMENT_CODE);
  },
};
