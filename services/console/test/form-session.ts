/**
 * A browser without a browser, for what the keyboard journey does not reach: a cookie jar, no redirects
 * followed, forms posted urlencoded with the page's CSRF token.
 */
export class FormSession {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async get(path: string) {
    return this.request(path, { method: 'GET' });
  }

  async post(path: string, fields: Record<string, string>) {
    return this.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** The hidden field's value in a page's first form that has it (`_csrf`, `version`). */
  static hiddenField(html: string, name: string): string {
    const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
    if (!match) throw new Error(`no hidden field ${name} on the page`);
    return match[1];
  }

  async signIn(role: string, organisation: string): Promise<void> {
    const page = await this.get('/sign-in');
    const signedIn = await this.post('/sign-in', { _csrf: FormSession.hiddenField(page.html, '_csrf'), role, organisation });
    if (signedIn.status !== 303) throw new Error(`sign-in answered ${signedIn.status}`);
  }

  private async request(path: string, init: RequestInit) {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, ...(cookie ? { Cookie: cookie } : {}) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const separator = pair.indexOf('=');
      this.cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  }
}
