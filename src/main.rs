fn main() -> std::process::ExitCode {
    faqbook::cli::run()
}
