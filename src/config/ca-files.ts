import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import type { CaFileRef, FileRead } from "./certificates.js";
import { readConfigFile } from "./files.js";

/**
 * Reads the CA files the configuration names, once, at start (certificates.ts checks them).
 * `~` is the home folder; a relative path in clouds.yaml is taken from that file's folder, one in
 * a variable from the working directory, as the OpenStack tools do. A certificate bundle is a
 * few KiB; the 1 MiB cap of every configuration file is ample.
 */
export async function readCaFiles(
  refs: readonly CaFileRef[],
  home: string = homedir(),
): Promise<{ ref: CaFileRef; path: string; file: FileRead }[]> {
  const expand = (path: string) => (/^~(?=$|[\\/])/.test(path) ? join(home, path.slice(1)) : path);
  return Promise.all(
    refs.map(async (ref) => {
      const given = expand(ref.path);
      const path =
        ref.relativeTo && !isAbsolute(given)
          ? resolve(expand(ref.relativeTo), given)
          : resolve(given);
      const file = await readConfigFile(path, "a CA certificate file");
      return { ref, path, file: "missing" in file ? { error: "cannot be read (ENOENT)" } : file };
    }),
  );
}
