/**
 * A page action that changes something runs only on a POST from a page of this account: the browser
 * names the page it came from (Origin, else Referer), and its host must be the host the request went
 * to. A form on another site that posts to the Suitelet in an admin's browser (a cross-site request
 * forgery, which the session cookie alone would let through) is refused.
 */
import type * as http from 'N/http';

export function fromThisAccount(request: http.ServerRequest): boolean {
  const headers = (request.headers ?? {}) as Record<string, string | undefined>;
  const get = (name: string): string => {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
    return key ? String(headers[key] ?? '') : '';
  };
  const host = get('host').toLowerCase();
  const from = /^https?:\/\/([^/?#]+)/i.exec(get('origin') || get('referer'));
  return !!host && !!from && from[1].toLowerCase() === host;
}

export const CROSS_SITE = 'This action was not confirmed from this account\'s own page (the request came from another site, or said nothing of where it came from): open the page and confirm it there.';
