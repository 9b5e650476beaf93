/**
 * One metrics registry for several controllers, a leader elector and a
 * client, read back through a parser of the Prometheus text format (0.0.4)
 * that enforces its rules: `# HELP` and `# TYPE` at most once per family and
 * before its samples, a family's samples together, label values escaped,
 * no series twice, and histograms with cumulative `le` buckets ending in
 * `+Inf` equal to `_count`, with `_sum`.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  Action,
  Api,
  Controller,
  KubeError,
  LeaderElector,
  MetricsRegistry,
  type Pod,
  WorkQueue,
} from "../../../mod.ts";
import { waitFor, withServer } from "../../support/fake_apiserver.ts";
import { ManualClock } from "../../support/manual_clock.ts";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

interface Family {
  name: string;
  help?: string;
  type?: string;
  samples: Sample[];
}

/** Parses an exposition, throwing on any breach of the format's rules. */
function parseExposition(text: string): Map<string, Family> {
  if (text !== "" && !text.endsWith("\n")) throw new Error("the text must end with a newline");
  const families = new Map<string, Family>();
  const series = new Set<string>();
  const ended = new Set<string>();
  let current: string | undefined;
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) families.set(name, f = { name, samples: [] });
    return f;
  };
  const enter = (name: string, where: string) => {
    if (current === name) return;
    if (ended.has(name)) throw new Error(`${where}: family ${name} appears a second time`);
    if (current) ended.add(current);
    current = name;
  };
  const lines = text.split("\n");
  lines.pop();
  lines.forEach((line, i) => {
    const where = `line ${i + 1} (${JSON.stringify(line)})`;
    if (line === "") return;
    const meta = line.match(/^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/);
    if (meta) {
      const [, kind, name, rest] = meta;
      enter(name, where);
      const f = family(name);
      if (kind === "HELP") {
        if (f.help !== undefined) throw new Error(`${where}: a second HELP for ${name}`);
        f.help = unescape(rest, false, where);
      } else {
        if (f.type !== undefined) throw new Error(`${where}: a second TYPE for ${name}`);
        if (f.samples.length) throw new Error(`${where}: TYPE after samples of ${name}`);
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(rest)) {
          throw new Error(`${where}: unknown type ${rest}`);
        }
        f.type = rest;
      }
      return;
    }
    if (line.startsWith("#")) return;
    const sample = parseSample(line, where);
    const base = sample.name.replace(/_(bucket|sum|count)$/, "");
    const name = base !== sample.name && families.get(base)?.type === "histogram"
      ? base
      : sample.name;
    enter(name, where);
    const key = sample.name + JSON.stringify(Object.entries(sample.labels).sort());
    if (series.has(key)) throw new Error(`${where}: the same series twice`);
    series.add(key);
    family(name).samples.push(sample);
  });
  for (const f of families.values()) if (f.type === "histogram") checkHistogram(f);
  return families;
}

function parseSample(line: string, where: string): Sample {
  let i = 0;
  const name = line.match(/^[a-zA-Z_:][a-zA-Z0-9_:]*/)?.[0];
  if (!name) throw new Error(`${where}: no metric name`);
  i = name.length;
  const labels: Record<string, string> = {};
  if (line[i] === "{") {
    i++;
    while (line[i] !== "}") {
      const label = line.slice(i).match(/^[a-zA-Z_][a-zA-Z0-9_]*/)?.[0];
      if (!label) throw new Error(`${where}: a bad label name at ${i}`);
      i += label.length;
      if (line.slice(i, i + 2) !== '="') throw new Error(`${where}: expected =" at ${i}`);
      i += 2;
      let raw = "";
      while (line[i] !== '"') {
        if (i >= line.length) throw new Error(`${where}: an unterminated label value`);
        if (line[i] === "\\") raw += line[i++];
        raw += line[i++];
      }
      i++;
      if (label in labels) throw new Error(`${where}: label ${label} twice`);
      labels[label] = unescape(raw, true, where);
      if (line[i] === ",") i++;
      else if (line[i] !== "}") throw new Error(`${where}: expected , or } at ${i}`);
    }
    i++;
  }
  const rest = line.slice(i).match(/^ (\S+)(?: -?\d+)?$/);
  if (!rest) throw new Error(`${where}: no value`);
  return { name, labels, value: parseValue(rest[1], where) };
}

/** Undoes the format's escapes: `\\` and `\n`, and `\"` in label values; nothing else. */
function unescape(text: string, label: boolean, where: string): string {
  return text.replace(/\\(.)/g, (_, c) => {
    if (c === "\\") return "\\";
    if (c === "n") return "\n";
    if (c === '"' && label) return '"';
    throw new Error(`${where}: an unknown escape \\${c}`);
  });
}

function parseValue(text: string, where: string): number {
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (text === "NaN") return NaN;
  const value = Number(text);
  if (Number.isNaN(value) || text.trim() === "") throw new Error(`${where}: bad value ${text}`);
  return value;
}

function checkHistogram(f: Family): void {
  const groups = new Map<string, { buckets: [number, number][]; sum?: number; count?: number }>();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    let g = groups.get(key);
    if (!g) groups.set(key, g = { buckets: [] });
    const what = `${f.name}${key}`;
    if (s.name === `${f.name}_bucket`) {
      if (le === undefined) throw new Error(`${what}: a bucket without le`);
      g.buckets.push([parseValue(le, what), s.value]);
    } else if (le !== undefined) throw new Error(`${what}: le outside a bucket`);
    else if (s.name === `${f.name}_sum`) g.sum = s.value;
    else if (s.name === `${f.name}_count`) g.count = s.value;
    else throw new Error(`${what}: ${s.name} in a histogram`);
  }
  for (const [key, g] of groups) {
    const what = `${f.name}${key}`;
    if (g.sum === undefined || g.count === undefined) throw new Error(`${what}: no _sum/_count`);
    g.buckets.forEach(([le, n], i) => {
      if (i > 0 && !(le > g.buckets[i - 1][0])) throw new Error(`${what}: le out of order`);
      if (i > 0 && n < g.buckets[i - 1][1]) throw new Error(`${what}: buckets not cumulative`);
    });
    const last = g.buckets.at(-1);
    if (!last || last[0] !== Infinity) throw new Error(`${what}: no +Inf bucket`);
    if (last[1] !== g.count) throw new Error(`${what}: +Inf ${last[1]} is not _count ${g.count}`);
  }
}

/** The value of the one sample of `name` whose labels include `labels`. */
function sample(families: Map<string, Family>, name: string, labels: Record<string, string>) {
  const base = name.replace(/_(bucket|sum|count)$/, "");
  const f = families.get(name) ?? families.get(base);
  const found =
    f?.samples.filter((s) =>
      s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)
    ) ?? [];
  assert.equal(found.length, 1, `one ${name}${JSON.stringify(labels)}, found ${found.length}`);
  return found[0].value;
}

function total(families: Map<string, Family>, name: string): number {
  const base = name.replace(/_(bucket|sum|count)$/, "");
  return (families.get(name) ?? families.get(base))!.samples
    .filter((s) => s.name === name)
    .reduce((n, s) => n + s.value, 0);
}

Deno.test("metrics parser: rejects what the format forbids (two controllers' texts put together repeat HELP and TYPE)", () => {
  const one = '# HELP a_total A.\n# TYPE a_total counter\na_total{c="x"} 1\n';
  assert.equal(parseExposition(one).get("a_total")?.samples.length, 1);
  const bad: [string, RegExp][] = [
    [one + one.replace('"x"', '"y"'), /appears a second time|second HELP/],
    ["# TYPE a gauge\n# TYPE a gauge\na 1\n", /second TYPE/],
    ["a 1\n# TYPE a gauge\n", /appears a second time|TYPE after samples/],
    ['a{x="1\\q"} 1\n', /unknown escape/],
    ['a{x="1"} 1\na{x="1"} 2\n', /same series twice/],
    ['# TYPE h histogram\nh_bucket{le="1"} 2\nh_sum 1\nh_count 2\n', /no \+Inf/],
    [
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n',
      /not cumulative/,
    ],
    ["a 1", /newline/],
  ];
  for (const [text, error] of bad) assert.throws(() => parseExposition(text), error, text);
});

Deno.test("metrics: two controllers, a leader elector and a client write into one registry, served as one valid exposition", async () => {
  await withServer(async (server, _pods) => {
    server.create("a", "p1");
    server.create("a", "p2");
    const registry = new MetricsRegistry();
    const client = server.client({ onRequest: registry.onRequest, retry: { retries: 0 } });
    try {
      const pods = Api.v1Pod(client);
      const alpha = new Controller(pods, { name: "alpha", metrics: registry });
      const beta = new Controller(pods, { name: "beta", metrics: registry });
      const elector = new LeaderElector(client, {
        name: "metrics-test",
        namespace: "a",
        identity: "me",
        metrics: registry,
      });
      const stop = new AbortController();
      const seen = { alpha: new Set<string>(), beta: new Set<string>() };
      const runs = (["alpha", "beta"] as const).map(async (name) => {
        const controller = name === "alpha" ? alpha : beta;
        for await (
          const outcome of controller.run(
            (pod: Pod) =>
              pod.metadata.name === "p2" && name === "beta"
                ? Promise.reject(new Error("beta fails p2"))
                : Promise.resolve(Action.awaitChange()),
            { signal: stop.signal },
          )
        ) seen[name].add(outcome.key);
      });
      let attempts = 0;
      const leading = elector.run(() => {}, { signal: stop.signal });
      const electorFailed = new LeaderElector(client, {
        name: "other",
        namespace: "a",
        identity: "watcher",
        metrics: registry,
        onError: () => attempts++,
      }).run(() => {}, { signal: stop.signal });
      await waitFor(
        () => seen.alpha.size === 2 && seen.beta.size === 2 && attempts > 0,
        5_000,
        "both controllers to reconcile both pods, and an election attempt",
      );
      const text = registry.text();
      stop.abort();
      await Promise.all([...runs, leading, electorFailed]);

      const families = parseExposition(text);
      for (const controller of ["alpha", "beta"]) {
        const c = { controller };
        assert.ok(sample(families, "kube_controller_reconciles_total", c) >= 2);
        assert.equal(sample(families, "kube_controller_queue_depth", c) >= 0, true);
        assert.ok(sample(families, "kube_controller_reconcile_duration_seconds_count", c) >= 2);
        assert.ok(
          sample(families, "kube_controller_queue_latency_seconds_count", c) >=
            sample(families, "kube_controller_reconciles_total", c),
          "every reconciled key was taken from the queue",
        );
        assert.equal(
          sample(families, "kube_controller_watch_relists_total", { ...c, resource: "pods" }),
          0,
        );
      }
      assert.ok(
        sample(families, "kube_controller_reconcile_failures_total", { controller: "beta" }) >= 1,
      );
      assert.equal(
        families.get("kube_controller_reconciles_total")?.type,
        "counter",
        "one family for both controllers",
      );
      assert.equal(
        sample(families, "kube_leader_election_is_leader", { lease: "a/metrics-test" }),
        0,
        "the elector cannot lead: the fake server has no Leases",
      );
      assert.ok(sample(families, "kube_client_requests_total", { verb: "GET", code: "200" }) >= 2);
      assert.ok(sample(families, "kube_client_requests_total", { verb: "GET", code: "404" }) >= 1);
      assert.equal(
        total(families, "kube_client_requests_total"),
        total(families, "kube_client_request_duration_seconds_count"),
        "every request counted is timed",
      );
      assert.equal(families.get("kube_client_request_duration_seconds")?.type, "histogram");

      // Each controller's own text is valid alone; put together they are not.
      parseExposition(alpha.metrics.text());
      assert.ok(!alpha.metrics.text().includes('controller="beta"'));
      assert.throws(() => parseExposition(alpha.metrics.text() + beta.metrics.text()));
      assert.equal(
        registry.text().includes("kube_leader_election_is_leader"),
        false,
        "an elector's gauge goes when it stops",
      );
    } finally {
      client.close();
    }
  });
});

Deno.test("metrics: label values with quotes, backslashes and newlines are escaped and read back whole", () => {
  const registry = new MetricsRegistry();
  const name = 'we"ird\\name\nnext';
  registry.counter("demo_total", "A help with a \\ and a\nnewline.").inc({ controller: name }, 3);
  registry.histogram("demo_seconds", "A histogram.", [0.1, 1]).observe({ controller: name }, 0.5);
  const families = parseExposition(registry.text());
  assert.equal(sample(families, "demo_total", { controller: name }), 3);
  assert.equal(families.get("demo_total")?.help, "A help with a \\ and a\nnewline.");
  assert.equal(sample(families, "demo_seconds_bucket", { controller: name, le: "0.1" }), 0);
  assert.equal(sample(families, "demo_seconds_bucket", { controller: name, le: "1" }), 1);
  assert.equal(sample(families, "demo_seconds_bucket", { controller: name, le: "+Inf" }), 1);
  assert.equal(sample(families, "demo_seconds_sum", { controller: name }), 0.5);
});

Deno.test("metrics: the registry refuses a family asked for with another type or help, bad names, le on a histogram, a counter going down", () => {
  const registry = new MetricsRegistry();
  registry.counter("x_total", "X.");
  assert.equal(registry.counter("x_total", "X.").get(), 0, "the same family back");
  assert.throws(() => registry.gauge("x_total", "X."), KubeError);
  assert.throws(() => registry.counter("x_total", "Other help."), KubeError);
  assert.throws(() => registry.counter("bad-name", "Bad."), KubeError);
  assert.throws(() => registry.counter("y_total", "Y.").inc({ "bad-label": "v" }), KubeError);
  assert.throws(() => registry.histogram("h_seconds", "H.").observe({ le: "1" }, 1), KubeError);
  assert.throws(() => registry.histogram("h2_seconds", "H.", [1, 0.5]), KubeError);
  assert.throws(() => registry.counter("x_total", "X.").inc({}, -1), KubeError);
  using _ = registry.gauge("g", "G.").track({ a: "1" }, () => 7);
  assert.throws(() => registry.gauge("g", "G.").track({ a: "1" }, () => 8), KubeError);
  assert.equal(registry.gauge("g", "G.").get({ a: "1" }), 7);
});

Deno.test("metrics: two controllers of one name cannot run at once in one registry; in two registries, or one after the other, they can", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    const registry = new MetricsRegistry();
    const first = new Controller(pods, { name: "same", metrics: registry });
    const elsewhere = new Controller(pods, { name: "same", metrics: new MetricsRegistry() });
    const stop = new AbortController();
    let reconciled = 0;
    const running = (async () => {
      for await (
        const _ of first.run(() => Promise.resolve(Action.awaitChange()), { signal: stop.signal })
      ) reconciled++;
    })();
    await waitFor(() => reconciled > 0, 5_000, "the first controller");
    const healthy = () =>
      sample(parseExposition(registry.text()), "kube_controller_watch_healthy", {
        controller: "same",
        resource: "pods",
      });
    await waitFor(() => healthy() === 1, 5_000, "the first controller's watch to be healthy");
    // Made while the first runs, it must not take the first's series over.
    const second = new Controller(pods, { name: "same", metrics: registry });
    assert.equal(healthy(), 1, "still the running controller's watch");
    await assert.rejects(
      async () => {
        for await (const _ of second.run(() => Promise.resolve(Action.awaitChange()))) break;
      },
      (e) => e instanceof KubeError && /another controller named same is running/.test(e.message),
    );
    for await (const _ of elsewhere.run(() => Promise.resolve(Action.awaitChange()))) break;
    stop.abort();
    await running;
    for await (const _ of second.run(() => Promise.resolve(Action.awaitChange()))) break;
    assert.equal(
      sample(parseExposition(registry.text()), "kube_controller_reconciles_total", {
        controller: "same",
      }),
      reconciled + 1,
      "one series for the name, counting on across Controller objects",
    );
  });
});

Deno.test("work queue latency: from when a key is due until it is taken, a held key's wait included", async () => {
  const clock = new ManualClock();
  const waited: [string, number][] = [];
  const queue = new WorkQueue(clock, { onTake: (key, ms) => waited.push([key, ms]) });
  queue.schedule("now");
  clock.advance(250);
  assert.equal(await queue.take(), "now");
  queue.schedule("later", 1_000);
  clock.advance(1_040);
  assert.equal(await queue.take(), "later");
  queue.schedule("now");
  clock.advance(100);
  queue.done("now");
  assert.equal(await queue.take(), "now");
  assert.deepEqual(waited, [["now", 250], ["later", 40], ["now", 100]]);
});

Deno.test("client onRequest: each attempt is told with its code, none for a failure; a throwing hook fails no request", async () => {
  await withServer(async (server, _pods) => {
    server.create("a", "x");
    const seen: (number | undefined)[] = [];
    const client = server.client({
      retry: { retries: 0 },
      onRequest: (info) => {
        seen.push(info.code);
        throw new Error("a broken hook");
      },
    });
    const gone = server.client({
      retry: { retries: 0 },
      onRequest: (info) => seen.push(info.code),
    });
    try {
      const pods = Api.v1Pod(client).within("a");
      assert.equal((await pods.get("x")).metadata.name, "x");
      await assert.rejects(pods.get("missing"));
      await server.close();
      await assert.rejects(Api.v1Pod(gone).within("a").get("x"));
      assert.deepEqual(seen, [200, 404, undefined]);
    } finally {
      client.close();
      gone.close();
    }
  });
});
