//! kube-rs on the system allocator (glibc malloc), counted.

#[global_allocator]
static ALLOC: kube_rs_bench::Counting<std::alloc::System> =
    kube_rs_bench::Counting(std::alloc::System);

fn main() {
    kube_rs_bench::main();
}
