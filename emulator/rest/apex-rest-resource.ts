/**
 * Apex REST resources as a package declares them: the TypeScript form of an
 * `@RestResource(urlMapping='/…')` class with its `@HttpGet`, `@HttpPost`, … methods. Package code
 * sees these types through emulator/apex-api.ts; the REST layer (apex-rest-routes.ts) serves them
 * at `/services/apexrest{urlMapping}` and under the org's public site.
 */

/** The verbs an Apex REST class can answer, one annotation each (`@HttpGet`, …). */
export const REST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RestMethod = (typeof REST_METHODS)[number];

/** `RestContext.request`: what the caller sent. */
export interface RestRequest {
  httpMethod: RestMethod;
  /** The path after `/services/apexrest`, e.g. `/AFLO/webhook`. */
  requestURI: string;
  /** The URL mapping that matched, e.g. `/AFLO/webhook` or `/AFLO/things/*`. */
  resourcePath: string;
  /** Request headers by lower-case name (Node.js folds the case); repeated ones joined by `, `. */
  headers: Readonly<Record<string, string>>;
  /** Query-string parameters; a repeated one keeps its last value, as in Apex. */
  params: Readonly<Record<string, string>>;
  /** `requestBody` (a Blob in Apex): the raw bytes, empty when none were sent. */
  requestBody: Buffer;
  /** The caller's IP address. */
  remoteAddress: string;
}

/** `RestContext.response`: what the handler answers when it returns nothing. */
export interface RestResponse {
  /** Default 200. */
  statusCode: number;
  /** Response headers; `Content-Type` defaults to `application/json`. */
  headers: Record<string, string>;
  /** The body as sent; null sends an empty body. */
  responseBody: Buffer | string | null;
}

/**
 * One annotated method. A value it returns (anything but undefined) is sent as JSON with status
 * 200 unless the handler set another, as Apex serialises a method's return value; otherwise the
 * response it filled in is sent. It runs inside an org transaction of kind `rest` (callouts
 * allowed), so it uses the Apex API; what it throws rolls the transaction back and answers
 * 500 APEX_ERROR.
 */
export type ApexRestHandler = (
  request: RestRequest,
  response: RestResponse,
) => unknown | Promise<unknown>;

/** An `@RestResource` class. */
export interface ApexRestResource {
  /** The Apex class, namespace included: `AFLO.WebhookRestService`. */
  className: string;
  /**
   * Where it is served under `/services/apexrest`, namespace included: `/AFLO/webhook`. It
   * starts with `/`, is at most 255 characters and case-sensitive; a `*` stands for one path
   * segment, or for any rest of the path when it ends the mapping (`/AFLO/things/*`).
   */
  urlMapping: string;
  handlers: Readonly<Partial<Record<RestMethod, ApexRestHandler>>>;
}
