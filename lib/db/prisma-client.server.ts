import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/client";

export type { PrismaClient };
export type Db = PrismaClient;
/** A PrismaClient or the client handed to `$transaction(async (tx) => ...)`. */
export type DbClient = Prisma.TransactionClient;

export function createPrismaClient(databaseUrl: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  return new PrismaClient({ adapter });
}

// server.ts and the Next route bundles load this module separately; one client per process
// is shared through globalThis so both use the same pool.
const globalKey = Symbol.for("switchboard.prisma");
type GlobalWithPrisma = typeof globalThis & { [globalKey]?: PrismaClient };

export function getPrisma(): PrismaClient {
  const holder = globalThis as GlobalWithPrisma;
  if (!holder[globalKey]) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: the server sets it at boot before serving requests.");
    holder[globalKey] = createPrismaClient(url);
  }
  return holder[globalKey];
}

export function setPrisma(client: PrismaClient): void {
  (globalThis as GlobalWithPrisma)[globalKey] = client;
}
