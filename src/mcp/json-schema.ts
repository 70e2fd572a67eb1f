/**
 * The JSON Schema validator the SDK uses for one thing only: checking the user's answer to an
 * elicitation form against the form's schema (delete confirmation). The SDK's own (Ajv with its
 * formats, about 130 KiB) would otherwise be loaded and built at start-up, before the first
 * `initialize` is answered, for a form most sessions never show: here it is loaded when a
 * form is about to be shown (`ready()`), the same validator, later.
 */
import type {
  JsonSchemaType,
  JsonSchemaValidator,
  jsonSchemaValidator,
} from "@modelcontextprotocol/sdk/validation/types.js";

export class LazyJsonSchemaValidator implements jsonSchemaValidator {
  private loaded: jsonSchemaValidator | undefined;
  private loading: Promise<void> | undefined;

  /** Loads the SDK's validator; call before anything that may validate (elicitInput). */
  ready(): Promise<void> {
    this.loading ??= import("@modelcontextprotocol/sdk/validation/ajv").then(
      ({ AjvJsonSchemaValidator }) => {
        this.loaded = new AjvJsonSchemaValidator();
      },
    );
    return this.loading;
  }

  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    if (!this.loaded) {
      throw new Error("the JSON Schema validator is not loaded yet: await ready() first");
    }
    return this.loaded.getValidator<T>(schema);
  }
}
