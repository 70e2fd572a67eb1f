/**
 * Where a setting came from, so that `--check` can say it truthfully: the variable that was set
 * (OS_TOKEN, not OS_AUTH_TOKEN, when the alias was used), the clouds.yaml entry and file, or
 * the default that applied.
 */

export type Source =
  | { from: "variable"; name: string }
  | {
      from: "clouds";
      cloud: string;
      /** The file as shown to the user (~ for the home folder). */
      file: string;
      kind: "clouds" | "secure";
      /** The key as written in the entry, e.g. `auth.token`. */
      key: string;
    }
  /** No setting: what applied instead, e.g. "the default region". */
  | { from: "default"; what: string };

export function describeSource(source: Source): string {
  switch (source.from) {
    case "variable":
      return source.name;
    case "clouds":
      return `${source.kind}.yaml entry "${source.cloud}" (${source.file})`;
    case "default":
      return source.what;
  }
}

/** Several sources in one phrase, each named once ("OS_USERNAME and secure.yaml entry …"). */
export function describeSources(sources: readonly Source[]): string {
  const phrases = [...new Set(sources.map(describeSource))];
  if (phrases.length <= 1) return phrases[0] ?? "";
  return `${phrases.slice(0, -1).join(", ")} and ${phrases.at(-1)}`;
}
