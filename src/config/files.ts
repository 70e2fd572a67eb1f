import { constants, type Stats } from "node:fs";
import { open, stat } from "node:fs/promises";

/**
 * Reading a small configuration file (clouds.yaml, secure.yaml, a CA certificate file) the one
 * careful way: only a regular file (after following symlinks: a Kubernetes Secret mount is a
 * chain of them) of at most MAX_CONFIG_FILE_BYTES. A FIFO or a device is refused before it is
 * opened: reading a FIFO waits for a writer forever, and /dev/urandom never ends. The open is
 * non-blocking and checked again, so a file swapped for a FIFO between the two looks cannot hang
 * the start either.
 */

/** A clouds.yaml with its comments, or a CA bundle, is a few kilobytes; this is ample. */
const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

export type ConfigFile = { text: string } | { missing: true } | { error: string };

/**
 * @param what the kind of file, for the size problem: "a clouds.yaml", "a CA certificate file".
 */
export async function readConfigFile(path: string, what: string): Promise<ConfigFile> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? { missing: true } : { error: `cannot be read (${code ?? error})` };
  }
  const refused = refusal(info, what);
  if (refused) return { error: refused };
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    // O_NONBLOCK does not exist on Windows, where opening a named pipe does not wait anyway.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const again = refusal(await handle.stat(), what);
    if (again) return { error: again };
    // One byte more than allowed: a file that grew since stat() is still caught.
    const buffer = Buffer.alloc(MAX_CONFIG_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_CONFIG_FILE_BYTES) return { error: tooLarge(what) };
    return { text: buffer.toString("utf8", 0, bytesRead) };
  } catch (error) {
    return { error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})` };
  } finally {
    await handle?.close().catch(() => {});
  }
}

function refusal(info: Stats, what: string): string | undefined {
  if (!info.isFile()) return `is not a regular file (it is ${kindOf(info)}), so it is not read`;
  if (info.size > MAX_CONFIG_FILE_BYTES) return tooLarge(what);
  return undefined;
}

function tooLarge(what: string): string {
  return `is larger than ${MAX_CONFIG_FILE_BYTES / 1024 / 1024} MiB, too large for ${what}, so it is not read`;
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a FIFO";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  if (info.isSocket()) return "a socket";
  return "not a file";
}
