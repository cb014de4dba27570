/** One answer a browser saw on its way, with where it was. */
export interface BrowserStep {
  url: string;
  status: number;
  location: string | null;
}

/**
 * A browser enough for sign-in flows: keeps cookies per origin (name=value, dropped when expired) and follows
 * redirects by hand, so a test sees every hop and the cookies each origin set.
 */
export class TestBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  /** The cookies the browser holds for an origin. */
  cookies(origin: string): Map<string, string> {
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }

  /** Sends one request with the origin's cookies, records the cookies it sets, and does not follow redirects. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = this.cookies(origin);
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const expired = attributes.some(
        (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && new Date(a.slice(8)).getTime() < Date.now()),
      );
      if (expired) jar.delete(name);
      else jar.set(name, pair.slice(eq + 1));
    }
    return response;
  }

  /** Follows redirects from `url` (GET) until an answer that is not one; returns every hop and the last response. */
  async follow(url: string, maxHops = 20): Promise<{ steps: BrowserStep[]; response: Response }> {
    const steps: BrowserStep[] = [];
    let current = url;
    for (let hop = 0; hop < maxHops; hop += 1) {
      const response = await this.request(current);
      const location = response.headers.get('location');
      steps.push({ url: current, status: response.status, location });
      if (response.status < 300 || response.status >= 400 || !location) return { steps, response };
      await response.arrayBuffer();
      current = new URL(location, current).href;
    }
    throw new Error(`more than ${maxHops} redirects from ${url}: ${steps.map((s) => s.url).join(' -> ')}`);
  }
}
