/** One uploaded file of a multipart request, as the emulator received it. */
export interface RecordedFile {
  /** Form field name, e.g. `image`, `image[]` or `mask`. */
  readonly name: string;
  /** File name from the part's Content-Disposition. */
  readonly filename: string;
  /** The part's declared Content-Type, exactly as sent (`""` when the part had none). */
  readonly type: string;
  readonly bytes: Uint8Array;
}

/** A parsed multipart/form-data body: text fields (last value wins) and files in arrival order. */
export interface RecordedForm {
  readonly fields: Readonly<Record<string, string>>;
  /** Every text field in arrival order, including repeated names. */
  readonly fieldList: readonly (readonly [string, string])[];
  readonly files: readonly RecordedFile[];
}

/** An image carried in a Gemini `inlineData` part, base64-decoded. */
export interface RecordedInlineImage {
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

/**
 * A request as an emulator received it. Header names are lower-case. Exactly one of `json` or `form`
 * is set when the body parsed; `rawBody` always holds the bytes.
 */
export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/v1/images/generations`. */
  readonly path: string;
  /** Query parameters, e.g. `alt=sse`. */
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: Uint8Array;
  readonly json?: unknown;
  readonly form?: RecordedForm;
  /** Gemini only: decoded `inlineData` images of the request's contents, in order. */
  readonly inlineImages?: readonly RecordedInlineImage[];
}
