// The CSP nonce of each response: 16 bytes from the CSPRNG, base64, as before — drawn from a pool
// filled 4 KiB at a time instead of one randomBytes call per request (a call into OpenSSL each,
// ≈ 2.5 % of a bid's worker CPU; docs/decisions/0029-hot-api-path.md). Each nonce still gets its
// own fresh bytes, never reused.
import { randomFillSync } from "node:crypto";

const NONCE_BYTES = 16;
const pool = Buffer.alloc(NONCE_BYTES * 256);
let offset = pool.length;

export function cspNonce() {
  if (offset >= pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const nonce = pool.toString("base64", offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  return nonce;
}
