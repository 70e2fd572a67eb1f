#!/usr/bin/env node
/**
 * Entry point. First of all the Node version: the server's modules need Node >= 20.18.1, and on
 * an older Node they would load and then fail every call with misleading errors. So this file
 * imports nothing but the version check, and loads the server (src/main.ts) only once the check
 * has passed; the bundle keeps that order (the server is a chunk imported from here).
 */
import { nodeVersionRefusal } from "./node-version.js";

const refusal = nodeVersionRefusal(process.versions.node, process.execPath);
if (refusal) {
  process.stderr.write(`${refusal}\n`);
  process.exit(2);
}
await import("./main.js");
