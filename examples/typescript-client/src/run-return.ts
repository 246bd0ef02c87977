// Runs a whole SDR return against DXP with Node's fetch, typed by the types openapi-typescript
// generated from the committed OpenAPI document (src/dxp.d.ts).
//
// Environment:
//   DXP_URL    the server, e.g. http://127.0.0.1:8080
//   DXP_TOKEN  a `teo-submitter` token for the organisation
//   DXP_ROUND  the round (e.g. 2026-AUG); optional: else the first open round in GET /api/v1/due
//              that is not an indicative (IND) or December (DEC) one
//   DXP_POLL_TIMEOUT  seconds to wait for a verdict (default 300)
//
// Usage: node dist/run-return.js [DATA_DIR]   (default: ../data/json, the sample return)
//
// The flow: open a Return, upload the sample return (as JSON), validate, wait for Processed or
// Rejected, print the problems, lodge the round's EFTS forecast first when the return needs one
// (rule RD-010), then submit the return. Exits 0 only if the return ends `Submitted`.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

import type { components, paths } from "./dxp.js";

type Schemas = components["schemas"];
type Problem = Schemas["Problem"];
type Submission = Schemas["SubmissionView"];
type SubmissionType = Schemas["SubmissionType"];

// ---- a typed call over fetch: path, parameters, JSON body and answer all come from `paths` ----

type Method = "get" | "post";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Parameters<O> = O extends { parameters: infer Ps } ? Ps : never;
type JsonBody<O> = O extends { requestBody?: infer B }
  ? NonNullable<B> extends { content: { "application/json": infer J } }
    ? J
    : never
  : never;
type JsonOf<R> = R extends { content: { "application/json": infer J } } ? J : never;
/** The JSON of the operation's successful answers (200, 201, 202). */
type Success<O> = O extends { responses: infer R } ? JsonOf<R[Extract<keyof R, 200 | 201 | 202>]> : never;

/** What a call carries: `path` is required when the operation has path parameters. */
type Request<O> = (Parameters<O> extends { path: infer X } ? { path: X } : { path?: never }) & {
  query?: Parameters<O> extends { query?: infer X } ? X : never;
  header?: Parameters<O> extends { header?: infer X } ? X : never;
  body?: JsonBody<O>;
};

/** A refusal by the API, with the RFC 9457 problem it sent when it sent one. */
class ApiError extends Error {
  constructor(
    readonly action: string,
    readonly status: number,
    readonly problem: Problem | undefined,
    readonly text: string,
  ) {
    super(`${action} failed with HTTP ${status}`);
  }

  report(): string {
    const lines = [`error: ${this.message}`];
    const p = this.problem;
    if (p) {
      lines.push(`  type:   ${p.type}`, `  title:  ${p.title}`, `  detail: ${p.detail}`);
      if (p.rule) lines.push(`  rule:   ${p.rule}`);
      if (p.instance) lines.push(`  instance: ${p.instance} (quote it when asking about this)`);
    } else if (this.text) {
      lines.push(`  ${this.text.slice(0, 2000)}`);
    }
    return lines.join("\n");
  }
}

const BASE = (process.env.DXP_URL ?? "").replace(/\/+$/, "");
const TOKEN = process.env.DXP_TOKEN ?? "";

async function call<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  ...[request]: {} extends Request<Operation<P, M>> ? [Request<Operation<P, M>>?] : [Request<Operation<P, M>>]
): Promise<Success<Operation<P, M>>> {
  request ??= {} as Request<Operation<P, M>>;
  const params = (request.path ?? {}) as Record<string, string>;
  let url = BASE + String(path).replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) query.set(key, String(value));
  }
  if (query.size > 0) url += `?${query}`;
  const headers: Record<string, string> = {
    Authorization: `Bearer ${TOKEN}`,
    Accept: "application/json, application/problem+json",
    ...((request.header ?? {}) as Record<string, string>),
  };
  let body: string | undefined;
  if (request.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(request.body);
  }
  const action = `${method.toUpperCase()} ${url.slice(BASE.length)}`;
  const response = await fetch(url, { method: method.toUpperCase(), headers, body });
  const text = await response.text();
  if (!response.ok) {
    let problem: Problem | undefined;
    if ((response.headers.get("content-type") ?? "").includes("json")) {
      try {
        problem = JSON.parse(text) as Problem;
      } catch {
        // not JSON after all: reported as text
      }
    }
    throw new ApiError(action, response.status, problem, text);
  }
  return JSON.parse(text) as Success<Operation<P, M>>;
}

// ---- the return ----

const HERE = fileURLToPath(new URL(".", import.meta.url));
const DATA = process.argv[2] ? resolve(process.argv[2]) : resolve(HERE, "../../data/json");

const RETURN_FILES = ["learners", "courses", "course-enrolments", "course-completions", "qualification-completions"] as const;
type FileRoute = (typeof RETURN_FILES)[number] | "efts-forecasts";
type UploadPath = `/api/v1/submissions/{id}/${FileRoute}`;

const VERDICTS: Submission["status"][] = ["Processed", "Rejected"];
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function chooseRound(): Promise<string> {
  const chosen = (process.env.DXP_ROUND ?? "").trim();
  if (chosen) {
    console.log(`round ${chosen} (DXP_ROUND)`);
    return chosen;
  }
  const due = await call("get", "/api/v1/due");
  const item = due.results.find((i) => i.state === "Open" && !/(IND|DEC)$/.test(i.round));
  if (!item) {
    const states = due.results.map((i) => `${i.round} ${i.state}`).join(", ") || "nothing";
    throw new Error(`no open return round in GET /api/v1/due (it lists: ${states}); set DXP_ROUND`);
  }
  console.log(`round ${item.round}: ${item.state}, due ${item.dueAt}`);
  return item.round;
}

async function openSubmission(round: string, submissionType: SubmissionType): Promise<Submission> {
  const sub = await call("post", "/api/v1/submissions", { body: { round, submissionType } });
  console.log(`opened ${submissionType} submission ${sub.id} for ${sub.organisation}, round ${sub.round}: ${sub.status}`);
  return sub;
}

/** Sends each sample file as JSON, in requests of at most maxRecordsPerRequest records. */
async function upload(sub: Submission, files: readonly FileRoute[]): Promise<void> {
  for (const file of files) {
    // The sample files are trusted to fit their batch schema; the server checks every record.
    const { records } = JSON.parse(readFileSync(resolve(DATA, `${file}.json`), "utf8")) as { records: unknown[] };
    const size = Math.max(1, sub.maxRecordsPerRequest);
    const totals = { received: 0, stored: 0, unchanged: 0, errors: 0, warnings: 0 };
    for (let start = 0; start < records.length; start += size) {
      const path: UploadPath = `/api/v1/submissions/{id}/${file}`;
      const report = await call("post", path, {
        path: { id: sub.id },
        // The same key on a retry of this request gets the first answer back.
        header: { "Idempotency-Key": `${sub.id}-${file}-${start}` },
        body: { records: records.slice(start, start + size) } as JsonBody<Operation<UploadPath, "post">>,
      });
      totals.received += report.received;
      totals.stored += report.stored;
      totals.unchanged += report.unchanged;
      totals.errors += report.errorCount;
      totals.warnings += report.warningCount;
      for (const p of report.problems) {
        console.log(`    ${file}[${p.index}] ${p.localId ?? "-"} ${p.field || "(record)"}: ${p.rule} ${p.severity}: ${p.message}`);
      }
    }
    console.log(
      `  ${file.padEnd(26)} ${String(totals.received).padStart(5)} received ${String(totals.stored).padStart(5)} stored ` +
        `${String(totals.unchanged).padStart(4)} unchanged ${String(totals.errors).padStart(3)} errors ` +
        `${String(totals.warnings).padStart(3)} warnings`,
    );
  }
}

async function validateAndWait(id: string): Promise<Submission> {
  let sub: Submission = await call("post", "/api/v1/submissions/{id}/validate", { path: { id } });
  console.log(`validation asked: ${sub.status}`);
  const timeout = Number(process.env.DXP_POLL_TIMEOUT ?? "300");
  const deadline = Date.now() + timeout * 1000;
  let last = "";
  let delay = 200;
  for (;;) {
    sub = await call("get", "/api/v1/submissions/{id}", { path: { id } });
    let line: string = sub.status;
    const p = sub.progress;
    if (p && p.recordsTotal > 0) {
      line += ` ${p.recordsChecked}/${p.recordsTotal} records checked (${Math.floor((100 * p.recordsChecked) / p.recordsTotal)}%)`;
    }
    if (line !== last) {
      console.log(`  ${line}`);
      last = line;
    }
    if (VERDICTS.includes(sub.status)) break;
    if (Date.now() > deadline) throw new Error(`no verdict for ${id} after ${timeout} s`);
    await sleep(delay);
    delay = Math.min(delay * 1.5, 2000);
  }
  console.log(`verdict: ${sub.status}, ${sub.errorCount} errors, ${sub.warningCount} warnings`);
  return sub;
}

async function printProblems(id: string): Promise<void> {
  const rows: Schemas["SubmissionProblem"][] = [];
  let after: number | undefined;
  for (;;) {
    const page = await call("get", "/api/v1/submissions/{id}/problems", { path: { id }, query: { after, limit: 1000 } });
    rows.push(...page.results);
    if (page.nextCursor === undefined || page.nextCursor === null) break;
    after = page.nextCursor;
  }
  if (rows.length === 0) {
    console.log("problems: none");
    return;
  }
  console.log(`problems: ${rows.length}`);
  const table: string[][] = [["severity", "rule", "file", "localId", "field", "message"]];
  for (const p of rows) {
    const message = p.message.length <= 90 ? p.message : `${p.message.slice(0, 87)}...`;
    table.push([p.severity, p.rule, p.file, p.localId, p.field || "(record)", message]);
  }
  const widths = table[0]!.slice(0, -1).map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  table.forEach((r, n) => {
    console.log(`  ${widths.map((w, i) => r[i]!.padEnd(w)).join("  ")}  ${r[r.length - 1]}`);
    if (n === 0) console.log(`  ${widths.map((w) => "-".repeat(w)).join("  ")}  -------`);
  });
}

async function submit(id: string): Promise<Submission> {
  const sub = await call("post", "/api/v1/submissions/{id}/submit", { path: { id } });
  console.log(`submitted ${sub.submissionType} ${sub.id}: ${sub.status}${sub.late ? " (late)" : ""}`);
  return sub;
}

async function run(): Promise<number> {
  if (!BASE || !TOKEN) {
    console.error("error: set DXP_URL (e.g. http://127.0.0.1:8080) and DXP_TOKEN (a teo-submitter token)");
    return 2;
  }
  const round = await chooseRound();

  console.log("\n== the return");
  let sub = await openSubmission(round, "Return");
  await upload(sub, RETURN_FILES);
  sub = await validateAndWait(sub.id);
  await printProblems(sub.id);
  if (sub.status !== "Processed") {
    console.error(`\nthe return ${sub.id} is ${sub.status}: fix the errors above and validate again`);
    return 1;
  }

  if (sub.eftsForecastRequired) {
    console.log("\n== the EFTS forecast (the return has provision that needs one: RD-010)");
    let forecast = await openSubmission(round, "EftsForecast");
    await upload(forecast, ["efts-forecasts"]);
    forecast = await validateAndWait(forecast.id);
    await printProblems(forecast.id);
    if (forecast.status !== "Processed") {
      console.error(`\nthe EFTS forecast ${forecast.id} is ${forecast.status}`);
      return 1;
    }
    await submit(forecast.id);
  }

  console.log("\n== lodging the return");
  await submit(sub.id);
  const final = await call("get", "/api/v1/submissions/{id}", { path: { id: sub.id } });
  const c = final.recordCounts;
  console.log(
    `\nreturn ${final.id}, organisation ${final.organisation}, round ${final.round}: ${final.status}\n` +
      `  ${c.learners} learners, ${c.courses} courses, ${c.courseEnrolments} enrolments, ` +
      `${c.courseCompletions} course completions, ${c.qualificationCompletions} qualification completions; ` +
      `${final.errorCount} errors, ${final.warningCount} warnings`,
  );
  return final.status === "Submitted" ? 0 : 1;
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ApiError) {
      console.error(error.report());
    } else if (error instanceof TypeError && error.cause) {
      console.error(`error: cannot talk to ${BASE}: ${String(error.cause)}`);
    } else {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exitCode = 1;
  },
);
