#!/usr/bin/env node
// A pass-through server with no SDK, no schema and no formatting: the floor for a tool call
// over stdio. Each JSON-RPC line { id, params: { path } } becomes one GET of SDRS_ENDPOINT + path
// (undici, keep-alive Agent, X-Auth-Token), answered with the body unchanged as text content.
// Same process layout as sdrs-mcp: host -> pipe -> this process -> HTTP -> upstream.
import { Agent, request } from "undici";

const endpoint = process.env.SDRS_ENDPOINT;
const headers = { accept: "application/json", "x-auth-token": process.env.OS_AUTH_TOKEN ?? "" };
const dispatcher = new Agent({ keepAliveTimeout: 30_000 });

async function answer(line) {
  const message = JSON.parse(line);
  if (message.id === undefined) return;
  let reply;
  if (message.method === "get") {
    const { body } = await request(`${endpoint}${message.params.path}`, { headers, dispatcher });
    reply = { content: [{ type: "text", text: await body.text() }] };
  } else {
    reply = {};
  }
  process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id: message.id, result: reply })}\n`);
}

let buffered = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffered += chunk;
  for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
    const line = buffered.slice(0, end);
    buffered = buffered.slice(end + 1);
    answer(line).catch((error) => process.stderr.write(`${error}\n`));
  }
});
process.stdin.on("end", () => dispatcher.close());
