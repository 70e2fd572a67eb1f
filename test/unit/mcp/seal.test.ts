/**
 * The seal and the confirm tokens built on it: a token opens only under the key and purpose it
 * was sealed with, exactly as written; redeeming checks the binding before the expiry and the
 * spend, and a mismatched call leaves the token usable.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { setDigest } from "../../../src/mcp/confirm/identity.js";
import {
  ConfirmTokens,
  confirmTokenField,
  type TokenBinding,
} from "../../../src/mcp/confirm/tokens.js";
import { StateSeal } from "../../../src/mcp/seal.js";
import { makeJob } from "../../helpers/helpers.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

describe("StateSeal", () => {
  const seal = StateSeal.random();
  const payload = Buffer.from("some state");

  it("opens what it sealed, for the same purpose only", () => {
    const token = seal.seal("a", payload);
    expect(seal.open("a", token)).toEqual(payload);
    expect(seal.open("b", token)).toBeUndefined();
    expect(StateSeal.random().open("a", token)).toBeUndefined();
  });

  it("refuses the token with any one character changed", () => {
    const token = seal.seal("a", payload);
    for (let at = 0; at < token.length; at++) {
      for (const offset of [1, 2, 32]) {
        const was = ALPHABET.indexOf(token.charAt(at));
        const swapped = ALPHABET.charAt((was + offset) % ALPHABET.length);
        const altered = `${token.slice(0, at)}${swapped}${token.slice(at + 1)}`;
        expect(seal.open("a", altered), `${at}+${offset}`).toBeUndefined();
      }
    }
    expect(seal.open("a", `${token}A`)).toBeUndefined();
    expect(seal.open("a", token.slice(1))).toBeUndefined();
    expect(seal.open("a", `${token}=`)).toBeUndefined();
    expect(seal.open("a", "")).toBeUndefined();
  });

  it("takes a configured key of 32 bytes or more, and one key opens what the other sealed", () => {
    const key = Buffer.alloc(32, 7);
    const token = StateSeal.fromKey(key).seal("a", payload);
    expect(StateSeal.fromKey(Buffer.from(key)).open("a", token)).toEqual(payload);
    expect(() => StateSeal.fromKey(Buffer.alloc(31))).toThrow(/at least 32 bytes/);
  });
});

describe("ConfirmTokens", () => {
  let now = 1_000_000;
  const tokens = new ConfirmTokens(StateSeal.random(), { rememberSpent: true, now: () => now });
  const binding: TokenBinding = { subject: "local", tool: "t", projectId: "p", args: "[null]" };
  const set = {
    count: 2,
    digest: setDigest([
      { job: makeJob(1), where: null },
      { job: makeJob(2), where: "d78a10eb-0000-4000-8000-000000000001" },
    ]),
  };

  it("gives back the set it was issued for, once", () => {
    const { token } = tokens.issue(binding, set);
    const checked = tokens.check(token, binding);
    if (!checked.ok) throw new Error(checked.reason);
    expect(checked.set).toEqual(set);
    expect(checked.spend()).toBe(true);
    expect(checked.spend()).toBe(false);
    expect(tokens.check(token, binding)).toEqual({ ok: false, reason: "used" });
  });

  it("refuses other arguments, another tool or another subject without spending it", () => {
    const { token } = tokens.issue(binding, set);
    for (const other of [
      { ...binding, args: "[1]" },
      { ...binding, tool: "u" },
      { ...binding, projectId: "q" },
    ]) {
      expect(tokens.check(token, other)).toEqual({ ok: false, reason: "other-arguments" });
    }
    const stranger = { ...binding, subject: "someone-else" };
    expect(tokens.check(token, stranger)).toEqual({ ok: false, reason: "other-user" });
    expect(tokens.check(token, binding).ok).toBe(true);
  });

  it("expires after 5 minutes, and says other arguments first", () => {
    const { token, expiresAt } = tokens.issue(binding, set);
    now = expiresAt;
    expect(tokens.check(token, binding)).toEqual({ ok: false, reason: "expired" });
    expect(tokens.check(token, { ...binding, args: "x" })).toEqual({
      ok: false,
      reason: "other-arguments",
    });
  });

  it("without a memory of spends (replicas), a token checks again: its set is gone by then", () => {
    const seal = StateSeal.random();
    const replica = new ConfirmTokens(seal, { rememberSpent: false });
    const { token } = replica.issue(binding, set);
    const first = replica.check(token, binding);
    expect(first.ok && first.spend()).toBe(true);
    expect(replica.check(token, binding).ok).toBe(true);
  });

  it("hands out only tokens the confirming call's input accepts, whatever the set and its places", () => {
    const group = (i: number) => `d78a10eb-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
    // 1 to 50 records (failure_job_ids), each at group level or in one of up to 50 groups.
    const sets = fc.array(fc.option(fc.integer({ min: 0, max: 49 }), { nil: null }), {
      minLength: 1,
      maxLength: 50,
    });
    fc.assert(
      fc.property(sets, fc.string({ maxLength: 200 }), (places, subject) => {
        const found = places.map((p, i) => ({
          job: makeJob(i),
          where: p === null ? null : group(p),
        }));
        const confirmed = { count: found.length, digest: setDigest(found) };
        const who = { ...binding, subject };
        const { token } = tokens.issue(who, confirmed);
        expect(confirmTokenField.safeParse(token).success).toBe(true);
        expect(token.length).toBeLessThan(300);
        const checked = tokens.check(token, who);
        expect(checked.ok && checked.set).toEqual(confirmed);
      }),
      { numRuns: 200 },
    );
  });
});
