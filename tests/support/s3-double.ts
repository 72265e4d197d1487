// A local double of the S3 REST API's object calls (PUT, GET, DELETE of /<bucket>/<key>, path
// style), for testing the S3 storage adapter: object storage is unreachable from this machine
// (docs/decisions/0022-listing-files.md). It checks each request's AWS Signature V4 by signing the
// same request again with the configured secret (aws4fetch's signer) and answers 403
// SignatureDoesNotMatch otherwise, like S3. Objects live in memory.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { AwsV4Signer } from "aws4fetch";

export type S3Double = {
  endpoint: string;
  bucket: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  requests: Array<{ method: string; key: string; status: number }>;
  close(): Promise<void>;
};

const xmlError = (code: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`;

export async function startS3Double(opts: {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}): Promise<S3Double> {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const requests: S3Double["requests"] = [];
  let endpoint = "";

  async function signatureMatches(req: http.IncomingMessage, body: Buffer) {
    const auth = req.headers.authorization ?? "";
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/.exec(
        auth,
      );
    if (!match || match[1] !== opts.accessKeyId || match[2] !== opts.region) return false;
    const signed = match[3]!.split(";");
    const headers = new Headers();
    for (const name of signed) {
      if (name === "host") continue; // the signer adds it from the URL
      const value = req.headers[name];
      if (typeof value === "string") headers.set(name, value);
    }
    const amzDate = req.headers["x-amz-date"];
    if (typeof amzDate !== "string") return false;
    const again = await new AwsV4Signer({
      url: `${endpoint}${req.url}`,
      method: req.method,
      headers,
      body: body.length ? new Uint8Array(body) : undefined,
      accessKeyId: opts.accessKeyId,
      secretAccessKey: opts.secretAccessKey,
      region: opts.region,
      service: "s3",
      datetime: amzDate,
    }).sign();
    return again.headers.get("authorization") === auth;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", endpoint);
      const [, bucket, ...rest] = url.pathname.split("/");
      const key = rest.map(decodeURIComponent).join("/");
      const answer = (status: number, text = "", type = "application/xml") => {
        requests.push({ method: req.method ?? "", key, status });
        res.writeHead(status, { "Content-Type": type });
        res.end(text);
      };
      if (!(await signatureMatches(req, body))) return answer(403, xmlError("SignatureDoesNotMatch"));
      if (bucket !== opts.bucket) return answer(404, xmlError("NoSuchBucket"));
      if (req.method === "PUT") {
        objects.set(key, { body, contentType: String(req.headers["content-type"] ?? "") });
        return answer(200);
      }
      if (req.method === "GET") {
        const object = objects.get(key);
        if (!object) return answer(404, xmlError("NoSuchKey"));
        requests.push({ method: "GET", key, status: 200 });
        res.writeHead(200, { "Content-Type": object.contentType, "Content-Length": object.body.length });
        return res.end(object.body);
      }
      if (req.method === "DELETE") {
        objects.delete(key);
        return answer(204); // S3 answers 204 whether or not the key existed
      }
      return answer(405, xmlError("MethodNotAllowed"));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    bucket: opts.bucket,
    objects,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
