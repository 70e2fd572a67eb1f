/**
 * What is still owed on a stdio connection: requests the client sent that the server has not
 * answered yet (stdin EOF waits for them), and requests the server sent to the client (such as
 * elicitation/create) that the client has not answered; once stdin is closed the client never
 * will, so those are answered with an error at once rather than left to their timeouts.
 */
import type { JSONRPCMessage, RequestId } from "@modelcontextprotocol/sdk/types.js";

/** JSON-RPC "server error" range; the SDK uses this code for a closed connection. */
const CONNECTION_CLOSED = -32000;

const isRequest = (m: JSONRPCMessage): m is JSONRPCMessage & { id: RequestId; method: string } =>
  "method" in m && "id" in m;
const isResponse = (m: JSONRPCMessage): m is JSONRPCMessage & { id?: RequestId } =>
  !("method" in m) && ("result" in m || "error" in m);

export class InFlight {
  /** Client requests not yet answered, by id (a count, in case a client reuses an id). */
  private readonly fromClient = new Map<RequestId, number>();
  private readonly toClient = new Set<RequestId>();

  /** A message read from stdin. */
  received(message: JSONRPCMessage): void {
    if (isRequest(message)) {
      this.fromClient.set(message.id, (this.fromClient.get(message.id) ?? 0) + 1);
    } else if (isResponse(message) && message.id !== undefined) {
      this.toClient.delete(message.id);
    } else if ("method" in message && message.method === "notifications/cancelled") {
      // A cancelled request is never answered (MCP): stop waiting for it.
      const id = (message.params as { requestId?: RequestId } | undefined)?.requestId;
      if (id !== undefined) this.answered(id);
    }
  }

  /** A message the server sends. */
  sent(message: JSONRPCMessage): void {
    if (isRequest(message)) this.toClient.add(message.id);
    else if (isResponse(message) && message.id !== undefined) this.answered(message.id);
  }

  /** Client requests still waiting for their answer. */
  get owed(): number {
    let count = 0;
    for (const n of this.fromClient.values()) count += n;
    return count;
  }

  /** Error answers, in the client's stead, to the server's requests it can no longer answer. */
  abandonRequestsToClient(reason: string): JSONRPCMessage[] {
    const answers = [...this.toClient].map(
      (id): JSONRPCMessage => ({
        jsonrpc: "2.0",
        id,
        error: { code: CONNECTION_CLOSED, message: reason },
      }),
    );
    this.toClient.clear();
    return answers;
  }

  private answered(id: RequestId): void {
    const count = this.fromClient.get(id);
    if (count === undefined) return;
    if (count > 1) this.fromClient.set(id, count - 1);
    else this.fromClient.delete(id);
  }
}
