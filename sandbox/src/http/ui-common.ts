/** What the sign-in routes and the Suitelet host share: HTML and redirect responses, the page chrome. */
import type { ServerResponse } from 'node:http';

import type { Account } from '../account';
import type { Chrome } from '../ui/html';
import type { Session } from './sessions';

type Headers = Record<string, string | string[]>;

export function sendPage(res: ServerResponse, status: number, body: string, headers: Headers = {}): void {
  // Pages of the account are never cached: they depend on who is signed in.
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

export function redirect(res: ServerResponse, location: string, headers: Headers = {}): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store', ...headers });
  res.end();
}

/** Where to go after signing in: a path on this host only (no open redirect). */
export const localTarget = (target: string | null): string => (target && /^\/(?![/\\])/.test(target) ? target : '/');

/** The navigation bar's account, user and role. */
export function chromeFor(account: Account, session: Session | null): Chrome {
  const company: string = account.settings.companyName;
  if (!session) return { company };
  return { company, user: session.name, role: session.roles.find((r) => r.id === session.role)?.name };
}
