/**
 * A browser without a browser for journeys across two sites (the console and its sign-in provider):
 * cookies kept per origin, redirects followed one by one (so a test can stop at one and change it),
 * forms posted urlencoded.
 */
export interface Answer {
  url: URL;
  status: number;
  location: URL | null;
  html: string;
}

export class WebAgent {
  private readonly cookies = new Map<string, Map<string, string>>();

  async get(url: string | URL): Promise<Answer> {
    return this.request(new URL(url), { method: 'GET' });
  }

  async post(url: string | URL, fields: Record<string, string>): Promise<Answer> {
    return this.request(new URL(url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** Follows redirects (as GETs) until a page answers, or until one leads where `stopAt` says (that redirect is returned). */
  async follow(answer: Answer, stopAt: (next: URL) => boolean = () => false): Promise<Answer> {
    let current = answer;
    for (let hops = 0; current.location && hops < 20; hops += 1) {
      if (stopAt(current.location)) return current;
      current = await this.get(current.location);
    }
    return current;
  }

  /** The page's first form: where it posts, and its hidden fields. */
  static formOf(answer: Answer): { action: URL; hidden: Record<string, string> } {
    const action = /<form[^>]*action="([^"]*)"/.exec(answer.html);
    if (!action) throw new Error(`no form on ${answer.url.pathname} (${answer.status})`);
    const hidden = Object.fromEntries(
      [...answer.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(([, name, value]) => [name, value]),
    );
    return { action: new URL(action[1].replace(/&amp;/g, '&'), answer.url), hidden };
  }

  cookiesFor(origin: string): Map<string, string> {
    return this.cookies.get(new URL(origin).origin) ?? new Map();
  }

  setCookies(origin: string, cookies: Map<string, string>): void {
    this.cookies.set(new URL(origin).origin, new Map(cookies));
  }

  private async request(url: URL, init: RequestInit): Promise<Answer> {
    const jar = this.cookies.get(url.origin) ?? new Map<string, string>();
    this.cookies.set(url.origin, jar);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, ...(cookie ? { Cookie: cookie } : {}) } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const separator = pair.indexOf('=');
      const [name, value] = [pair.slice(0, separator), pair.slice(separator + 1)];
      // An expired cookie (signing out) is gone.
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    const location = response.headers.get('location');
    return { url, status: response.status, location: location ? new URL(location, url) : null, html: await response.text() };
  }
}
