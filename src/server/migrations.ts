// Migrations on Prisma's WebAssembly schema engine through driver adapters: Portier never needs
// Prisma's native engine (which would have to be downloaded). Works on SQLite and PostgreSQL.
// Each workaround below is one that these Prisma versions need; see ../shared/STACK.md.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import { databaseProvider } from "@/src/server/database-url";

export interface MigrateOptions {
  url: string;
  /** prisma/ folder holding schema.prisma and the migration folders. */
  prismaDir: string;
  log?: (m: string) => void;
}

const filters = { externalTables: [] as string[], externalEnums: [] as string[] };

/** SQLite migrations live in prisma/migrations, PostgreSQL ones in prisma/migrations-postgresql. */
export function migrationsDirFor(prismaDir: string, url: string): string {
  return path.join(prismaDir, databaseProvider(url) === "postgresql" ? "migrations-postgresql" : "migrations");
}

/** One schema file serves both providers: the PostgreSQL variant only swaps the provider. */
export function schemaFor(prismaDir: string, url: string): string {
  const schema = fs.readFileSync(path.join(prismaDir, "schema.prisma"), "utf8");
  if (databaseProvider(url) === "sqlite") return schema;
  return schema.replace(/(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"');
}

let wasmReady = false;
function initWasm() {
  if (wasmReady) return;
  const req = createRequire(import.meta.url);
  const wasm = path.join(path.dirname(req.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
  const inst = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasm)), {
    // biome-ignore lint/suspicious/noExplicitAny: wasm-bindgen glue module
    "./schema_engine_bg.js": bg as any,
  });
  // biome-ignore lint/suspicious/noExplicitAny: wasm-bindgen glue module
  (bg as any).__wbg_set_wasm(inst.exports);
  // biome-ignore lint/suspicious/noExplicitAny: wasm-bindgen glue module
  (inst.exports as any).__wbindgen_start();
  wasmReady = true;
}

// biome-ignore lint/suspicious/noExplicitAny: the adapter factories are patched in place
type AnyFactory = any;

async function sqliteFactory(url: string): Promise<AnyFactory> {
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const factory: AnyFactory = new PrismaBetterSqlite3({ url });
  // Shadow replay sends each whole migration.sql to executeRaw; better-sqlite3 rejects more than
  // one statement there, so fall back to executeScript.
  const shadow = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const db = await shadow();
    const executeRaw = db.executeRaw.bind(db);
    db.executeRaw = async (q: { sql: string; args: unknown[] }) => {
      try {
        return await executeRaw(q);
      } catch (e) {
        if (q.args.length || !/more than one statement/.test(String(e))) throw e;
        await db.executeScript(q.sql);
        return 0;
      }
    };
    return db;
  };
  return factory;
}

export function pgConfig(url: string) {
  // Discrete fields, not connectionString: pg lets connectionString override `database`.
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    database: decodeURIComponent(u.pathname.slice(1)),
    user: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
  };
}

async function postgresFactory(url: string): Promise<AnyFactory> {
  const [{ PrismaPg }, { default: pg }] = await Promise.all([import("@prisma/adapter-pg"), import("pg")]);
  const cfg = pgConfig(url);
  // adapter-pg cannot map OID 18 ("char", used in pg_catalog): report it as text.
  const patchChar = (adapter: AnyFactory) => {
    let proto = Object.getPrototypeOf(adapter);
    while (proto && !Object.hasOwn(proto, "performIO")) proto = Object.getPrototypeOf(proto);
    if (proto && !proto.__charPatched) {
      const performIO = proto.performIO;
      proto.performIO = async function (q: unknown) {
        const res = await performIO.call(this, q);
        for (const f of res?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
        return res;
      };
      proto.__charPatched = true;
    }
    return adapter;
  };
  const factory: AnyFactory = new PrismaPg(cfg);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patchChar(await connect());
  // The built-in shadow database is dropped before its pool closes; manage it ourselves.
  factory.connectToShadowDb = async () => {
    const name = `prisma_migrate_shadow_db_${crypto.randomUUID().replace(/-/g, "")}`;
    const admin = new pg.Client(cfg);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const db = patchChar(await new PrismaPg({ ...cfg, database: name }).connect());
    const dispose = db.dispose.bind(db);
    db.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.end();
    };
    return db;
  };
  return factory;
}

export function readMigrations(dir: string): MigrationList {
  const baseDir = path.resolve(dir);
  const lock = path.join(baseDir, "migration_lock.toml");
  const names = fs.existsSync(baseDir)
    ? fs
        .readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir,
    shadowDbInitScript: "",
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lock) ? fs.readFileSync(lock, "utf8") : null,
    },
    migrationDirectories: names.map((name) => {
      const f = path.join(baseDir, name, "migration.sql");
      const content = fs.existsSync(f)
        ? { tag: "ok" as const, value: fs.readFileSync(f, "utf8") }
        : { tag: "error" as const, value: `missing ${f}` };
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  };
}

async function withEngine<T>(opts: MigrateOptions, fn: (e: SchemaEngine, schema: string) => Promise<T>): Promise<T> {
  initWasm();
  const schema = schemaFor(opts.prismaDir, opts.url);
  const factory =
    databaseProvider(opts.url) === "postgresql" ? await postgresFactory(opts.url) : await sqliteFactory(opts.url);
  // engine.free() does not close adapter connections; a second engine would hit SQLITE_BUSY.
  const opened: { dispose(): Promise<void> }[] = [];
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const c = await connect();
    opened.push(c);
    return c;
  };
  const engine = await bg.SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    (m: string) => opts.log?.(m),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine, schema);
  } finally {
    engine.free();
    await Promise.allSettled(opened.map((c) => c.dispose()));
  }
}

/** Author a migration: the difference between the replayed history and schema.prisma. */
export function createMigration(opts: MigrateOptions, name: string, now = new Date()): Promise<string | null> {
  return withEngine(opts, async (engine, schema) => {
    const list = readMigrations(migrationsDirFor(opts.prismaDir, opts.url));
    const from = list.migrationDirectories.length ? { tag: "migrations" as const, ...list } : { tag: "empty" as const };
    const to = { tag: "schemaDatamodel" as const, files: [{ path: "schema.prisma", content: schema }] };
    const { exitCode, stdout } = await engine.diff({ from, to, script: true, exitCode: true, filters });
    if (exitCode !== 2 || !stdout) return null; // 0 = no changes
    const dirName = `${now.toISOString().replace(/\D/g, "").slice(0, 14)}_${name.replace(/\W/g, "_")}`;
    fs.mkdirSync(path.join(list.baseDir, dirName), { recursive: true });
    fs.writeFileSync(path.join(list.baseDir, dirName, "migration.sql"), stdout);
    fs.writeFileSync(
      path.join(list.baseDir, "migration_lock.toml"),
      `# Written by scripts/migrate.ts\nprovider = "${databaseProvider(opts.url)}"\n`,
    );
    return dirName;
  });
}

/** Apply the migrations not applied yet; returns their names. */
export const deployMigrations = (opts: MigrateOptions): Promise<string[]> =>
  withEngine(opts, async (engine) => {
    const list = readMigrations(migrationsDirFor(opts.prismaDir, opts.url));
    return (await engine.applyMigrations({ migrationsList: list, filters })).appliedMigrationNames;
  });

export interface MigrationStatus {
  pending: string[];
  failed: string[];
  inSync: boolean;
}

/** Which migrations are still to be applied (or failed), without touching the schema. */
export const migrationStatus = (opts: MigrateOptions): Promise<MigrationStatus> =>
  withEngine(opts, async (engine) => {
    const list = readMigrations(migrationsDirFor(opts.prismaDir, opts.url));
    let d: Awaited<ReturnType<SchemaEngine["diagnoseMigrationHistory"]>>;
    try {
      d = await engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters });
    } catch (err) {
      // On SQLite through the adapter, the WASM engine reports a missing _prisma_migrations table as
      // an error instead of "nothing applied yet" (PostgreSQL does the latter): a fresh database.
      if (!/`_prisma_migrations` does not exist/.test(String(err))) throw err;
      const pending = list.migrationDirectories.map((m) => m.path);
      return { pending, failed: [], inSync: pending.length === 0 };
    }
    const h = d.history as { diagnostic?: string; unappliedMigrationNames?: string[] } | null;
    const pending = h?.diagnostic === "databaseIsBehind" ? (h.unappliedMigrationNames ?? []) : [];
    const failed = d.failedMigrationNames ?? [];
    return { pending, failed, inSync: pending.length === 0 && failed.length === 0 && h === null };
  });
