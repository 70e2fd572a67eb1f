#!/usr/bin/env node
/**
 * Runs the SDRS simulator on its own: `node dist/simulator/cli.js --port 8080 --groups 200`.
 * Its URL goes to stderr (stdout stays clean, as everywhere in this project); Ctrl-C stops it.
 */
import { parseArgs } from "node:util";
import {
  DEFAULT_ACCESS_KEY,
  DEFAULT_USER,
  type SimulatorOptions,
  startSimulator,
} from "./index.js";

const USAGE = `usage: cli.js [--port N] [--host H] [--seed N] [--groups N] [--failures-per-group N]
              [--group-level-failures N] [--count-mode total|page] [--latency-ms N]
              [--project-id HEX32] [--token T] [--region R] [--project-name NAME]
              [--failure-job-key resource_id|job_id] [--reject-limit-1000]
              [--max-page-size N]
`;

function optionsFrom(argv: string[]): SimulatorOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      groups: { type: "string" },
      "failures-per-group": { type: "string" },
      "group-level-failures": { type: "string" },
      "count-mode": { type: "string" },
      "latency-ms": { type: "string" },
      "project-id": { type: "string" },
      token: { type: "string" },
      region: { type: "string" },
      "project-name": { type: "string" },
      "failure-job-key": { type: "string" },
      "reject-limit-1000": { type: "boolean" },
      "max-page-size": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    process.stderr.write(USAGE);
    process.exit(0);
  }
  const countMode = values["count-mode"];
  if (countMode !== undefined && countMode !== "total" && countMode !== "page") {
    throw new Error("--count-mode must be total or page");
  }
  const failureJobKey = values["failure-job-key"];
  if (
    failureJobKey !== undefined &&
    failureJobKey !== "resource_id" &&
    failureJobKey !== "job_id"
  ) {
    throw new Error("--failure-job-key must be resource_id or job_id");
  }
  return {
    port: integer("port", values.port),
    host: values.host,
    seed: integer("seed", values.seed),
    groups: integer("groups", values.groups),
    failuresPerGroup: integer("failures-per-group", values["failures-per-group"]),
    groupLevelFailures: integer("group-level-failures", values["group-level-failures"]),
    countMode,
    latencyMs: integer("latency-ms", values["latency-ms"]),
    projectId: values["project-id"],
    token: values.token,
    region: values.region,
    projectName: values["project-name"],
    failureJobKey,
    rejectLimit1000: values["reject-limit-1000"],
    maxPageSize: integer("max-page-size", values["max-page-size"]),
    // A long-running simulator keeps no request log.
    requestLog: 0,
  };
}

function integer(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`--${name} must be an integer, got ${raw}`);
  return value;
}

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = optionsFrom(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  const simulator = await startSimulator(options);
  const failures = simulator.data.failureJobs.length;
  process.stderr.write(
    `SDRS simulator on ${simulator.url} (project ${simulator.projectId}, X-Auth-Token ` +
      `${simulator.token}; ${simulator.data.serverGroups.length} groups, ${failures} failed tasks)\n` +
      `IAM at ${simulator.iamUrl}: user ${DEFAULT_USER.name} / ${DEFAULT_USER.password}, domain ` +
      `${DEFAULT_USER.domainName}, project ${simulator.projectName}; ` +
      `AK/SK ${DEFAULT_ACCESS_KEY.accessKey} / ${DEFAULT_ACCESS_KEY.secretKey}\n`,
  );
  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

await main();
