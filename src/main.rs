fn main() {
    eprintln!("neap: not yet");
    std::process::exit(1);
}
