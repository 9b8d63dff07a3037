// Least privilege on PostgreSQL (docs/decisions/0020): an owner role owns the schema and runs the
// migrations; the app connects as a role that may only read and write rows. It may INSERT and SELECT the
// audit trail and the booking events but never UPDATE, DELETE or TRUNCATE them, and may only read the
// migration history. Being no owner, it cannot ALTER a table, disable its trigger, or create or drop anything.
// The embedded PGlite database has a single user, so none of this applies to it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { LOCK_KEY } from './migrate.server';
import { engineFor, type Database, type Sql } from './open-database.server';

export const DEFAULT_ROLES = { owner: 'paindesk_owner', app: 'paindesk_app' } as const;

/**
 * Tables the app may read and add to, never change: the audit trail, and the booking events (what happened to
 * a booking, ADR 21), which are a record too. Only the audit trail also has a trigger (the owner may not change
 * it either).
 */
export const APPEND_ONLY_TABLES = ['AuditEvent', 'BookingEvent'] as const;
/** Tables the app may only read: it checks the migration history at start-up, the owner writes it. */
export const READ_ONLY_TABLES = ['_paindesk_migrations'] as const;

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function ident(name: string): string {
  if (!ROLE_NAME.test(name)) {
    throw new Error(`"${name}" is not a usable role or database name: use lower-case letters, digits and _`);
  }
  return `"${name}"`;
}

/** A database set-up that PainDesk will not run on; the message says how to fix it. */
export class DatabaseSetUpError extends Error {
  override name = 'DatabaseSetUpError';
}

function refuseEmbedded(what: string): never {
  throw new DatabaseSetUpError(
    `${what} needs PostgreSQL: the embedded database (PGlite) has a single user, so separate owner and app roles do not apply to it.`,
  );
}

/** The role a connection URL signs in as (the app role is simply the user in DATABASE_URL). */
export function roleOfUrl(url: string): string {
  if (engineFor(url) !== 'postgres') refuseEmbedded('A database role');
  const user = decodeURIComponent(new URL(url).username);
  if (!user) throw new DatabaseSetUpError('The PostgreSQL URL names no user: put the role in it, postgres://<role>:<password>@host/db');
  return user;
}

/**
 * The grants the app role should have, as statements for the owner to run. Everything is revoked and granted
 * again, so a grant added by hand or by a migration never survives the next migrate.
 */
export function appGrantStatements(appRole: string): string[] {
  const app = ident(appRole);
  const appendOnly = APPEND_ONLY_TABLES.map((t) => `"${t}"`).join(', ');
  const readOnly = READ_ONLY_TABLES.map((t) => `"${t}"`).join(', ');
  return [
    `GRANT USAGE ON SCHEMA public TO ${app}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
    `REVOKE UPDATE, DELETE ON ${appendOnly} FROM ${app}`,
    `REVOKE INSERT, UPDATE, DELETE ON ${readOnly} FROM ${app}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, ${app}`,
    `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
    // Tables and sequences a later migration creates get the same row-level rights at once; the next
    // migrate run applies the exceptions above to them too.
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO ${app}`,
  ];
}

/**
 * Run by the migrator, connected as the owner, after the migrations: gives the app role exactly its rights.
 * Refuses a set-up where the app role could undo them (the same role, a superuser, or an owner of tables).
 */
export async function applyAppGrants(owner: Database, appRole: string): Promise<void> {
  if (owner.engine !== 'postgres') refuseEmbedded('Granting the app role its rights');
  ident(appRole);
  const [me] = await owner.query<{ user: string }>('SELECT current_user AS "user"');
  if (me.user === appRole) {
    throw new DatabaseSetUpError(
      `MIGRATION_DATABASE_URL and DATABASE_URL sign in as the same role (${appRole}): the app would own the tables and could erase the audit trail. Give DATABASE_URL the app role (npm run db:roles).`,
    );
  }
  const roles = await owner.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
    'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1',
    [appRole],
  );
  if (roles.length === 0) throw new DatabaseSetUpError(`The app role ${appRole} in DATABASE_URL does not exist: create it with npm run db:roles.`);
  if (roles[0].rolsuper) throw new DatabaseSetUpError(`The app role ${appRole} is a superuser: it could do anything. Use a role made by npm run db:roles.`);
  const owned = await ownedObjects(owner, appRole);
  if (owned.length > 0) {
    throw new DatabaseSetUpError(
      `The app role ${appRole} owns ${owned.length} object(s) in the database (e.g. ${owned[0]}), so it could alter them; npm run db:roles hands them to the owner role.`,
    );
  }
  await owner.transaction(async (tx) => {
    // Concurrent GRANTs on one table fail ("tuple concurrently updated"): one instance at a time.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    for (const statement of appGrantStatements(appRole)) await tx.exec(statement);
  });
}

/** Whether the connected role may change the schema (the embedded database's single user always may). */
export async function mayChangeSchema(db: Database): Promise<boolean> {
  if (db.engine !== 'postgres') return true;
  const [row] = await db.query<{ may: boolean }>(`SELECT has_schema_privilege('public', 'CREATE') AS "may"`);
  return row.may;
}

/** Whether the connected role owns the audit trail, and so could truncate it or switch its trigger off. */
export async function ownsAuditTrail(db: Database): Promise<boolean> {
  if (db.engine !== 'postgres') return false;
  const rows = await db.query(
    `SELECT 1 FROM pg_class WHERE oid = to_regclass('"AuditEvent"') AND pg_has_role(current_user, relowner, 'USAGE')`,
  );
  return rows.length > 0;
}

async function ownedObjects(db: Sql, role: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = $1
     UNION ALL SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) = $1
     UNION ALL SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' AND pg_get_userbyid(t.typowner) = $1 AND t.typtype IN ('e', 'd')
     UNION ALL SELECT 'schema public' FROM pg_namespace WHERE nspname = 'public' AND pg_get_userbyid(nspowner) = $1`,
    [role],
  );
  return rows.map((r) => r.name);
}

export type RoleSetUp = {
  database: string;
  owner: string;
  app: string;
  /** Roles this run created, with their new passwords (shown once); existing roles keep theirs. */
  created: { role: string; password: string }[];
  /** Connection URLs for the two variables, with the password where this run made one. */
  migrationDatabaseUrl: string;
  databaseUrl: string;
};

/**
 * `npm run db:roles`: run once per database by an administrator (a superuser, or a managed service's admin
 * role) connected to the PainDesk database. Creates the owner and app roles if missing, hands the database,
 * its public schema and everything in it to the owner (so a database the app used to migrate as itself is
 * adopted), lets only the two roles connect, and gives the app role its rights. Safe to run again.
 */
export async function setUpRoles(
  adminUrl: string,
  names: { owner?: string; app?: string } = {},
): Promise<RoleSetUp> {
  if (engineFor(adminUrl) !== 'postgres') refuseEmbedded('Setting up database roles');
  const owner = names.owner ?? DEFAULT_ROLES.owner;
  const app = names.app ?? DEFAULT_ROLES.app;
  const [o, a] = [ident(owner), ident(app)];
  if (owner === app) throw new Error('The owner and app roles must be different roles');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows: dbRows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    const database = dbRows[0].db;
    const d = ident(database);
    const { rows: me } = await client.query<{ user: string }>('SELECT current_user AS "user"');
    if (me[0].user === owner || me[0].user === app) {
      throw new Error(`Run npm run db:roles as an administrator, not as ${me[0].user} itself`);
    }
    const created: RoleSetUp['created'] = [];
    const { rows: existing } = await client.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [
      [owner, app],
    ]);
    const has = new Set(existing.map((r) => r.rolname));
    // Neither role may do more than its job: no superuser, no creating roles or databases, no replication.
    const limits = 'NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';
    for (const role of [owner, app]) {
      if (has.has(role)) {
        await client.query(`ALTER ROLE ${ident(role)} LOGIN ${limits}`);
      } else {
        // base64url: no quote can appear in the literal. CREATE ROLE takes no bind parameters.
        const password = randomBytes(24).toString('base64url');
        await client.query(`CREATE ROLE ${ident(role)} LOGIN ${limits} PASSWORD '${password}'`);
        created.push({ role, password });
      }
    }
    // The app role must not inherit the owner's rights through membership.
    const { rows: member } = await client.query(
      `SELECT 1 FROM pg_auth_members WHERE roleid = (SELECT oid FROM pg_roles WHERE rolname = $1)
         AND member = (SELECT oid FROM pg_roles WHERE rolname = $2)`,
      [owner, app],
    );
    if (member.length > 0) await client.query(`REVOKE ${o} FROM ${a}`);

    await client.query('BEGIN');
    await client.query(`ALTER DATABASE ${d} OWNER TO ${o}`);
    await client.query(`REVOKE ALL ON DATABASE ${d} FROM PUBLIC`);
    await client.query(`GRANT CONNECT ON DATABASE ${d} TO ${a}`);
    await client.query(`ALTER SCHEMA public OWNER TO ${o}`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await adoptObjects(client, owner);
    await client.query('COMMIT');

    // If the schema is already migrated, give the app role its rights now, as the owner would after a migrate.
    await client.query(`SET ROLE ${o}`);
    const { rows: migrated } = await client.query(`SELECT to_regclass('"_paindesk_migrations"') IS NOT NULL AS present`);
    if (migrated[0].present) {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      for (const statement of appGrantStatements(app)) await client.query(statement);
      await client.query('COMMIT');
    }
    await client.query('RESET ROLE');

    const passwordOf = (role: string) => created.find((c) => c.role === role)?.password;
    return {
      database,
      owner,
      app,
      created,
      migrationDatabaseUrl: urlFor(adminUrl, owner, passwordOf(owner)),
      databaseUrl: urlFor(adminUrl, app, passwordOf(app)),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

function urlFor(adminUrl: string, role: string, password: string | undefined): string {
  const url = new URL(adminUrl);
  url.username = role;
  url.password = password ?? 'PASSWORD';
  return url.toString();
}

/** Hands every table, view, sequence, function and type in the public schema to the owner role. */
async function adoptObjects(client: pg.Client, owner: string) {
  const o = ident(owner);
  const { rows: relations } = await client.query<{ name: string; kind: string }>(
    `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND pg_get_userbyid(c.relowner) <> $1
        -- a sequence owned by a table column moves with its table
        AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'a'))`,
    [owner],
  );
  const keyword: Record<string, string> = { r: 'TABLE', p: 'TABLE', f: 'FOREIGN TABLE', v: 'VIEW', m: 'MATERIALIZED VIEW', S: 'SEQUENCE' };
  for (const r of relations) await client.query(`ALTER ${keyword[r.kind]} public.${pg.escapeIdentifier(r.name)} OWNER TO ${o}`);
  const { rows: functions } = await client.query<{ signature: string }>(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
    [owner],
  );
  for (const f of functions) await client.query(`ALTER ROUTINE ${f.signature} OWNER TO ${o}`);
  const { rows: types } = await client.query<{ name: string }>(
    `SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND pg_get_userbyid(t.typowner) <> $1
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')`,
    [owner],
  );
  for (const t of types) await client.query(`ALTER TYPE public.${pg.escapeIdentifier(t.name)} OWNER TO ${o}`);
}
