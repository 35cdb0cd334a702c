import { loadHealth } from "@/src/server/health";

export const dynamic = "force-dynamic";

/** Liveness and readiness for operators and load balancers: 200 when healthy, 503 otherwise. */
export async function GET() {
  const health = await loadHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
