#!/usr/bin/env node
// The floor of any cold start: Node itself. No SDK, no zod, no imports: reads the first line of
// stdin and answers it with an initialize result, then waits for stdin to close.
let buffered = "";
let answered = false;
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  if (answered) return;
  buffered += chunk;
  const end = buffered.indexOf("\n");
  if (end < 0) return;
  answered = true;
  const request = JSON.parse(buffered.slice(0, end));
  const result = {
    protocolVersion: request.params?.protocolVersion ?? "2025-06-18",
    capabilities: { tools: {} },
    serverInfo: { name: "raw", version: "1.0.0" },
  };
  process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id: request.id, result })}\n`);
});
