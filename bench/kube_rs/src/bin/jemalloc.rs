//! kube-rs on jemalloc, counted.

#[global_allocator]
static ALLOC: kube_rs_bench::Counting<tikv_jemallocator::Jemalloc> =
    kube_rs_bench::Counting(tikv_jemallocator::Jemalloc);

fn main() {
    kube_rs_bench::main();
}
