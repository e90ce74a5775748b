/**
 * The sandbox's pages share one shell: a NetSuite-like navigation bar (account, user, role, sign-out) and a
 * small inline stylesheet. No external assets: pages must render with the network closed.
 */

/** What pages print: text, numbers, flags; nothing prints for null or undefined. */
export type Text = string | number | boolean | bigint | null | undefined;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escape text for element content and quoted attribute values. */
export const esc = (s: Text): string => String(s ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] || c);

/** An href the page may link to: http(s) or a path on this host; anything else (javascript:, data:) is dropped. */
export const safeHref = (url: Text): string => (/^(https?:\/\/|\/(?!\/))/i.test(String(url ?? '')) ? esc(url) : '#');

const CSS = `
body{margin:0;font:13px Arial,Helvetica,sans-serif;color:#262626;background:#f5f6f8}
.ns-nav{display:flex;justify-content:space-between;align-items:center;background:#24385b;color:#fff;padding:6px 16px}
.ns-nav a{color:#fff}
.ns-nav .ns-who{font-size:12px}
.ns-page{max-width:1100px;margin:0 auto;padding:12px 16px}
.ns-titlebar{display:flex;justify-content:space-between;align-items:baseline;border-bottom:1px solid #d5dbe3;margin-bottom:8px}
.ns-title{font-size:22px;font-weight:normal;margin:8px 0}
.ns-crumbs,.ns-crosslinks{font-size:12px}
.ns-buttons{display:flex;gap:6px;margin:8px 0 12px}
.ns-btn{font:bold 13px Arial,sans-serif;padding:4px 12px;border:1px solid #b2b2b2;border-radius:3px;background:#e5e5e5;cursor:pointer}
.ns-btn-primary{background:#125ab2;border-color:#0e4a94;color:#fff}
.ns-fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:8px 24px;margin:8px 0}
.ns-field label,.ns-field .ns-label{display:block;font-size:11px;text-transform:uppercase;color:#6f6f6f;margin-bottom:2px}
.ns-req{color:#e3001b;margin-left:2px}
.ns-field input[type=text],.ns-field input[type=password],.ns-field select,.ns-field textarea{width:100%;box-sizing:border-box;padding:3px;border:1px solid #b2b2b2;font:13px Arial,sans-serif}
.ns-inline{display:block;min-height:16px}
.ns-help{color:#4d5f79;margin:4px 0}
fieldset.ns-group{border:0;border-top:1px solid #d5dbe3;margin:12px 0;padding:0}
fieldset.ns-group>legend{font-weight:bold;color:#4d5f79;padding-right:8px}
section.ns-tab{margin-top:16px;border-top:3px solid #607799}
section.ns-tab>h2{font-size:14px;background:#e0e6ef;margin:0;padding:6px 8px}
section.ns-subtab>h3{font-size:13px;margin:8px 0 4px}
.ns-sublist h3{font-size:13px;margin:12px 0 4px}
table.ns-list{border-collapse:collapse;width:100%;background:#fff}
table.ns-list th{background:#e0e6ef;text-align:left;font-size:11px;text-transform:uppercase;padding:4px 6px;border:1px solid #d5dbe3}
table.ns-list td{padding:4px 6px;border:1px solid #e5e9f0;vertical-align:top}
.ns-error{background:#fff;border:1px solid #e3001b;padding:12px 16px;margin:16px 0}
.ns-error h1{font-size:18px;color:#e3001b;margin:0 0 8px}
.ns-card{background:#fff;border:1px solid #d5dbe3;padding:16px 24px;max-width:420px;margin:32px auto}
.ns-card label{display:block;margin:10px 0 2px;font-size:11px;text-transform:uppercase;color:#6f6f6f}
.ns-card input[type=email],.ns-card input[type=password],.ns-card select{width:100%;box-sizing:border-box;padding:5px}
.ns-message{color:#b30000;margin:8px 0}
`;

/** Who is signed in, for the navigation bar. */
export interface Chrome { company: string, user?: string, role?: string }

/** A whole page; body is HTML. */
export function page(p: { title: string, body: string, chrome: Chrome, hideNavBar?: boolean }): string {
  const who = p.chrome.user
    ? `<span class="ns-who">${esc(p.chrome.user)}${p.chrome.role ? ` &middot; ${esc(p.chrome.role)}` : ''} &middot; <a href="/app/center/myroles.nl">Roles</a> &middot; <a href="/pages/nllogoutnoback.jsp">Sign out</a></span>`
    : '<span class="ns-who"><a href="/app/login/secure/enterpriselogin.nl">Sign in</a></span>';
  const nav = p.hideNavBar ? '' : `<div class="ns-nav"><a href="/"><b>${esc(p.chrome.company)}</b></a>${who}</div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(p.title)}</title><style>${CSS}</style></head>
<body>${nav}<div class="ns-page">${p.body}</div></body></html>`;
}

