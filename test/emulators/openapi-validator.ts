import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { fixturePath } from "../fixtures/fixture-path.js";

/** Default location of the OpenAI OpenAPI document (openai/openai-openapi at f85dbe2); override with `OPENAI_OPENAPI_SPEC`. */
export const OPENAI_OPENAPI_SPEC_PATH = process.env["OPENAI_OPENAPI_SPEC"] ?? fixturePath("openai-openapi.yaml");

/** Schemas under `components.schemas` that describe Images API answers. */
export type OpenAiImageSchemaName =
  | "ImagesResponse"
  | "ErrorResponse"
  | "Error"
  | "ImageGenStreamEvent"
  | "ImageEditStreamEvent"
  | "ImageGenPartialImageEvent"
  | "ImageGenCompletedEvent"
  | "ImageEditPartialImageEvent"
  | "ImageEditCompletedEvent";

/** Result of one validation: `errors` are readable lines such as `/size must be equal to one of the allowed values`. */
export interface OpenApiValidationResult {
  readonly valid: boolean;
  readonly errors: readonly string[];
}

/** Options of `validateOpenApiSchema`. */
export interface OpenApiValidationOptions {
  /**
   * Validate against the spec exactly as published (default `false`). The published spec (older than the
   * `openai` 7.55.0 SDK) lists only `1024x1024`, `1024x1536`, `1536x1024` (and `auto` in events) for `size` and
   * only `low|medium|high(|auto)` for `quality`; the SDK also documents arbitrary `WIDTHxHEIGHT` sizes
   * (gpt-image-2, 2.5) and `xhigh`/`max` (2.5). Unless `strictSpec` is set, those two enums are widened with
   * exactly these SDK values and nothing else is changed.
   */
  readonly strictSpec?: boolean;
}

type Schemas = Record<string, unknown>;

let cachedSchemas: Schemas | undefined;
const validators = new Map<string, ValidateFunction>();

/**
 * Validates `value` against `components.schemas[name]` of the OpenAI OpenAPI document, resolving `$ref`s
 * within `components.schemas`. The YAML (87k lines, ~1 s to parse) is read once per process and its
 * `components.schemas` cached as JSON in the OS temp folder, keyed by the file's size and mtime.
 * @throws Error when the spec file is missing or has no schema of that name.
 */
export function validateOpenApiSchema(name: OpenAiImageSchemaName | (string & {}), value: unknown, options: OpenApiValidationOptions = {}): OpenApiValidationResult {
  const key = `${options.strictSpec ? "strict" : "sdk"}:${name}`;
  let validate = validators.get(key);
  if (!validate) {
    const schemas = loadSchemas();
    if (!(name in schemas)) throw new Error(`The OpenAPI document has no schema named "${name}".`);
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, discriminator: false });
    addFormats(ajv);
    ajv.addFormat("unixtime", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= 0 });
    ajv.addSchema({ $id: "openai", components: { schemas: options.strictSpec ? schemas : widenForSdk(schemas) } });
    validate = ajv.getSchema(`openai#/components/schemas/${name}`)!;
    validators.set(key, validate);
  }
  const valid = validate(value) as boolean;
  const errors = (validate.errors ?? []).map(
    (e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}${e.params && "allowedValues" in e.params ? ` (${JSON.stringify(e.params["allowedValues"])})` : ""}`,
  );
  return { valid, errors };
}

/**
 * Like `validateOpenApiSchema` but throws when the value does not match.
 * @throws Error listing every mismatch and the offending value.
 */
export function assertOpenApiSchema(name: OpenAiImageSchemaName | (string & {}), value: unknown, options: OpenApiValidationOptions = {}): void {
  const { valid, errors } = validateOpenApiSchema(name, value, options);
  if (!valid)
    throw new Error(
      `Value does not match OpenAPI schema ${name}:\n${errors.join("\n")}\nValue: ${JSON.stringify(value, (_k, v: unknown) => (typeof v === "string" && v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v))}`,
    );
}

function loadSchemas(): Schemas {
  if (cachedSchemas) return cachedSchemas;
  if (!existsSync(OPENAI_OPENAPI_SPEC_PATH)) throw new Error(`The OpenAI OpenAPI spec was not found at ${OPENAI_OPENAPI_SPEC_PATH} (set OPENAI_OPENAPI_SPEC).`);
  const stat = statSync(OPENAI_OPENAPI_SPEC_PATH);
  const cacheFile = join(tmpdir(), `brandfill-openai-schemas-${stat.size}-${Math.round(stat.mtimeMs)}.json`);
  if (existsSync(cacheFile)) {
    try {
      cachedSchemas = JSON.parse(readFileSync(cacheFile, "utf8")) as Schemas;
      return cachedSchemas;
    } catch {
      // A torn cache file from a concurrent writer: fall back to the YAML.
    }
  }
  const doc = parse(readFileSync(OPENAI_OPENAPI_SPEC_PATH, "utf8"), { maxAliasCount: -1 }) as { components?: { schemas?: Schemas } };
  cachedSchemas = doc.components?.schemas ?? {};
  try {
    writeFileSync(`${cacheFile}.${process.pid}`, JSON.stringify(cachedSchemas));
    // rename is atomic, so parallel test workers never read a half-written cache
    renameSync(`${cacheFile}.${process.pid}`, cacheFile);
  } catch {
    // The cache is an optimisation only.
  }
  return cachedSchemas;
}

const IMAGE_SCHEMAS = ["ImagesResponse", "ImageGenPartialImageEvent", "ImageGenCompletedEvent", "ImageEditPartialImageEvent", "ImageEditCompletedEvent"];

/** Widens the `size` and `quality` enums of the image schemas with the values the SDK documents (see `strictSpec`). */
function widenForSdk(schemas: Schemas): Schemas {
  const widened: Schemas = { ...schemas };
  for (const name of IMAGE_SCHEMAS) {
    const schema = structuredClone(schemas[name]) as { properties?: Record<string, { enum?: string[] } & Record<string, unknown>> } | undefined;
    const props = schema?.properties;
    if (!props) continue;
    if (props["size"]?.enum) props["size"] = { anyOf: [props["size"], { type: "string", pattern: "^[0-9]+x[0-9]+$" }] };
    if (props["quality"]?.enum) props["quality"] = { ...props["quality"], enum: [...props["quality"].enum, "xhigh", "max"] };
    widened[name] = schema;
  }
  return widened;
}
