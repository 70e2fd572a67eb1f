// The simulator on a worker thread: its own event loop, so the time it spends answering is not
// spent on the server's thread (SDRS, too, runs elsewhere). workerData: the simulator options,
// plus `memoize: true` to put a caching front before it: the first GET of a URL goes to the
// simulator (without latency), every later one is answered from memory after latencyMs. That is
// an upstream whose cost per request is the latency alone, whatever the data set's size.
// Messages: "requests" -> the number of requests since the last "requests"; "close".
import { createServer } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { parentPort, workerData } from "node:worker_threads";
import { Agent, request } from "undici";
import { startSimulator } from "../../dist/simulator/index.js";

const { memoize = false, ...options } = workerData;
const latencyMs = options.latencyMs ?? 0;
const sim = await startSimulator(memoize ? { ...options, latencyMs: 0 } : options);
let seen = 0;
const takeSimulatorLog = () => {
  if (!memoize) seen += sim.requests.length;
  sim.requests.length = 0; // the request log is for tests; it would only grow here
};
const timer = setInterval(takeSimulatorLog, 50);

let url = sim.url;
let closeFront = async () => {};
if (memoize) {
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const cache = new Map();
  const front = createServer(async (req, res) => {
    seen++;
    for await (const _ of req); // drain
    let hit = cache.get(req.url);
    if (hit === undefined) {
      const answer = await request(`${sim.url}${req.url}`, {
        method: req.method,
        headers: { "x-auth-token": req.headers["x-auth-token"] ?? "" },
        dispatcher,
      });
      hit = {
        status: answer.statusCode,
        type: answer.headers["content-type"],
        body: Buffer.from(await answer.body.arrayBuffer()),
      };
      if (req.method === "GET" && hit.status === 200) cache.set(req.url, hit);
    }
    if (latencyMs > 0) await sleep(latencyMs);
    res.writeHead(hit.status, { "content-type": hit.type, "content-length": hit.body.length });
    res.end(hit.body);
  });
  await new Promise((r) => front.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${front.address().port}`;
  closeFront = async () => {
    await new Promise((r) => {
      front.close(r);
      front.closeAllConnections();
    });
    await dispatcher.close();
  };
}

parentPort.on("message", async (message) => {
  if (message === "requests") {
    takeSimulatorLog();
    parentPort.postMessage({ requests: seen });
    seen = 0;
  } else if (message === "close") {
    clearInterval(timer);
    await closeFront();
    await sim.close();
    parentPort.close();
  }
});
parentPort.postMessage({ url, token: sim.token, projectId: sim.projectId });
