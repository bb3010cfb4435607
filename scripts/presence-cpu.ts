/**
 * Ad-hoc presence load: N raw `ws` clients in this process publish awareness (cursor moves) at RATE Hz
 * for SECONDS; the server runs in a child process and reports its own `process.cpuUsage()` over the run.
 *   node --import tsx scripts/presence-cpu.ts [clients=300] [rate=10] [seconds=10] [stages=1] [relay=1]
 * relay=1 makes each client send back every awareness frame it receives, as the stock WebsocketProvider
 * does (it rebroadcasts every remote state it applies).
 */
import { fork } from "node:child_process";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import { STAGES } from "../shared/schema";

const [clients = 300, rate = 10, seconds = 10, stages = 1, relay = 1] = process.argv.slice(2).map(Number);

if (process.env.PRESENCE_CPU_CHILD) {
  const { startServer } = await import("../server/app");
  // One IP opens every socket: per-IP join limits off.
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    storage: "memory",
    staticDir: null,
    joinsPerMinute: 0,
  });
  let mark = process.cpuUsage();
  process.on("message", async (m: string) => {
    if (m === "mark") mark = process.cpuUsage();
    if (m === "read") process.send?.({ cpu: process.cpuUsage(mark), rss: process.memoryUsage().rss });
    if (m === "stop") {
      await server.close();
      process.exit(0);
    }
  });
  process.send?.({ url: server.url });
} else {
  const child = fork(new URL(import.meta.url).pathname, process.argv.slice(2), {
    env: { ...process.env, PRESENCE_CPU_CHILD: "1" },
    execArgv: ["--import", "tsx"],
  });
  const next = () => new Promise<Record<string, unknown>>((resolve) => child.once("message", resolve));
  const { url } = (await next()) as { url: string };
  const created = await fetch(`${url}/api/workshops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Town hall", challenge: "Load" }),
  });
  const { id, links } = (await created.json()) as { id: string; links: Record<string, string> };
  const token = new URLSearchParams(new URL(links.citizen as string).hash.slice(1)).get("token") as string;
  const wsUrl = `${url.replace("http", "ws")}/sync/${id}?token=${encodeURIComponent(token)}`;

  let messagesIn = 0;
  let bytesIn = 0;
  const sockets: WebSocket[] = [];
  const frame = (client: number, clock: number, x: number, y: number) => {
    const state = {
      user: { id: `citizen-${client}`, name: `Citizen ${client}`, color: "#166534", role: "citizen" },
      stage: STAGES[client % stages],
      cursor: { x, y },
    };
    const u = encoding.createEncoder();
    encoding.writeVarUint(u, 1);
    encoding.writeVarUint(u, client + 1000);
    encoding.writeVarUint(u, clock);
    encoding.writeVarString(u, JSON.stringify(state));
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(u));
    return encoding.toUint8Array(e);
  };
  for (let i = 0; i < clients; i++) {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    ws.on("message", (data: Buffer) => {
      messagesIn++;
      bytesIn += data.byteLength;
      if (relay && data[0] === 1) ws.send(data);
    });
    ws.send(frame(i, 1, 0, 0));
    sockets.push(ws);
  }
  await new Promise((r) => setTimeout(r, 1000));
  child.send("mark");
  messagesIn = 0;
  bytesIn = 0;
  const clocks = new Array(clients).fill(1);
  const period = 1000 / rate;
  const started = Date.now();
  let sent = 0;
  // Each client moves once per period, spread evenly across the period.
  await new Promise<void>((resolve) => {
    let tick = 0;
    const slice = 10;
    const timer = setInterval(() => {
      const t = Date.now() - started;
      if (t >= seconds * 1000) {
        clearInterval(timer);
        resolve();
        return;
      }
      const perSlice = Math.ceil(clients / (period / slice));
      for (let k = 0; k < perSlice; k++) {
        const i = (tick * perSlice + k) % clients;
        clocks[i]++;
        sockets[i]?.send(frame(i, clocks[i], (t / 10 + i) % 2000, i));
        sent++;
      }
      tick++;
    }, slice);
  });
  const elapsed = (Date.now() - started) / 1000;
  child.send("read");
  const { cpu, rss } = (await next()) as { cpu: NodeJS.CpuUsage; rss: number };
  const pct = ((cpu.user + cpu.system) / 1e6 / elapsed) * 100;
  console.log(
    JSON.stringify({
      clients,
      rate,
      stages,
      relay: Boolean(relay),
      seconds: Number(elapsed.toFixed(1)),
      updatesSent: sent,
      serverCpuPct: Number(pct.toFixed(1)),
      userMs: Math.round(cpu.user / 1000),
      systemMs: Math.round(cpu.system / 1000),
      serverRssMB: Math.round(rss / 1e6),
      messagesInPerClientPerSec: Number((messagesIn / clients / elapsed).toFixed(1)),
      kBInPerClientPerSec: Number((bytesIn / clients / elapsed / 1000).toFixed(1)),
    }),
  );
  for (const ws of sockets) ws.terminate();
  child.send("stop");
}
