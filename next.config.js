import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native and server-only packages stay outside the bundle (the custom server loads them too).
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/adapter-better-sqlite3", "pg"],
  typedRoutes: false,
  // The browser tests address the server as 127.0.0.1; in development Next serves its scripts
  // only to the origins named here (and localhost).
  allowedDevOrigins: ["127.0.0.1"],
  experimental: { authInterrupts: true },
  // `npm run typecheck` checks the whole project (CI runs it first); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default withNextIntl(nextConfig);
