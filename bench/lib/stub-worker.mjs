// A stub SDRS on a worker thread: a plain node:http server on 127.0.0.1 that answers
// GET /v1/{project_id}/task-center/failure-jobs with a precomputed body of `limit` tasks of the
// page kind being served (pages.mjs), and nothing else. Bodies are built once and kept as
// bytes, so every request costs the stub the same small, constant work, whoever sends it;
// its own thread keeps that work off the bench's event loop.
// Messages in: { serve: kind } (answered { serving: kind }), "close". Out first: { url }.
import { createServer } from "node:http";
import { parentPort } from "node:worker_threads";
import { PAGES } from "./pages.mjs";

const FAILURE_JOBS = /^\/v1\/[^/]+\/task-center\/failure-jobs\/?$/;
const bodies = new Map();
let kind = "unicode";

function bodyOf(pageKind, limit) {
  const key = `${pageKind}/${limit}`;
  let body = bodies.get(key);
  if (body === undefined) {
    body = Buffer.from(PAGES[pageKind](limit), "utf8");
    bodies.set(key, body);
  }
  return body;
}

const server = createServer((req, res) => {
  req.resume();
  const url = new URL(req.url ?? "/", "http://stub");
  const limit = Number(url.searchParams.get("limit") ?? "1000");
  const found = req.method === "GET" && FAILURE_JOBS.test(url.pathname);
  if (!found || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
    const body = JSON.stringify({ error_code: "STUB.404", error_msg: `no such page: ${req.url}` });
    res.writeHead(found ? 400 : 404, { "content-type": "application/json" });
    res.end(body);
    return;
  }
  const body = bodyOf(kind, limit);
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
// The pages every run asks for, built before the first request.
for (const pageKind of Object.keys(PAGES)) for (const limit of [10, 1000]) bodyOf(pageKind, limit);

parentPort.on("message", (message) => {
  if (message === "close") {
    server.close();
    server.closeAllConnections();
    parentPort.close();
  } else if (message?.serve in PAGES) {
    kind = message.serve;
    parentPort.postMessage({ serving: kind });
  }
});
parentPort.postMessage({ url: `http://127.0.0.1:${server.address().port}` });
