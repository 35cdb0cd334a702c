import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "@/src/server/auth/auth-options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built per request: they read the configuration, which must not happen at build time.
const handler = (req: NextRequest, ctx: Ctx) => NextAuth(req, ctx, authOptions());

export { handler as GET, handler as POST };
