import { describe, expect, it } from "vitest";
import { LazyJsonSchemaValidator } from "../../../src/mcp/json-schema.js";

describe("the JSON Schema validator loaded when a form is shown", () => {
  const schema = {
    type: "object" as const,
    properties: { confirm: { type: "boolean" as const } },
    required: ["confirm"],
  };

  it("refuses to validate before it is loaded, rather than let an answer through", () => {
    expect(() => new LazyJsonSchemaValidator().getValidator(schema)).toThrow(/not loaded/);
  });

  it("validates with the SDK's validator once loaded, loading it once", async () => {
    const forms = new LazyJsonSchemaValidator();
    const first = forms.ready();
    expect(forms.ready()).toBe(first);
    await first;
    const validate = forms.getValidator<{ confirm: boolean }>(schema);
    expect(validate({ confirm: true })).toMatchObject({ valid: true, data: { confirm: true } });
    expect(validate({ confirm: "yes" })).toMatchObject({ valid: false });
  });
});
