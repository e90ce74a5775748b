/**
 * README.md's commands as a reader meets them: every line of its sh/bash code blocks (`\` continuations
 * joined, comments dropped, `a && b` as two commands) and every inline code span that starts with a command
 * word (`npm run bench` in a sentence). Plus what it takes to run them here: shell words, optional `[…]`
 * parts, and a curl line turned into a fetch (CI machines have Node, not necessarily curl).
 */

export interface ReadmeCommand {
  /** The command's words joined by single spaces: how the test names it. */
  text: string;
  words: string[];
  /** The README line it was read from, for failure messages. */
  line: number;
}

const COMMAND_WORDS = /^(npm|npx|node|curl|suitecloud|apt-get|sqlite3) /;

/** Shell words of one line, up to an unquoted `#` comment; quotes removed, `\x` outside quotes is x. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === '#' && word === null) {
      break;
    } else if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unclosed ${c} in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

function split(words: string[], line: number): ReadmeCommand[] {
  const out: ReadmeCommand[] = [];
  let cur: string[] = [];
  for (const w of [...words, '&&']) {
    if (w !== '&&') cur.push(w);
    else if (cur.length) {
      out.push({ text: cur.join(' '), words: cur, line });
      cur = [];
    }
  }
  return out;
}

export function readmeCommands(markdown: string): ReadmeCommand[] {
  const lines = markdown.split('\n');
  const out: ReadmeCommand[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (fence === null && open) {
      fence = open[1];
      continue;
    }
    if (fence !== null && /^```\s*$/.test(lines[i])) {
      fence = null;
      continue;
    }
    if (fence === 'sh' || fence === 'bash') {
      const start = i;
      let text = lines[i];
      while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1)} ${lines[++i]}`;
      out.push(...split(shellWords(text), start + 1));
    } else if (fence === null) {
      for (const m of lines[i].matchAll(/`([^`]+)`/g)) {
        if (COMMAND_WORDS.test(m[1])) out.push(...split(m[1].split(/\s+/), i + 1));
      }
    }
  }
  return out;
}

/** A README line with its `[optional parts]` left out: what a reader types first. */
export function minimalForm(words: string[]): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const w of words) {
    if (w.startsWith('[')) depth++;
    if (depth === 0) out.push(w);
    if (w.endsWith(']')) depth--;
  }
  return out;
}

/** The same line with every optional part in, its placeholders (`customscript_…`) filled from `fill`. */
export function fullForm(words: string[], fill: Record<string, string>): string[] {
  return words.map((w) => w.replace(/^\[+/, '').replace(/\]+$/, '')).map((w) => fill[w] ?? w);
}

export interface CurlRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** A curl command's request; a flag this does not know fails, so a new README curl cannot be half-run. */
export function curlRequest(words: string[]): CurlRequest {
  const req: CurlRequest = { method: '', url: '', headers: {} };
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w === '-H' || w === '--header') {
      const [name, ...value] = words[++i].split(':');
      req.headers[name.trim()] = value.join(':').trim();
    } else if (w === '-d' || w === '--data' || w === '--data-raw') {
      req.body = words[++i];
    } else if (w === '-X' || w === '--request') {
      req.method = words[++i];
    } else if (!w.startsWith('-') && !req.url) {
      req.url = w;
    } else {
      throw new Error(`curl option ${w} is not translated to fetch (in: ${words.join(' ')})`);
    }
  }
  req.method ||= req.body === undefined ? 'GET' : 'POST';
  // curl -d sends a form content type unless the line sets one, as the README's lines do.
  if (req.body !== undefined && !Object.keys(req.headers).some((h) => h.toLowerCase() === 'content-type')) {
    req.headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  return req;
}
