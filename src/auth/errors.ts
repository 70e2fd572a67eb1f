/**
 * An authentication failure, already phrased for a person: what IAM said and which variable to
 * check. Never carries a credential value.
 */
export class AuthError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** "http" (IAM answered), "network", "timeout": what the retry policy reads. */
    readonly kind?: string,
  ) {
    super(message);
    this.name = "AuthError";
  }
}
