/** A failed task of the documented response shape, plus the innermost cause its reason carries. */
export interface ChainTask {
  job_status: string;
  resource_id: string;
  resource_name: string;
  resource_type: string;
  failure_status: string;
  job_id: string;
  job_type: string;
  begin_time: string;
  error_code: string;
  fail_reason: string;
  cause: string;
}
export function reasonChainPage(tasks?: number, seed?: number): ChainTask[];
export function shapeOf(reason: string): "java" | "python" | "go" | "plain";
