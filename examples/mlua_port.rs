//! A small host written against mlua's API; only the `use` line differs
//! (`use mlua::prelude::*;` in the original).
//!
//! `cargo run --example mlua_port`

use neap::prelude::*;

struct Inventory {
    items: Vec<String>,
}

impl LuaUserData for Inventory {
    fn add_methods<M: LuaUserDataMethods<Self>>(methods: &mut M) {
        methods.add_method_mut("add", |_, inv, item: String| {
            inv.items.push(item);
            Ok(inv.items.len())
        });
        methods.add_method("list", |lua, inv, ()| lua.create_sequence_from(inv.items.clone()));
        methods.add_meta_method(LuaMetaMethod::Len, |_, inv, ()| Ok(inv.items.len()));
    }
}

fn main() -> LuaResult<()> {
    let lua = Lua::new();
    let globals = lua.globals();

    globals.set("inventory", Inventory { items: Vec::new() })?;
    let log = lua.create_function(|_, (level, msg): (String, String)| {
        println!("[{}] {}", level, msg);
        Ok(())
    })?;
    globals.set("log", log)?;

    let check = lua.create_function(|_, n: i64| {
        if n < 0 {
            return Err(LuaError::external(format!("negative count {}", n)));
        }
        Ok(n * 2)
    })?;
    globals.set("check", check)?;

    lua.load(
        r#"
        inventory:add("sword")
        inventory:add("shield")
        log("info", "items: " .. #inventory)
        for i, name in ipairs(inventory:list()) do log("item", i .. " " .. name) end
        local ok, err = pcall(check, -1)
        log("warn", "check failed: " .. tostring(err):match("^[^\n]*"))
        "#,
    )
    .set_name("=game")
    .exec()?;

    let doubled: i64 = lua.load("check(21)").eval()?;
    println!("doubled: {}", doubled);

    let totals: LuaTable = lua.load("{ gold = 10, gems = 3 }").eval()?;
    let mut sum = 0;
    for pair in totals.pairs::<String, i64>() {
        let (_, v) = pair?;
        sum += v;
    }
    println!("total: {}", sum);

    let value: LuaValue = lua.load("nil").eval()?;
    assert!(value.is_nil());
    Ok(())
}

#[test]
fn example_runs() {
    main().unwrap();
}
