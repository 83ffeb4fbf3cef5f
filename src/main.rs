// mimalloc instead of glibc malloc: a build makes and frees millions of small strings across
// rayon workers, and glibc spent 19% of a 100,000-page build's CPU in malloc/free/consolidate.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    faqbook::cli::run()
}
