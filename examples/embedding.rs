//! Embedding Neap: run scripts, share values, call both ways.
//!
//! `cargo run --example embedding`

use neap::{Function, Lua, Result, Table, Variadic};

fn main() -> Result<()> {
    let lua = Lua::new();

    // Rust values into Lua.
    let config = lua.create_table()?;
    config.set("name", "demo")?;
    config.set("sizes", vec![1, 2, 3])?;
    lua.globals().set("config", config)?;

    // A Rust function Lua can call.
    let sum = lua.create_function(|_, numbers: Variadic<f64>| Ok(numbers.iter().sum::<f64>()))?;
    lua.globals().set("sum", sum)?;

    // Run a script.
    lua.load(
        r#"
        function describe(t)
            return t.name .. " has " .. #t.sizes .. " sizes adding up to " .. sum(unpack(t.sizes))
        end
        "#,
    )
    .set_name("describe.lua")
    .exec()?;

    // Lua values back into Rust.
    let describe: Function = lua.globals().get("describe")?;
    let config: Table = lua.globals().get("config")?;
    let text: String = describe.call(config)?;
    println!("{}", text);

    // Expressions.
    let (a, b): (i64, String) = lua.load("40 + 2, ('x'):rep(3)").eval()?;
    println!("{} {}", a, b);

    // Errors come back as values; Lua errors carry a traceback.
    match lua.load("local t = nil; return t.field").set_name("=oops").exec() {
        Err(e) => println!("error: {}", e.to_string().lines().next().unwrap_or("")),
        Ok(()) => unreachable!(),
    }
    Ok(())
}

#[test]
fn example_runs() {
    main().unwrap();
}
