/**
 * Map/Reduce in the sandbox account: input from arrays, objects and SuiteQL, the shuffle, the summary and
 * its iterators, retries and per-key errors, per-invocation governance, user events fired from map, N/task
 * from a script, one unfinished instance per deployment, parallel keys, scheduled deployments on the
 * account clock, and a run that survives a restart. Fixtures: __tests__/fixtures/mapreduce-overlay (its
 * own small account, so the project's webhook endpoints stay out of these runs).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mr } from '../helpers/map-reduce';

import { bootAccount } from '@employee-lifecycle/sandbox';
import { parseRecurrence } from '@employee-lifecycle/sandbox/scheduler/recurrence';

type Account = Awaited<ReturnType<typeof bootAccount>>;

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'mapreduce-overlay');
const WORDS = 'customscript_el_fixture_mr_words';
const WORDS_A = 'customdeploy_el_fixture_mr_words';
const WORDS_B = 'customdeploy_el_fixture_mr_words_b';
const WORDS_HOURLY = 'customdeploy_el_fixture_mr_words_hourly';
const EMPLOYEES = 'customscript_el_fixture_mr_employees';
const UE = 'customscript_el_fixture_mr_ue';
const SCHEDULED = 'customscript_el_fixture_ss';

let dataDir: string;
let account: Account;
const boot = () => bootAccount({ dataDir, overlays: [FIXTURES], accountFile: path.join(FIXTURES, 'account.yaml'), port: false });

const lastSeq = () => account.logs().reduce((m, l) => Math.max(m, l.seq), 0);
/** What a fixture logged under a title since a log position, parsed. */
function seen(script: string, title: string, since = 0): any[] {
  return account.logs({ script, since }).filter((l) => l.title === title).map((l) => JSON.parse(l.detail));
}
const words = (data: unknown, extra: Record<string, unknown> = {}) => ({ custscript_el_fixture_mr_data: JSON.stringify(data), ...extra });
const outputOf = (s: { output: Array<{ key: string, value: string }> }) => Object.fromEntries(s.output.map((o) => [o.key, o.value]));
/** Errors as { key, name, executionNo }, by key then executionNo (keys run in parallel, so they interleave). */
const errorNames = (errors: Array<{ key: string, error: string, executionNo: number }>) =>
  errors.map((e) => ({ key: e.key, name: JSON.parse(e.error).name, executionNo: e.executionNo })).sort(byKey);
const byKey = (a: { key: string, executionNo: number }, b: { key: string, executionNo: number }) => a.key.localeCompare(b.key) || a.executionNo - b.executionNo;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-mapreduce-'));
  account = await boot();
});
afterAll(async () => {
  await account?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('stages, input and the summary', () => {
  test('array input: map writes words, the shuffle groups them, reduce counts, summarize sees it all', async () => {
    const since = lastSeq();
    const s = mr(await account.mapReduce.run(WORDS, WORDS_A, words(['the cat', 'the dog', 'a cat'])));
    expect(s.status).toBe('COMPLETE');
    expect(s.stages.map.keys).toEqual(['0', '1', '2']);
    expect(s.stages.reduce.keys.sort()).toEqual(['a', 'cat', 'dog', 'the']);
    expect(outputOf(s)).toEqual({ the: '2', cat: '2', dog: '1', a: '1' });
    expect(s.stages.map.errors).toEqual([]);

    const [summary] = seen(WORDS, 'fixture summary', since);
    expect(summary).toMatchObject({
      inputError: null, mapKeys: ['0', '1', '2'], mapErrors: [], reduceErrors: [], output: { the: '2', cat: '2', dog: '1', a: '1' },
      firstOnly: 1, concurrency: 2, dateIsDate: true, isRestarted: false, uuid: true, bytes: true, int: 5,
    });
    expect(summary.reduceKeys.sort()).toEqual(['a', 'cat', 'dog', 'the']);
    const maps = seen(WORDS, 'fixture map', since);
    expect(maps.map((m) => [m.key, m.value, m.executionNo, m.isRestarted]).sort()).toEqual([['0', 'the cat', 1, false], ['1', 'the dog', 1, false], ['2', 'a cat', 1, false]]);
    // Every stage invocation runs in the MAPREDUCE context and is in the execution log.
    const entries = account.invocations({ script: WORDS }).filter((i) => i.deployment === WORDS_A).map((i) => `${i.entry}/${i.context}`);
    expect(entries).toEqual(expect.arrayContaining(['getInputData/MAPREDUCE', 'map/MAPREDUCE', 'reduce/MAPREDUCE', 'summarize/MAPREDUCE']));
  });

  test("object input: keys are the object's keys; parameters given at submit override the deployment's", async () => {
    const since = lastSeq();
    const s = mr(await account.mapReduce.run(WORDS, WORDS_A, words({ first: 'red green', second: 'green' }, { custscript_el_fixture_mr_label: 'from the test' })));
    expect(s.stages.map.keys).toEqual(['first', 'second']);
    expect(outputOf(s)).toEqual({ red: '1', green: '2' });
    expect(seen(WORDS, 'fixture input', since)).toEqual([{ isRestarted: false, label: 'from the test' }]);

    const plain = mr(await account.mapReduce.run(WORDS, WORDS_A));
    expect(outputOf(plain)).toEqual({ default: '1', words: '1' });
    expect(seen(WORDS, 'fixture input', since).pop()).toEqual({ isRestarted: false, label: 'from the deployment' });
  });

  test('SuiteQL input with binds: map reads values positionally; its saves fire user events in MAPREDUCE as the run-as role', async () => {
    const since = lastSeq();
    const s = mr(await account.mapReduce.run(EMPLOYEES));
    expect(s.status).toBe('COMPLETE');
    // No reduce stage: map's output is the run's output. Oscar Former is inactive, Ada Admin not named.
    expect(s.output).toEqual([{ key: 'Hopper', value: 'Grace' }, { key: 'Turing', value: 'Alan' }]);
    expect(s.stages.reduce.keys).toEqual([]);
    expect(s.stages.map.usage).toBe(2 * (5 + 10));
    expect(account.records.get('employee', 2)!.title).toBe('Mapped Grace');
    expect(account.records.get('employee', 3)!.title).toBe('Mapped Alan');
    const events = seen(UE, 'fixture mr ue', since);
    expect(events.map((e) => [e.id, e.type, e.executionContext, e.role, e.user])).toEqual([[2, 'edit', 'MAPREDUCE', 1003, 1], [3, 'edit', 'MAPREDUCE', 1003, 1]]);
  });

  test('getInputData returning a search reference fails the input stage by name; summarize reads inputSummary.error', async () => {
    const since = lastSeq();
    const s = mr(await account.mapReduce.run(WORDS, WORDS_A, words({ type: 'search', id: 'customsearch_el_leavers' })));
    expect(s.status).toBe('FAILED');
    const err = JSON.parse(s.stages.input.error!);
    expect(err).toMatchObject({ type: 'error.SuiteScriptError', name: 'SSS_SANDBOX_UNSUPPORTED' });
    expect(err.message).toMatch(/search reference.*customsearch_el_leavers.*suiteql/);
    expect(s.stages.map.keys).toEqual([]);
    const [summary] = seen(WORDS, 'fixture summary', since);
    expect(summary.inputError).toMatchObject({ name: 'SSS_SANDBOX_UNSUPPORTED' });
    expect(summary.mapKeys).toEqual([]);
  });
});

describe('errors and governance', () => {
  test('a key that throws is retried per config.retryCount with executionNo; the other keys complete', async () => {
    const since = lastSeq();
    const s = mr(await account.mapReduce.run(WORDS, WORDS_A, words(['boom', 'flaky', 'ok then'])));
    expect(s.status).toBe('COMPLETE');
    expect(errorNames(s.stages.map.errors)).toEqual([
      { key: '0', name: 'FIXTURE_BOOM', executionNo: 1 },
      { key: '0', name: 'FIXTURE_BOOM', executionNo: 2 },
      { key: '0', name: 'FIXTURE_BOOM', executionNo: 3 },
      { key: '1', name: 'FIXTURE_FLAKY', executionNo: 1 },
    ]);
    expect(JSON.parse(s.stages.map.errors.find((e) => e.key === '0')!.error)).toMatchObject({ type: 'error.SuiteScriptError', message: 'The fixture always fails on boom.' });
    expect(outputOf(s)).toEqual({ flaky: '1', ok: '1', then: '1' });
    // The retry of the flaky key sees its earlier error.
    const retry = seen(WORDS, 'fixture map', since).find((m) => m.key === '1' && m.executionNo === 2);
    expect(retry).toMatchObject({ isRestarted: true, errors: [{ key: '1', name: 'FIXTURE_FLAKY', executionNo: 1 }] });
    const [summary] = seen(WORDS, 'fixture summary', since);
    expect(summary.mapErrors.sort(byKey)).toEqual(errorNames(s.stages.map.errors));
  });

  test('a map invocation that spends more than 1,000 units fails only its key with SSS_USAGE_LIMIT_EXCEEDED', async () => {
    const s = mr(await account.mapReduce.run(WORDS, WORDS_A, words(['burn', 'fine'])));
    expect(errorNames(s.stages.map.errors)).toEqual([1, 2, 3].map((executionNo) => ({ key: '0', name: 'SSS_USAGE_LIMIT_EXCEEDED', executionNo })));
    expect(outputOf(s)).toEqual({ fine: '1' });
    expect(s.stages.map.usage).toBe(3 * 1000);
    const burnt = account.invocations({ script: WORDS }).filter((i) => i.entry === 'map' && i.error?.startsWith('SSS_USAGE_LIMIT_EXCEEDED'));
    expect(burnt.slice(-3).map((i) => i.units)).toEqual([1000, 1000, 1000]);
  });
});

describe('submitting', () => {
  test('task.submit from a user event: checkStatus answers, and a second submit is refused while the first is unfinished', async () => {
    const since = lastSeq();
    await account.records.create('employee', { firstname: 'Sam', lastname: 'Submitter', title: 'submit twice' });
    const [sub] = seen(UE, 'fixture submitted', since);
    expect(sub.taskId).toMatch(/^MAPREDUCETASK_/);
    expect(['PENDING', 'PROCESSING']).toContain(sub.status);
    expect(sub).toMatchObject({ scriptId: WORDS, deploymentId: WORDS_A, remaining: 1000 - 2 * 20 });
    expect(sub.second).toMatchObject({ name: 'MAP_REDUCE_ALREADY_RUNNING' });
    expect(sub.second.message).toMatch(/already has an unfinished instance/);

    const s = mr(await account.mapReduce.wait(sub.taskId));
    expect(s.status).toBe('COMPLETE');
    expect(outputOf(s)).toEqual({ slower: '1', submitted: '1', from: '1', a: '1', user: '1', event: '1' });
    expect(account.tasks.get(sub.taskId)).toMatchObject({ source: 'script', user: 1, status: 'COMPLETE' });
    expect(seen(WORDS, 'fixture input', since).pop()).toMatchObject({ label: 'from a user event' });
  });

  test('a script polling checkStatus sees the task it submitted start', async () => {
    const since = lastSeq();
    await account.records.create('employee', { firstname: 'Wai', lastname: 'Waiter', title: 'submit and wait' });
    const [sub] = seen(UE, 'fixture submitted', since);
    expect(['PROCESSING', 'COMPLETE']).toContain(sub.status);
    expect(mr(await account.mapReduce.wait(sub.taskId)).status).toBe('COMPLETE');
  });

  test('the API refuses a busy deployment; without a deployment the first free NOTSCHEDULED one runs', async () => {
    const first = await account.mapReduce.submit(WORDS, WORDS_A, words(['slow one']));
    await expect(account.mapReduce.submit(WORDS, WORDS_A)).rejects.toMatchObject({ code: 'MAP_REDUCE_ALREADY_RUNNING' });
    const second = await account.mapReduce.submit(WORDS, null, words(['slow two']));
    expect(account.tasks.get(second)).toMatchObject({ deployment: WORDS_B });
    await expect(account.mapReduce.submit(WORDS, WORDS_HOURLY)).rejects.toMatchObject({ code: 'FAILED_TO_SUBMIT_JOB_REQUEST_1' });
    await expect(account.mapReduce.submit(WORDS, WORDS_B, { custscript_el_nope: 1 })).rejects.toThrow(/no parameter custscript_el_nope/);
    await expect(account.mapReduce.submit('customscript_el_fixture_mr_nope')).rejects.toMatchObject({ code: 'SSS_INVALID_SCRIPT_ID' });
    expect(outputOf(await account.mapReduce.wait(first))).toEqual({ slow: '1', one: '1' });
    expect(outputOf(await account.mapReduce.wait(second))).toEqual({ slow: '1', two: '1' });
  });

  test('a run that resubmits its own deployment is queued behind itself and gets no task id', async () => {
    const since = lastSeq();
    const s = mr(await account.mapReduce.run(WORDS, WORDS_A, words(['once'], { custscript_el_fixture_mr_resubmit: true })));
    expect(s.status).toBe('COMPLETE');
    expect(seen(WORDS, 'fixture resubmit', since)).toEqual([{ id: null }]);
    await account.tasks.idle();
    const [latest] = account.tasks.list({ deployment: WORDS_A, limit: 1 });
    expect(latest).toMatchObject({ source: 'script', status: 'COMPLETE' });
    expect(latest.id).not.toBe(s.taskId);
    expect(outputOf(await account.mapReduce.wait(latest.id))).toEqual({ default: '1', words: '1' });
  });

  test("map keys run in parallel up to the deployment's concurrency limit", async () => {
    /** The most map invocations of one run that overlapped in time. */
    const overlap = (taskStart: string, deployment: string) => {
      const spans = (account.invocations({ script: WORDS }) as any[])
        .filter((i) => i.deployment === deployment && i.entry === 'map' && i.started >= taskStart)
        .map((i) => [Date.parse(i.started), Date.parse(i.ended)]);
      return Math.max(...spans.map(([a]) => spans.filter(([b, e]) => b <= a && a < e).length));
    };
    const data = words(['slow 1', 'slow 2', 'slow 3', 'slow 4']);
    const a = mr(await account.mapReduce.run(WORDS, WORDS_A, data));
    const b = mr(await account.mapReduce.run(WORDS, WORDS_B, data));
    expect(a.stages.map.concurrency).toBe(2);
    expect(b.stages.map.concurrency).toBe(1);
    expect(overlap(a.started!, WORDS_A)).toBe(2);
    expect(overlap(b.started!, WORDS_B)).toBe(1);
  });
});

describe('scheduled deployments and restarts', () => {
  /** One tick: the fixture deployments it started. */
  const mine = async () => {
    const ids = await account.scheduler.tick();
    return ids.map((id) => account.tasks.get(id)!).filter((t) => t.script === WORDS || t.script === SCHEDULED).map((t) => t.deployment);
  };

  test('a SCHEDULED deployment runs once its time comes on the account clock, and once for occurrences it missed', async () => {
    account.clock.set('2030-06-01T08:30:00Z');
    expect(await mine()).toEqual([]);
    account.clock.advance('45m'); // 09:15: the 09:00 occurrence is due
    expect(await mine()).toEqual([WORDS_HOURLY]);
    await account.tasks.idle();
    expect(await mine()).toEqual([]);
    const hourly = account.tasks.list({ deployment: WORDS_HOURLY });
    expect(hourly).toHaveLength(1);
    expect(outputOf(await account.mapReduce.wait(hourly[0].id))).toEqual({ scheduled: '1', words: '1' });

    account.clock.advance('3h'); // 12:15: 10:00, 11:00 and 12:00 were missed; the single 10:30 one too
    const since = lastSeq();
    expect((await mine()).sort()).toEqual([WORDS_HOURLY, 'customdeploy_el_fixture_ss_once']);
    await account.tasks.idle();
    expect(account.tasks.list({ deployment: WORDS_HOURLY })).toHaveLength(2);
    expect(seen(SCHEDULED, 'fixture scheduled', since)).toMatchObject([{ type: 'SCHEDULED', executionContext: 'SCHEDULED' }]);

    account.clock.advance('1d');
    expect(await mine()).toEqual([WORDS_HOURLY]);
    await account.tasks.idle();
    expect(account.scheduler.problems).toEqual([expect.objectContaining({ deployment: 'customdeploy_el_fixture_ss_monthly', problem: expect.stringMatching(/monthlydayofweek> is not supported/) })]);
  });

  test('after the clock moves back before the last run, the next occurrence after the new time runs, then missed ones once', async () => {
    const runs = () => account.tasks.list({ deployment: WORDS_HOURLY }).length;
    const before = runs();
    expect(account.scheduler.deployments().find((d) => d.deployment === WORDS_HOURLY)!.lastRun).toBe('2030-06-02T12:00:00.000Z');
    account.clock.set('2030-06-01T11:40:00Z'); // a day before that last run: its 11:00 is before the new time
    expect(await mine()).toEqual([]);
    account.clock.advance('30m'); // 12:10: the 12:00 occurrence, though the last run is "later"
    expect(await mine()).toEqual([WORDS_HOURLY]);
    await account.tasks.idle();
    expect(await mine()).toEqual([]);
    account.clock.advance('3h'); // 15:10: 13:00, 14:00 and 15:00 missed, one run
    expect(await mine()).toEqual([WORDS_HOURLY]);
    await account.tasks.idle();
    expect(runs() - before).toBe(2);
    expect(account.logs({ kind: 'sandbox' }).some((l) => l.title === 'scheduler.clock-back' && l.detail.includes(WORDS_HOURLY))).toBe(true);
  });

  test('recurrences: a repeat within the day in the account time zone across DST, every other week, bad forms refused', () => {
    const latest = (r: ReturnType<typeof parseRecurrence>, at: string) => {
      const ms = r.latestAtOrBefore(Date.parse(at));
      return ms === null ? null : new Date(ms).toISOString();
    };
    // 09:00 Los Angeles time every other day, then every 30 minutes until midnight.
    const daily = parseRecurrence({ daily: { startdate: '2030-03-01', starttime: '09:00:00', everyxdays: '2', repeat: 'PT30M' } }, { timeZone: 'America/Los_Angeles', where: 'd' });
    expect(latest(daily, '2030-03-01T16:59:00Z')).toBeNull();
    expect(latest(daily, '2030-03-01T17:45:00Z')).toBe('2030-03-01T17:30:00.000Z'); // 09:30 PST
    expect(latest(daily, '2030-03-02T12:00:00Z')).toBe('2030-03-02T07:30:00.000Z'); // 23:30 PST on the 1st: the 2nd is skipped
    expect(latest(daily, '2030-03-11T16:10:00Z')).toBe('2030-03-11T16:00:00.000Z'); // 09:00 PDT after the change
    const weekly = parseRecurrence({ weekly: { startdate: '2030-06-05', starttime: '08:00:00Z', everyxweeks: '2', monday: 'T', friday: 'T' } }, { timeZone: 'UTC', where: 'w' });
    expect(['2030-06-10T09:00:00Z', '2030-06-14T09:00:00Z', '2030-06-17T09:00:00Z'].map((t) => latest(weekly, t)))
      .toEqual(['2030-06-07T08:00:00.000Z', '2030-06-07T08:00:00.000Z', '2030-06-17T08:00:00.000Z']);
    expect(() => parseRecurrence({ daily: { startdate: '2030-06-05', starttime: '08:00:00Z', everyxdays: '1', repeat: 'EVERY15MIN' } }, { timeZone: 'UTC', where: 'dep' }))
      .toThrow(/dep: <recurrence><daily> <repeat> must be a duration such as PT15M/);
    expect(() => parseRecurrence({ yearly: { startdate: '2030-06-05', starttime: '08:00:00Z' } }, { timeZone: 'UTC', where: 'dep' })).toThrow(/not supported by the sandbox/);
  });

  test('a run cut short by a restart resumes at the next boot; the interrupted key runs again with isRestarted', async () => {
    const id = await account.mapReduce.submit(WORDS, WORDS_B, words(['hang', 'quick']));
    const keyStatus = () => (account.db.prepare("SELECT status FROM sb_mr_key WHERE task = ? AND stage = 'map' AND key = '0'").get(id) as { status: string } | undefined)?.status;
    for (let i = 0; i < 250 && keyStatus() !== 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(keyStatus()).toBe('RUNNING');
    const since = lastSeq();
    await account.close();

    account = await boot();
    const s = mr(await account.mapReduce.wait(id));
    expect(s.status).toBe('COMPLETE');
    expect(outputOf(s)).toEqual({ hang: '1', quick: '1' });
    expect(errorNames(s.stages.map.errors)).toEqual([{ key: '0', name: 'SSS_APP_SERVER_RESTART', executionNo: 1 }]);
    expect(seen(WORDS, 'fixture map', since).find((m) => m.key === '0')).toMatchObject({ executionNo: 2, isRestarted: true });
    expect(account.tasks.get(id)).toMatchObject({ restarts: 1 });
  });
});
