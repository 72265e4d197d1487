// A Response made from a string can carry that string beside it, so the front door's hot list
// route writes it to the socket without reading the Response's body stream back into a buffer
// (a web stream, its reader and promises per request: ≈ 4 % of an uncached list request's worker
// CPU, docs/decisions/0026 "Ninth"). The body itself is untouched: anything else (React Router,
// tests calling the loader) reads it as before. The list API passes its body as UTF-8 bytes, kept
// so in its response cache: a cache hit then neither encodes 25 KB of text for the Response nor
// again for the socket, nor measures it for Content-Length (≈ 8 % of a hit's worker CPU, 0026
// "Tenth"). A global symbol, because the route modules live in
// the server build and the front door outside it: two module instances, one registry.
const TEXT = Symbol.for("ganzhou-market.response-text");

type WithText = Response & { [TEXT]?: string | Uint8Array };

/** `new Response(text, init)`, remembering `text` (a string or its UTF-8 bytes) for textOf. */
export function textResponse(text: string | Uint8Array<ArrayBuffer>, init?: ResponseInit): Response {
  const response: WithText = new Response(text, init);
  response[TEXT] = text;
  return response;
}

/** The text or bytes a Response was made from by textResponse, if its body has not been read since. */
export function textOf(response: Response): string | Uint8Array | undefined {
  return response.bodyUsed ? undefined : (response as WithText)[TEXT];
}
