//! Running untrusted scripts: no file, OS or module access, a memory limit,
//! a time budget, and errors that stay contained.
//!
//! `cargo run --example sandbox`

use neap::{Error, Lua, LuaOptions, Result, StdLib, VmState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

fn main() -> Result<()> {
    let libs = StdLib::ALL_SAFE ^ StdLib::IO ^ StdLib::OS ^ StdLib::PACKAGE;
    let lua = Lua::new_with(libs, LuaOptions::default())?;

    // At most 16 MB of heap: a script that wants more gets LuaJIT's
    // "not enough memory" error.
    lua.set_memory_limit(16 << 20)?;
    // A time budget, counted in interpreter checkpoints (loop back-edges and
    // calls); each script gets a fresh budget below.
    let budget = Arc::new(AtomicU64::new(0));
    let left = budget.clone();
    lua.set_interrupt(move |_| {
        if left.fetch_sub(1, Ordering::Relaxed) == 0 {
            return Err(Error::runtime("script ran out of time"));
        }
        Ok(VmState::Continue)
    });

    let scripts = [
        "return os.execute('rm -rf /')",
        "return io.open('/etc/passwd')",
        "return require('socket')",
        "local t = {} ; for i = 1, 10 do t[i] = i * i end ; return table.concat(t, ',')",
        "error({ code = 42 })",
        "local t = {} ; for i = 1, 1e9 do t[i] = {i} end",
        "while true do end",
        "local ok, e = pcall(function() local s = {} ; for i = 1, 1e9 do s[i] = ('x'):rep(100) .. i end end) ; return 'caught: ' .. tostring(e)",
    ];
    for src in scripts {
        budget.store(10_000, Ordering::Relaxed);
        match lua.load(src).set_name("=untrusted").eval::<String>() {
            Ok(out) => println!("ok: {}", out),
            Err(e) => println!("refused: {}", e.to_string().lines().next().unwrap_or("")),
        }
    }

    // The state is still usable after every failure.
    budget.store(10_000, Ordering::Relaxed);
    assert_eq!(lua.load("1 + 1").eval::<i32>()?, 2);
    Ok(())
}

#[test]
fn example_runs() {
    main().unwrap();
}
