/**
 * Test scaffolding: temporary directories and environment variables that
 * are put back afterwards.
 *
 * @module
 */

/** Environment variables to set; `undefined` unsets one. */
export type Env = Record<string, string | undefined>;

/** Runs `fn` with environment variables set (or unset), then restores them. */
export async function withEnv<T>(vars: Env, fn: () => Promise<T>): Promise<T> {
  const saved: Env = {};
  for (const name of Object.keys(vars)) saved[name] = Deno.env.get(name);
  const apply = (values: Env) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) Deno.env.delete(name);
      else Deno.env.set(name, value);
    }
  };
  try {
    apply(vars);
    return await fn();
  } finally {
    apply(saved);
  }
}

/** Runs `fn` with a fresh temporary directory, removed afterwards. */
export async function inTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "kube-test-" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
