import { catalogueMessage, catalogueStatus, type SdrsErrorCode } from "./catalogue.js";
import { json, type SimResponse } from "./responses.js";

/**
 * The error bodies SDRS answers with. Three shapes are live at once: the SDRS catalogue's
 * `{"error":{"code":"SDRS.xxxx","message"}}`, the OpenStack-style `{"itemNotFound":{...}}` and
 * `{"badrequest":{...}}` with numeric codes, and the authentication layer's `{"error":{...,"title"}}`.
 */

/** Status and message both come from the catalogue, so a code never drifts from its status. */
export function sdrsError(code: SdrsErrorCode): SimResponse {
  return json(catalogueStatus(code), { error: { code, message: catalogueMessage(code) } });
}

export function itemNotFound(message: string): SimResponse {
  return json(404, { itemNotFound: { code: 404, message } });
}

export function badRequest(message: string): SimResponse {
  return json(400, { badrequest: { code: 400, message } });
}

export function unauthorized(): SimResponse {
  return json(401, {
    error: {
      code: 401,
      message: "The request you have made requires authentication.",
      title: "Unauthorized",
    },
  });
}

export function methodNotAllowed(allowed: readonly string[]): SimResponse {
  return json(
    405,
    {
      error: {
        code: 405,
        message: "The method is not allowed for the requested URL.",
        title: "Method Not Allowed",
      },
    },
    { Allow: allowed.join(", ") },
  );
}

export function internalError(): SimResponse {
  return sdrsError("SDRS.0013");
}
