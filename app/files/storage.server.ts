// Where listing files live (docs/decisions/0022-listing-files.md): a small adapter with put, get and
// delete by key. FILE_STORAGE=local (default) keeps them under DATA_DIR/files; FILE_STORAGE=s3 in an
// S3-compatible bucket (path-style requests signed with AWS Signature V4 by aws4fetch), for
// installations with several servers or object storage of their cloud.
import fs from "node:fs/promises";
import path from "node:path";
import { AwsClient } from "aws4fetch";
import { resolveDataDir } from "../db/embedded-postgres.server.ts";
import { getEnv } from "../env.server.ts";

export type FileStorage = {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** null when there is no such object */
  get(key: string): Promise<Buffer | null>;
  /** deleting what is not there is not an error */
  delete(key: string): Promise<void>;
};

/** Keys are made by the app (listing/file ids): anything else is refused before it touches a path. */
const KEY = /^[a-z]+\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+(\.[a-z0-9]+)?$/;

function checkedKey(key: string) {
  if (!KEY.test(key)) throw new Error(`bad storage key ${JSON.stringify(key)}`);
  return key;
}

export function localStorage(root: string): FileStorage {
  const file = (key: string) => path.join(root, ...checkedKey(key).split("/"));
  return {
    async put(key, bytes) {
      const target = file(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      // write beside, then rename: a reader never sees half a file
      const temp = `${target}.${process.pid}.tmp`;
      await fs.writeFile(temp, bytes);
      await fs.rename(temp, target);
    },
    async get(key) {
      try {
        return await fs.readFile(file(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await fs.rm(file(key), { force: true });
    },
  };
}

export type S3Config = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
};

export function s3Storage(config: S3Config): FileStorage {
  const client = new AwsClient({
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    region: config.region,
    service: "s3",
  });
  const url = (key: string) =>
    `${config.endpoint.replace(/\/+$/, "")}/${encodeURIComponent(config.bucket)}/${checkedKey(key)}`;
  const fail = async (what: string, response: Response) => {
    const text = (await response.text()).slice(0, 300);
    return new Error(`S3 ${what} answered ${response.status}: ${text}`);
  };
  return {
    async put(key, bytes, contentType) {
      const response = await client.fetch(url(key), {
        method: "PUT",
        body: new Uint8Array(bytes),
        headers: { "Content-Type": contentType },
      });
      if (!response.ok) throw await fail(`PUT ${key}`, response);
      await response.body?.cancel();
    },
    async get(key) {
      const response = await client.fetch(url(key), { method: "GET" });
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) throw await fail(`GET ${key}`, response);
      return Buffer.from(await response.arrayBuffer());
    },
    async delete(key) {
      const response = await client.fetch(url(key), { method: "DELETE" });
      if (!response.ok && response.status !== 404) throw await fail(`DELETE ${key}`, response);
      await response.body?.cancel();
    },
  };
}

/** The configured storage (the environment is validated at start: s3 has its four settings). */
export function fileStorage(): FileStorage {
  const env = getEnv();
  if (env.FILE_STORAGE === "s3") {
    return s3Storage({
      endpoint: env.S3_ENDPOINT!,
      bucket: env.S3_BUCKET!,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    });
  }
  return localStorage(path.join(resolveDataDir(env.DATA_DIR), "files"));
}
