/**
 * The layer in front of Express for `POST /graphql`: the node:http request listener (server.ts) hands every
 * request here first. The everyday request — a plain body of JSON, no compression asked for — passes the same
 * steps Express's /graphql chain runs (app.ts: CORS, the rate limiter with its session lookup, the 401 before the
 * body: the very same handlers, on a request made an Express request as Express makes it), has its body read and
 * parsed as express.json would, and when it is a known record read (known-documents.ts) is answered here, in one
 * write, without Express's router. The rest goes to Express unchanged:
 * - before anything is done (another method or path, a shutdown begun, an Accept-Encoding — compression stays
 *   Express's —, a body that is not plain UTF-8 JSON of a declared length up to the limit: Express refuses or
 *   inflates it as always), the request as it came;
 * - after it was admitted and its body read (the fast path did not answer), with the limiter's findings on
 *   `response.locals` and the parsed body on `request.body`: the rate limiter does not count it again
 *   (rate-limit.ts alreadyAdmitted), express.json leaves a body already read alone (body-parser 2 skips a request
 *   whose stream has ended: on-finished's isFinished), the fast path is not tried twice, and Apollo answers it —
 *   a failed read with the error the fast path saw (known-documents.ts).
 */
import type http from 'node:http';
import type express from 'express';
import type { KnownDocuments } from './known-documents.js';
import { jsonBodyErrors, sendRouteError } from './route-errors.js';

export type FrontDoorDeps = {
  /** The Express app everything not answered here goes to. */
  app: express.Express;
  isDraining: () => boolean;
  /**
   * What Express's /graphql chain runs before the body, in its order: the same handlers, each of which either
   * answers (a refusal) or goes on.
   */
  beforeBody: readonly express.RequestHandler[];
  /** The largest body in bytes (express.json's limit on /graphql). */
  bodyLimit: number;
  known: KnownDocuments;
};

/** The path and content types taken here: what express.json parses as UTF-8 without a word (any other charset is its to judge). */
const path = '/graphql';
const plainContentTypes = new Set(['application/json', 'application/json; charset=utf-8']);
const declaredLength = /^[1-9]\d{0,15}$/;

/** Whether the body is plain JSON of a declared length up to `limit`: read here; anything else is read (or refused) by Express. */
function plainBody(headers: http.IncomingHttpHeaders, limit: number): boolean {
  const type = headers['content-type']?.toLowerCase();
  if (type === undefined || !plainContentTypes.has(type)) return false;
  if (headers['content-encoding'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  return length !== undefined && declaredLength.test(length) && Number(length) <= limit;
}

/**
 * The body as express.json (body-parser 2.4, strict) makes it of UTF-8 text: decoded with a leading byte order
 * mark dropped (iconv-lite's default), nothing at all taken as `{}`, and anything whose first character past
 * blanks opens neither an object nor an array refused as not JSON. Undefined: not JSON.
 */
function parsedJson(body: Buffer): { value: unknown } | undefined {
  let text = body.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return { value: {} };
  // As body-parser, the blanks are looked past only when the text does not open at once.
  if (text[0] !== '{' && text[0] !== '[') {
    const first = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/.exec(text)?.[1];
    if (first !== '{' && first !== '[') return undefined;
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** Makes the request and response Express's, as its app.handle does first (application.js), so Express's handlers run on them. */
function asExpress(app: express.Express, request: http.IncomingMessage, response: http.ServerResponse): [express.Request, express.Response] {
  const req = request as express.Request;
  const res = response as express.Response;
  req.res = res;
  res.req = req;
  Object.setPrototypeOf(req, app.request);
  Object.setPrototypeOf(res, app.response);
  res.locals = Object.create(null) as express.Response['locals'];
  return [req, res];
}

/** Runs `handlers` in order; `then` once every one went on. A handler passing an error on has it answered as a route error. */
function runInOrder(handlers: readonly express.RequestHandler[], request: express.Request, response: express.Response, then: () => void): void {
  const step = (index: number): void => {
    if (index === handlers.length) return then();
    void handlers[index](request, response, (error?: unknown) => (error === undefined ? step(index + 1) : sendRouteError(request, response, error)));
  };
  step(0);
}

/** The whole body, however many pieces it comes in. A request cut off has no one to answer: its socket's close ends it. */
function readBody(request: http.IncomingMessage, done: (body: Buffer) => void): void {
  const pieces: Buffer[] = [];
  request.on('data', (piece: Buffer) => pieces.push(piece));
  request.on('end', () => done(pieces.length === 1 ? pieces[0] : Buffer.concat(pieces)));
  request.on('error', () => undefined);
}

/** The answer as Express's send writes a JSON text (content type with its charset, length), in one write. */
function sendJsonText(response: express.Response, text: string): void {
  response.statusCode = 200;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', String(Buffer.byteLength(text)));
  response.end(text);
}

export function graphqlFrontDoor({ app, isDraining, beforeBody, bodyLimit, known }: FrontDoorDeps): http.RequestListener {
  return (request, response) => {
    const { headers } = request;
    if (request.method !== 'POST' || request.url !== path || headers['accept-encoding'] !== undefined || isDraining() || !plainBody(headers, bodyLimit)) {
      return void app(request, response);
    }
    const [req, res] = asExpress(app, request, response);
    const toExpress = () => void app(req, res);
    runInOrder(beforeBody, req, res, () =>
      readBody(req, (body) => {
        const parsed = parsedJson(body);
        // Said as what express.json refuses as not JSON is said (route-errors.ts).
        if (!parsed) return void jsonBodyErrors({ type: 'entity.parse.failed' }, req, res, toExpress);
        req.body = parsed.value;
        known.answer(req).then(
          (text) => (text === undefined ? toExpress() : sendJsonText(res, text)),
          // The session lookup failed: the ordinary way looks again and says what went wrong.
          toExpress,
        );
      }),
    );
  };
}
