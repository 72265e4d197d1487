// `npm run demo`: `npm start` (production) for a trial on this machine. Production needs
// PUBLIC_URL, the only source of links in mail; here it defaults to the local address, and says so.
const port = process.env.PORT || "3000";
if (!process.env.PUBLIC_URL) {
  process.env.PUBLIC_URL = `http://localhost:${port}`;
  console.log(
    `[demo] PUBLIC_URL is not set: links in mail will point to ${process.env.PUBLIC_URL} (set PUBLIC_URL for a real deployment)`,
  );
}
process.env.NODE_ENV ||= "production";
await import("./start.ts");

export {};
