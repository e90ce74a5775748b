/**
 * The parent side of sandbox-process.js: start a sandbox account as a child process, send it commands,
 * and kill it with SIGKILL (no shutdown code runs: what a crash or an OOM kill leaves is what stays).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';

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
