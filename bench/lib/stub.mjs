// The stub SDRS (stub-worker.mjs) seen from the bench's thread.
import { once } from "node:events";
import { Worker } from "node:worker_threads";

export const PROJECT_ID = "0605767e1f00d4b72f1ec0127a5e6a5b";
export const TOKEN = "stub-token-not-checked";

export async function startStub() {
  const worker = new Worker(new URL("./stub-worker.mjs", import.meta.url));
  const [{ url }] = await once(worker, "message");
  return {
    url,
    /** The path of a page of `limit` tasks, as the server under test asks for it. */
    path: (limit) => `/v1/${PROJECT_ID}/task-center/failure-jobs?limit=${limit}&offset=0`,
    /** Serves the pages of `kind` (pages.mjs) from now on. */
    async serve(kind) {
      worker.postMessage({ serve: kind });
      const [answer] = await once(worker, "message");
      if (answer.serving !== kind) throw new Error(`stub: cannot serve ${kind}`);
    },
    async close() {
      worker.postMessage("close");
      await once(worker, "exit");
    },
  };
}
