import type { createClient } from "redis";

/** A connected node-redis client (the Socket.IO adapter's publisher or the worker's emitter), for commands of our own. */
export type RedisClient = ReturnType<typeof createClient>;
