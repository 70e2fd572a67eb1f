import { catalogueMessage, catalogueStatus, type SdrsErrorCode } from "./catalogue.js";
import { json, type SimResponse } from "./responses.js";

/**
 * The error bodies SDRS answers with. Three shapes are live at once: the SDRS catalogue's
 * `{"error":{"code":"SDRS.xxxx","message"}}`, the OpenStack-style `{"itemNotFound":{...}}` and
 * `{"badrequest":{...}}` with numeric codes, and the authentication layer's `{"error":{...,"title"}}`.
 * Two more come from in front of SDRS: IAM's (the `title` shape again) and the API gateway's
 * `{"error_code":"APIG.xxxx","error_msg","request_id"}` for AK/SK signatures.
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

/** IAM's error body (Keystone's shape): numeric code, message and the status's reason phrase. */
export function iamError(status: 400 | 401 | 404, message: string): SimResponse {
  const title = { 400: "Bad Request", 401: "Unauthorized", 404: "Not Found" }[status];
  return json(status, { error: { code: status, message, title } });
}

const APIG_MESSAGES = {
  "APIG.0301": "Incorrect IAM authentication information: verify aksk signature fail",
  "APIG.0303":
    "Incorrect app authentication information: the request time is out of range (check the system clock)",
} as const;

export type ApigErrorCode = keyof typeof APIG_MESSAGES;

/** The gateway's own body, with the request id the X-Request-Id header also carries. */
export function apigError(code: ApigErrorCode, requestId: string): SimResponse {
  return json(401, { error_code: code, error_msg: APIG_MESSAGES[code], request_id: requestId });
}
