/** Pieces the tools' outputSchemas share. */
import { z } from "zod";

export const countsOutput = z.record(z.string(), z.number().int());
export const pageOutput = z.object({
  offset: z.number().int(),
  limit: z.number().int(),
  returned: z.number().int(),
  total: z.number().int().nullable(),
  next_offset: z.number().int().nullable(),
});
