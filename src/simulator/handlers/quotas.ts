import { json, type SimResponse } from "../responses.js";
import type { HandlerContext } from "../types.js";

/** GET sdrs/quotas (OTC apis/tenant_quota_management/querying_the_tenant_quota.rst). */
export function showQuotas(context: HandlerContext): SimResponse {
  return json(200, { quotas: { resources: context.data.quotas } });
}
