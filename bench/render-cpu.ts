// Portal CPU time per request (from /proc, so a busy machine slows it down but hardly changes
// it): an uncached render (a cookie other than `lng` bypasses the page cache) against a kept
// page from the lean path (ADR 0033). Linux only. Prints figures only.
// Usage: npx remix build && npx tsx bench/render-cpu.ts
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { seedStories, startDatabase, startPortal } from "./monument-harness";
const database = await startDatabase();
await seedStories(database.url, 50, () => {});
const portal = await startPortal({
  databaseUrl: database.url,
  dataDir: `${database.dir}/data`,
});
const port = new URL(portal.base).port;
const pid = /pid=(\d+)/.exec(
  execSync(`ss -ltnpH 'sport = :${port}'`).toString()
)![1];
const cpu = () => {
  // utime + stime in clock ticks (100 per second)
  const f = readFileSync(`/proc/${pid}/stat`, "utf8")
    .split(") ")[1]!
    .split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
}; // ms
const sql = postgres(database.url, { max: 1, onnotice: () => {} });
const [{ slug }] =
  (await sql`select slug from directory_entries where published order by slug limit 1`) as unknown as [
    { slug: string }
  ];
await sql.end();
for (const [label, path, headers] of [
  ["uncached render", "/over", { cookie: "x=1" }],
  ["uncached render", `/hulp/${slug}`, { cookie: "x=1" }],
  ["uncached render", "/hulp", { cookie: "x=1" }],
  ["cached hit", "/over", {}],
  ["cached hit", "/hulp", {}],
] as const) {
  const n = label === "cached hit" ? 3000 : 300;
  for (let i = 0; i < 50; i++)
    await fetch(portal.base + path, { headers }).then((r) => r.arrayBuffer());
  const c0 = cpu();
  for (let i = 0; i < n; i += 10)
    await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(portal.base + path, {
          headers: { ...headers, "accept-encoding": "identity" },
        }).then((r) => r.arrayBuffer())
      )
    );
  console.log(
    `${label} ${path}: ${((cpu() - c0) / n).toFixed(
      2
    )} ms portal CPU per request (${n} requests)`
  );
}
await portal.stop();
await database.stop();
process.exit(0);
