// next-auth v4: staff sign in with e-mail and password (credentials), sessions are signed JWTs.
// Every request re-reads the staff member (see get-actor.ts), so a deactivation takes effect at once.
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signIn } from "@/src/domain/staff/sign-in";
import { endStaffSession, startStaffSession } from "@/src/domain/staff/staff-sessions";
import { CLIENT_ADDRESS_HEADER } from "@/src/server/client-address";
import { config } from "@/src/server/config";
import { domain } from "@/src/server/runtime";

export const SESSION_MAX_AGE_S = 12 * 60 * 60;

/** Error codes the sign-in form can receive (next-auth passes the thrown message on). */
export type SignInError = "invalid" | "throttled";

export function authOptions(): AuthOptions {
  return {
    secret: config().sessionSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    jwt: { maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/nl/login", error: "/nl/login" },
    providers: [
      CredentialsProvider({
        name: "Portier",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const email = String(credentials?.email ?? "").slice(0, 320);
          const password = String(credentials?.password ?? "").slice(0, 1024);
          if (!email || !password) throw new Error("invalid" satisfies SignInError);
          const address = String(req.headers?.[CLIENT_ADDRESS_HEADER] ?? "unknown");
          const result = await signIn(await domain(), email, password, address);
          if (!result.ok) throw new Error(result.reason satisfies SignInError);
          return { id: result.staff.id, name: result.staff.name, email: result.staff.email };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.staffId = user.id;
          // The server-side session (idle timeout, sign-out): src/domain/staff/staff-sessions.ts.
          token.sid = await startStaffSession(await domain(), user.id);
        }
        return token;
      },
      session({ session, token }) {
        if (session.user) {
          (session.user as { id?: string }).id = token.staffId as string;
          if (typeof token.sid === "string") (session.user as { sid?: string }).sid = token.sid;
        }
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endStaffSession(await domain(), token.sid);
      },
    },
  };
}
