/**
 * A forked load process spoken to by request and reply over IPC: `{id, request}` out, `{id, reply}` back,
 * id 0 meaning "ready". Shared by the sync and the presence benchmarks' load fleets.
 */
import { type ChildProcess, fork } from "node:child_process";
import { trackChild } from "./servers";

interface Reply {
  ok: boolean;
  error?: string;
}

export class WorkerRpc<Request extends { cmd: string }, Answer extends Reply> {
  private readonly pending = new Map<number, (reply: Answer | Error) => void>();
  private nextId = 1;

  private constructor(
    readonly child: ChildProcess,
    private readonly label: string,
  ) {}

  /** Forks `file` (TypeScript, through tsx) and resolves once it says it is ready. */
  static start<Request extends { cmd: string }, Answer extends Reply>(
    file: string,
    label: string,
  ): Promise<WorkerRpc<Request, Answer>> {
    const child = fork(file, [], {
      execArgv: ["--import", "tsx", "--max-old-space-size=4096"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    trackChild(child);
    const worker = new WorkerRpc<Request, Answer>(child, label);
    return new Promise((resolve, reject) => {
      child.on("message", (message: { id: number; reply: Answer }) => {
        if (message.id === 0) return resolve(worker);
        const done = worker.pending.get(message.id);
        worker.pending.delete(message.id);
        done?.(message.reply.ok ? message.reply : new Error(`${label}: ${message.reply.error}`));
      });
      child.once("exit", (code, signal) => {
        const error = new Error(`${label} ${child.pid} exited (${signal ?? code})`);
        for (const done of worker.pending.values()) done(error);
        worker.pending.clear();
        reject(error);
      });
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  request(request: Request, timeoutMs: number): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.label}: ${request.cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        if (reply instanceof Error) reject(reply);
        else resolve(reply);
      });
      this.child.send({ id, request });
    });
  }

  /** Asks it to exit; kills it if it has not gone after `graceMs`. */
  async stop(exit: Request, graceMs: number): Promise<void> {
    await this.request(exit, graceMs).catch(() => undefined);
    const { child } = this;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
