fn main() -> std::process::ExitCode {
    claimtrack::main_with_exit_code()
}
