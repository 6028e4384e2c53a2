/** How the console signs people in with OpenID Connect (authorisation code flow with PKCE). */
export interface OidcSettings {
  issuerUrl: URL;
  clientId: string;
  /** None for a public client (PKCE alone). */
  clientSecret: string | null;
  /** The console's /sign-in/callback as the provider has it registered. */
  redirectUrl: URL;
  scopes: string;
  /** The services' audience, asked for as the access token's resource (RFC 8707), so the services accept it. */
  resource: string;
  roleClaim: string;
  orgClaim: string;
  /** Plain http only to a provider on this machine, in development and tests (openid-client refuses it otherwise). */
  allowHttp: boolean;
}

/**
 * OIDC_* settings, or null when OIDC_ISSUER_URL is not set (the local development sign-in then).
 * Checked at start: a production console talks to its provider over https only.
 */
export const oidcSettingsFrom = (env: NodeJS.ProcessEnv, production: boolean): OidcSettings | null => {
  if (!env.OIDC_ISSUER_URL) return null;
  const issuerUrl = urlSetting(env, 'OIDC_ISSUER_URL');
  const allowHttp = issuerUrl.protocol === 'http:';
  if (allowHttp && (production || issuerUrl.hostname !== '127.0.0.1'))
    throw new Error('OIDC_ISSUER_URL: must be https (http only for 127.0.0.1, outside production)');
  if (issuerUrl.protocol !== 'https:' && !allowHttp) throw new Error('OIDC_ISSUER_URL: must be https');
  const clientId = env.OIDC_CLIENT_ID ?? '';
  if (!clientId) throw new Error('OIDC_CLIENT_ID: is required with OIDC_ISSUER_URL');
  const redirectUrl = urlSetting(env, 'OIDC_REDIRECT_URL');
  if (production && redirectUrl.protocol !== 'https:') throw new Error('OIDC_REDIRECT_URL: must be https in production');
  const scopes = (env.OIDC_SCOPES ?? 'openid profile').trim();
  if (!scopes.split(/\s+/).includes('openid')) throw new Error('OIDC_SCOPES: must include openid');
  if (!env.JWT_AUDIENCE)
    throw new Error("JWT_AUDIENCE: is required with OIDC_ISSUER_URL (the services' audience, asked for as the resource)");
  return {
    issuerUrl,
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET || null,
    redirectUrl,
    scopes,
    resource: env.JWT_AUDIENCE,
    roleClaim: env.OIDC_ROLE_CLAIM || 'role',
    orgClaim: env.OIDC_ORG_CLAIM || 'org',
    allowHttp,
  };
};

const urlSetting = (env: NodeJS.ProcessEnv, name: string): URL => {
  try {
    return new URL(env[name] ?? '');
  } catch {
    throw new Error(`${name}: must be an absolute URL`);
  }
};
