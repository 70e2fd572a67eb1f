/**
 * One message to one stdout line. Error answers made by the SDK can echo the request they
 * refuse (a 1 MiB prompt name; one issue per bad argument, 22 MB for 100,000 of them): their
 * message is shortened to MAX_ERROR_MESSAGE characters, beginning and end kept, and an
 * oversized `data` is dropped.
 */
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { shortenMiddle } from "../../text/clean.js";

export const MAX_ERROR_MESSAGE = 1000;

export function encodeLine(message: JSONRPCMessage): string {
  return `${JSON.stringify(boundedError(message))}\n`;
}

function boundedError(message: JSONRPCMessage): JSONRPCMessage {
  if (!("error" in message)) return message;
  const { message: text, data, ...rest } = message.error;
  const dataFits = data === undefined || (JSON.stringify(data)?.length ?? 0) <= MAX_ERROR_MESSAGE;
  if (text.length <= MAX_ERROR_MESSAGE && dataFits) return message;
  return {
    ...message,
    error: {
      ...rest,
      message: shortenMiddle(text, MAX_ERROR_MESSAGE),
      ...(dataFits && data !== undefined && { data }),
    },
  };
}
