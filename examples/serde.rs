//! Rust data to Lua and back with serde.
//!
//! `cargo run --example serde --features serde`

use neap::{Lua, Result};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
struct Settings {
    title: String,
    volume: u8,
    keys: Vec<String>,
    window: Option<(u32, u32)>,
}

fn main() -> Result<()> {
    let lua = Lua::new();
    let defaults = Settings { title: "game".into(), volume: 7, keys: vec!["w".into(), "s".into()], window: None };
    lua.globals().set("settings", lua.to_value(&defaults)?)?;

    // A user script edits the settings.
    lua.load(
        r#"
        settings.volume = settings.volume + 1
        table.insert(settings.keys, "space")
        settings.window = { 800, 600 }
        "#,
    )
    .exec()?;

    let edited: Settings = lua.from_value(lua.globals().get("settings")?)?;
    println!("{:?}", edited);

    // Bad data is an error, not a panic.
    lua.load("settings.volume = 1000").exec()?;
    match lua.from_value::<Settings>(lua.globals().get("settings")?) {
        Err(e) => println!("rejected: {}", e),
        Ok(s) => println!("accepted?! {:?}", s),
    }
    Ok(())
}

#[test]
fn example_runs() {
    main().unwrap();
}
