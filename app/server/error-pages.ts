// Errors that happen before or outside the React Router app (a malformed URL Express cannot
// decode, a refused body, a crash in a middleware) answered like the app answers: the API's JSON
// error shape under /api, otherwise a small page of our own. Never a stack trace or a path.
import type express from "express";

type Kind = { code: string; zh: string; en: string };

const KINDS: Record<number, Kind> = {
  400: { code: "bad_request", zh: "请求无效", en: "Bad request" },
  404: { code: "not_found", zh: "页面不存在", en: "Not found" },
  413: { code: "payload_too_large", zh: "请求内容过大", en: "Request body too large" },
  500: { code: "internal", zh: "服务器内部错误", en: "Internal server error" },
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(status: number, kind: Kind) {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(kind.zh)} · 赣州科技大市场</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#0f172a;background:#f8fafc}main{max-width:40rem;margin:4rem auto;padding:0 1rem}h1{font-size:1.5rem}a{color:#1d4ed8}</style>
</head><body><main>
<p>赣州科技大市场 · Ganzhou Technology Market</p>
<h1>${escape(kind.zh)} / ${escape(kind.en)}</h1>
<p>错误代码 / Status ${status}</p>
<p><a href="/">返回首页 / Home</a></p>
</main></body></html>`;
}

export function sendError(
  req: express.Request,
  res: express.Response,
  status: number,
  detail: { bytes?: number } = {},
) {
  const kind = KINDS[status] ?? (status >= 500 ? KINDS[500]! : KINDS[400]!);
  res.status(status);
  if (req.path.startsWith("/api/")) {
    const limit = detail.bytes ? `（上限 ${Math.round(detail.bytes / 1024 / 1024)} MB）` : "";
    const limitEn = detail.bytes ? ` (limit ${Math.round(detail.bytes / 1024 / 1024)} MB)` : "";
    res.json({ error: { code: kind.code, message: `${kind.zh}${limit} / ${kind.en}${limitEn}` } });
  } else {
    res.type("html").send(page(status, kind));
  }
}

/** The last Express middleware: whatever reached it becomes our own answer. */
export function errorHandler(): express.ErrorRequestHandler {
  return (error, req, res, _next) => {
    const raw = Number(
      (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode,
    );
    // a URL that cannot be decoded or parsed is the client's mistake
    const badUrl = error instanceof URIError || (error as { code?: string })?.code === "ERR_INVALID_URL";
    const status = badUrl ? 400 : raw >= 400 && raw < 500 ? raw : 500;
    if (status >= 500) console.error("Request failed", req.method, req.originalUrl.slice(0, 200), error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendError(req, res, status);
  };
}
