/**
 * The parent side of sandbox-process.js: start a sandbox account as a child process, send it commands,
 * and kill it with SIGKILL (no shutdown code runs: what a crash or an OOM kill leaves is what stays).
 * crashDataPerTest gives each test a fresh data folder and account file, and cleans up after it.
 */
import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { accountData } from '../../bench/webhook-world';

export interface SandboxProcess {
  url: string;
  pid: number;
  call<T = unknown>(cmd: string, ...args: unknown[]): Promise<T>;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
  /** Close the account cleanly (end of stdin) and wait for the process to end. */
  close(): Promise<void>;
}

/** @param faults the sandbox's boot option `faults` (crash injection), passed to the child as JSON */
export async function spawnSandbox(dataDir: string, accountFile: string, faults?: Record<string, unknown>): Promise<SandboxProcess> {
  const args = [path.join(__dirname, 'sandbox-process.js'), dataDir, accountFile, ...(faults ? [JSON.stringify(faults)] : [])];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let ready: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve, reject) => {
    ready = resolve;
    void exited.then(({ code, signal }) => reject(new Error(`the sandbox process ended (${code ?? signal}) before it served: ${stderr}`)));
  });
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const msg = JSON.parse(line) as { ready?: boolean; url?: string; id?: number; result?: unknown; error?: string };
    if (msg.ready) return ready(msg.url!);
    const p = pending.get(msg.id!);
    pending.delete(msg.id!);
    if (p && msg.error) p.reject(new Error(msg.error));
    else if (p) p.resolve(msg.result);
  });
  void exited.then(({ code, signal }) => {
    for (const p of pending.values()) p.reject(new Error(`the sandbox process ended (${code ?? signal})`));
    pending.clear();
  });
  let seq = 0;
  return {
    url: await url,
    pid: child.pid!,
    exited,
    call<T>(cmd: string, ...args: unknown[]) {
      const id = ++seq;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.stdin.write(`${JSON.stringify({ id, cmd, args })}\n`);
      });
    },
    kill: () => child.kill('SIGKILL'),
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

/** One test's data: what the sandbox processes it starts share. */
export interface CrashData {
  /** a new temporary folder: account.sqlite appears here once a process boots */
  dataDir: string;
  /** the webhook bench's account (bench/webhook-world.js accountData) as JSON, inside dataDir */
  accountFile: string;
  /** the API secret the account signs webhooks with (a receiver's secret is `whsec_${keyBase64}`) */
  keyBase64: string;
  /** spawnSandbox on this data; a process still running when the test ends is killed */
  spawn(faults?: Record<string, unknown>): Promise<SandboxProcess>;
}

/**
 * Call at the top of a test file: registers an afterEach that SIGKILLs the processes the test started and
 * removes its data folder. The returned function makes the data, once per test.
 * @param prefix the temporary folder's name prefix
 */
export function crashDataPerTest(prefix: string): () => CrashData {
  let dataDir: string | null = null;
  const children: SandboxProcess[] = [];
  afterEach(async () => {
    // Killing a process that has already ended does nothing; its `exited` is settled.
    for (const c of children.splice(0)) {
      c.kill();
      await c.exited;
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    dataDir = null;
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dataDir = dir;
    const keyBase64 = crypto.randomBytes(24).toString('base64');
    const accountFile = path.join(dir, 'account.json');
    fs.writeFileSync(accountFile, JSON.stringify(accountData(keyBase64)));
    return {
      dataDir: dir, accountFile, keyBase64,
      async spawn(faults) {
        const p = await spawnSandbox(dir, accountFile, faults);
        children.push(p);
        return p;
      },
    };
  };
}
