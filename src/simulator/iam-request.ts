import { iamError } from "./errors.js";
import { Rejection } from "./responses.js";

/**
 * The body of `POST /v3/auth/tokens` (password method), validated field by field. A malformed
 * body is IAM's 400, naming the field, so a client bug shows where it is.
 */

/** Keystone lets a name or an id identify a domain or a project. */
export interface Reference {
  id?: string;
  name?: string;
}

export interface PasswordAuth {
  user: { name: string; password: string; domain: Reference };
  /** undefined: no scope asked for, so the token is unscoped. */
  project: (Reference & { domain?: Reference }) | undefined;
}

type Fields = Record<string, unknown>;

export function readPasswordAuth(body: Buffer): PasswordAuth {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    invalid("The request body is not valid JSON.");
  }
  const auth = objectAt(objectAt(parsed, "body").auth, "auth");
  const identity = objectAt(auth.identity, "auth.identity");
  const methods = identity.methods;
  if (!Array.isArray(methods) || !methods.includes("password")) {
    invalid(`Invalid input for field 'auth.identity.methods': expected a list holding "password".`);
  }
  const password = objectAt(identity.password, "auth.identity.password");
  const user = objectAt(password.user, "auth.identity.password.user");
  const path = "auth.identity.password.user";
  if (typeof user.password !== "string") {
    invalid(`Invalid input for field '${path}.password': a string is expected.`);
  }
  return {
    user: {
      name: nonEmpty(user.name, `${path}.name`),
      password: user.password,
      // Keystone needs the domain to find a user by name: names are unique per domain only.
      domain: reference(user.domain, `${path}.domain`),
    },
    project: readScope(auth.scope),
  };
}

/** Only project scopes are simulated: SDRS needs one, and a domain scope has no catalog here. */
function readScope(raw: unknown): PasswordAuth["project"] {
  if (raw === undefined) return undefined;
  const scope = objectAt(raw, "auth.scope");
  if (scope.project === undefined) {
    invalid("Invalid input for field 'auth.scope': the simulator only issues project scopes.");
  }
  const project = objectAt(scope.project, "auth.scope.project");
  const domain = project.domain;
  return {
    ...reference(project, "auth.scope.project"),
    ...(domain === undefined ? {} : { domain: reference(domain, "auth.scope.project.domain") }),
  };
}

function reference(raw: unknown, path: string): Reference {
  const fields = objectAt(raw, path);
  const id = fields.id === undefined ? undefined : nonEmpty(fields.id, `${path}.id`);
  const name = fields.name === undefined ? undefined : nonEmpty(fields.name, `${path}.name`);
  if (id === undefined && name === undefined) {
    invalid(`Invalid input for field '${path}': an id or a name is required.`);
  }
  return { ...(id === undefined ? {} : { id }), ...(name === undefined ? {} : { name }) };
}

function objectAt(value: unknown, path: string): Fields {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    invalid(`Invalid input for field '${path}': an object is expected.`);
  }
  return value as Fields;
}

function nonEmpty(value: unknown, path: string): string {
  if (typeof value !== "string" || value === "") {
    invalid(`Invalid input for field '${path}': a non-empty string is expected.`);
  }
  return value;
}

function invalid(message: string): never {
  throw new Rejection(iamError(400, message));
}
