//! Running untrusted scripts: no file, OS or module access, and their
//! errors stay contained.
//!
//! `cargo run --example sandbox`
//!
//! TODO(lead): memory limits and instruction budgets (`set_memory_limit`,
//! `set_interrupt`) need VM hooks; this example will show them once they
//! exist.

use neap::{Lua, LuaOptions, Result, StdLib};

fn main() -> Result<()> {
    let libs = StdLib::ALL_SAFE ^ StdLib::IO ^ StdLib::OS ^ StdLib::PACKAGE;
    let lua = Lua::new_with(libs, LuaOptions::default())?;

    let scripts = [
        "return os.execute('rm -rf /')",
        "return io.open('/etc/passwd')",
        "return require('socket')",
        "local t = {} ; for i = 1, 10 do t[i] = i * i end ; return table.concat(t, ',')",
        "error({ code = 42 })",
    ];
    for src in scripts {
        match lua.load(src).set_name("=untrusted").eval::<String>() {
            Ok(out) => println!("ok: {}", out),
            Err(e) => println!("refused: {}", e.to_string().lines().next().unwrap_or("")),
        }
    }

    // The state is still usable after every failure.
    assert_eq!(lua.load("1 + 1").eval::<i32>()?, 2);
    Ok(())
}

#[test]
fn example_runs() {
    main().unwrap();
}
