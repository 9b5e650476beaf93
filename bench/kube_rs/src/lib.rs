//! kube-rs as a contender of kube's bench: its `reflector` over `watcher`
//! with the default config against the bench server (plain HTTP on
//! 127.0.0.1, no auth), speaking the protocol of bench/sync_protocol.ts.
//!
//! `sync --server URL --burst N [--runtime multi|current]` prints
//! `{"readyMs":R,"burstMs":B,"heapBytes":H}`; `decode --server URL --runs N
//! --events E [--runtime multi|current]` prints `{"kubeRs":[ms...]}`.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::error::Error;
use std::sync::atomic::{AtomicIsize, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use futures::{StreamExt, TryStreamExt};
use k8s_openapi::api::core::v1::Pod;
use kube::api::{Api, WatchParams};
use kube::runtime::reflector::{self, ObjectRef};
use kube::runtime::{WatchStreamExt, watcher};
use kube::{Client, Config};
use serde_json::{Value, json};
use tokio::sync::Notify;

type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

/// Counter slots: each thread adds to its own with a plain load and store
/// (no locked instruction on every allocation); threads past the last
/// private slot share the last one with atomic adds.
const SLOTS: usize = 64;

#[repr(align(64))]
struct Slot(AtomicIsize);

static HELD: [Slot; SLOTS] = [const { Slot(AtomicIsize::new(0)) }; SLOTS];
static NEXT_SLOT: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    // Const-initialized and without Drop: reading it never allocates.
    static MY_SLOT: Cell<usize> = const { Cell::new(usize::MAX) };
}

fn count(delta: isize) {
    let slot = MY_SLOT
        .try_with(|mine| {
            if mine.get() == usize::MAX {
                mine.set(NEXT_SLOT.fetch_add(1, Relaxed).min(SLOTS - 1));
            }
            mine.get()
        })
        .unwrap_or(SLOTS - 1);
    let held = &HELD[slot].0;
    if slot == SLOTS - 1 {
        held.fetch_add(delta, Relaxed);
    } else {
        held.store(held.load(Relaxed) + delta, Relaxed);
    }
}

/// The bytes the program holds now: allocated less freed, every thread.
pub fn held_bytes() -> isize {
    HELD.iter().map(|slot| slot.0.load(Relaxed)).sum()
}

/// A global allocator that counts the bytes held, over another allocator.
pub struct Counting<A>(pub A);

unsafe impl<A: GlobalAlloc> GlobalAlloc for Counting<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { self.0.alloc(layout) };
        if !ptr.is_null() {
            count(layout.size() as isize);
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { self.0.alloc_zeroed(layout) };
        if !ptr.is_null() {
            count(layout.size() as isize);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { self.0.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { self.0.realloc(ptr, layout, new_size) };
        if !moved.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        moved
    }
}

struct Args {
    mode: String,
    server: String,
    burst: usize,
    runs: usize,
    events: usize,
    multi_thread: bool,
}

fn parse_args() -> Result<Args> {
    let mut raw = std::env::args().skip(1);
    let mode = raw
        .next()
        .ok_or("usage: kube_rs_bench sync|decode --server URL ...")?;
    let mut args = Args {
        mode,
        server: String::new(),
        burst: 10_000,
        runs: 5,
        events: 0,
        multi_thread: true,
    };
    while let Some(flag) = raw.next() {
        let value = raw.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--server" => args.server = value,
            "--burst" => args.burst = value.parse()?,
            "--runs" => args.runs = value.parse()?,
            "--events" => args.events = value.parse()?,
            "--runtime" => {
                args.multi_thread = match value.as_str() {
                    "multi" => true,
                    "current" => false,
                    other => return Err(format!("--runtime {other}: multi or current").into()),
                }
            }
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    if args.server.is_empty() {
        return Err("--server is required".into());
    }
    Ok(args)
}

/// Runs the mode the arguments name on the runtime they name, prints its
/// figures as one JSON line, and exits without tearing the caches down.
pub fn main() {
    let outcome = parse_args().and_then(|args| {
        // `multi` is what `#[tokio::main]` builds: a worker a core.
        let runtime = if args.multi_thread {
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?
        } else {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?
        };
        runtime.block_on(async {
            match args.mode.as_str() {
                "sync" => sync(&args.server, args.burst).await,
                "decode" => decode(&args.server, args.runs, args.events).await,
                other => Err(format!("unknown mode {other}").into()),
            }
        })
    });
    match outcome {
        Ok(figures) => {
            println!("{figures}");
            std::process::exit(0);
        }
        Err(err) => {
            eprintln!("kube_rs_bench: {err}");
            std::process::exit(1);
        }
    }
}

/// A client for the bench server: plain HTTP, no credentials.
fn bench_client(server: &str) -> Result<Client> {
    Ok(Client::try_from(Config::new(server.parse()?))?)
}

async fn bench_call(client: &Client, method: http::Method, path: &str) -> Result<Value> {
    let request = http::Request::builder()
        .method(method)
        .uri(path)
        .body(Vec::new())?;
    Ok(serde_json::from_str(&client.request_text(request).await?)?)
}

/// The last object of a burst: once the store holds it, the burst is through.
struct BurstEnd {
    name: String,
    namespace: String,
    resource_version: String,
}

/// One sync run: start to ready, then a burst until the store holds its last
/// object; and the bytes held by the cache after sync.
async fn sync(server: &str, burst: usize) -> Result<Value> {
    // The bench endpoints get a client of their own, made before counting.
    let control = bench_client(server)?;
    let opened = bench_call(&control, http::Method::GET, "/bench/info").await?["opened"]
        .as_u64()
        .ok_or("no opened count")?;
    let before = held_bytes();

    let start = Instant::now();
    let pods: Api<Pod> = Api::all(bench_client(server)?);
    let (reader, writer) = reflector::store();
    let target: Arc<OnceLock<BurstEnd>> = Arc::new(OnceLock::new());
    let arrived = Arc::new(Notify::new());
    let applied =
        reflector::reflector(writer, watcher(pods, watcher::Config::default())).applied_objects();
    {
        let (target, arrived) = (target.clone(), arrived.clone());
        tokio::spawn(async move {
            let mut applied = std::pin::pin!(applied);
            while let Some(pod) = applied.next().await {
                let pod = pod.unwrap_or_else(|err| {
                    let when = if target.get().is_some() {
                        "during"
                    } else {
                        "before"
                    };
                    eprintln!("kube_rs_bench: watcher failed {when} the burst: {err}");
                    std::process::exit(1);
                });
                let Some(end) = target.get() else { continue };
                let meta = &pod.metadata;
                if meta.name.as_ref() == Some(&end.name)
                    && meta.namespace.as_ref() == Some(&end.namespace)
                    && meta.resource_version.as_ref() == Some(&end.resource_version)
                {
                    arrived.notify_one();
                }
            }
        });
    }
    reader.wait_until_ready().await?;
    let ready_ms = start.elapsed().as_secs_f64() * 1000.0;

    // Listed is not yet watching: wait until the watch is open.
    loop {
        let info = bench_call(&control, http::Method::GET, "/bench/info").await?;
        if info["opened"].as_u64().unwrap_or(0) > opened {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let heap_bytes = held_bytes() - before;

    let prepare = format!("/bench/prepare?count={burst}");
    let last = bench_call(&control, http::Method::POST, &prepare).await?;
    let field = |name: &str| {
        last[name]
            .as_str()
            .map(str::to_owned)
            .ok_or("bad /bench/prepare")
    };
    let end = BurstEnd {
        name: field("name")?,
        namespace: field("namespace")?,
        resource_version: field("resourceVersion")?,
    };
    let key = ObjectRef::new(&end.name).within(&end.namespace);
    let expected = end.resource_version.clone();
    target.set(end).map_err(|_| "target set twice")?;
    let burst_start = Instant::now();
    let (sent, ()) = tokio::join!(
        bench_call(&control, http::Method::POST, "/bench/burst"),
        arrived.notified()
    );
    let burst_ms = burst_start.elapsed().as_secs_f64() * 1000.0;
    sent?;

    let held = reader
        .get(&key)
        .and_then(|pod| pod.metadata.resource_version.clone());
    if held.as_deref() != Some(expected.as_str()) {
        return Err("last event missing".into());
    }
    Ok(json!({ "readyMs": ready_ms, "burstMs": burst_ms, "heapBytes": heap_bytes }))
}

/// Watches the recorded stream once, decoding every event as a typed Pod.
async fn watch_once(pods: &Api<Pod>) -> Result<usize> {
    let events = pods.watch(&WatchParams::default(), "0").await?;
    Ok(events.try_fold(0, |n, _| async move { Ok(n + 1) }).await?)
}

/// Decode throughput over HTTP: one untimed watch, then `runs` timed ones.
async fn decode(server: &str, runs: usize, expected: usize) -> Result<Value> {
    let pods: Api<Pod> = Api::all(bench_client(server)?);
    watch_once(&pods).await?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let events = watch_once(&pods).await?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        if events != expected {
            return Err(format!("decoded {events} events, expected {expected}").into());
        }
    }
    Ok(json!({ "kubeRs": times }))
}
