/**
 * limit and offset of the two listing tools: the arguments, the default, and limit=1000. The
 * API reference allows limit 0..1000, but the text of SDRS.0221, "limit value must be greater
 * than 0 or less than 1000", may mean that 1000 itself is refused. A page asked with limit=1000
 * that SDRS refuses with SDRS.0221 is asked once more with 999, valid under both readings (a
 * read, so asking again is safe); the answer reports the limit that was sent, so its paging
 * stays right.
 */
import { SdrsError } from "../sdrs/errors.js";
import { PAGE_SIZE } from "../sdrs/paging.js";
import { wholeNumber } from "./inputs.js";

const DOCUMENTED_MAX = 1000;
/** Rows of a page when the call names no limit. */
export const DEFAULT_LIMIT = 100;

export const pageArgs = {
  limit: wholeNumber("limit", 1, DOCUMENTED_MAX).optional().describe(`Default ${DEFAULT_LIMIT}.`),
  offset: wholeNumber("offset", 0).optional().describe("Use page.next_offset."),
};

export async function readWithLimit<T>(
  limit: number,
  read: (limit: number) => Promise<T>,
): Promise<{ page: T; limit: number }> {
  try {
    return { page: await read(limit), limit };
  } catch (error) {
    const refused1000 =
      limit === DOCUMENTED_MAX && error instanceof SdrsError && error.code === "SDRS.0221";
    if (!refused1000) throw error;
    return { page: await read(PAGE_SIZE), limit: PAGE_SIZE };
  }
}
