/**
 * `npm run dev`: the sync server with reload on change, and Vite with hot reload in front of it.
 * Vite proxies /api and /sync to the server (see vite.config.ts).
 */
import { spawn } from "node:child_process";

const apiPort = process.env.DEV_API_PORT ?? "8787";
// Share links must open the page Vite serves, not the API port behind it.
const env = {
  PUBLIC_URL: "http://localhost:5173",
  ...process.env,
  PORT: apiPort,
  HOST: "127.0.0.1",
  NODE_ENV: "development",
};

const children = [
  spawn(process.execPath, ["--import", "tsx", "--watch", "server/main.ts"], { stdio: "inherit", env }),
  spawn(process.execPath, ["node_modules/vite/bin/vite.js"], { stdio: "inherit", env }),
];

const stop = () => {
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) child.on("exit", (code) => code && code !== 0 && stop());
