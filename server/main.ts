import { startServer } from "./app";
import { loadConfig } from "./config";
import { consoleLogger as logger } from "./log";

// A stuck shutdown must not keep the old process holding the port and the database.
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    logger.error("invalid configuration", error);
    process.exit(1);
  }
  const server = await startServer({ ...config, logger });
  process.stdout.write(`Ruamkid listening on ${server.url}\n`);
  logger.info(`storage ${config.storage}${config.storage === "sqlite" ? ` in ${config.dataDir}` : ""}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: flushing rooms and closing`);
    setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error) => {
        logger.error("shutdown failed", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

// One bad message or socket must never take every workshop down: log and keep serving.
process.on("uncaughtException", (error) => logger.error("uncaught exception", error));
process.on("unhandledRejection", (error) => logger.error("unhandled rejection", error));

main().catch((error) => {
  logger.error("failed to start", error);
  process.exit(1);
});
