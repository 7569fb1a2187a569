//! Rust types in Lua: methods, fields, metamethods and borrow checks.
//!
//! `cargo run --example userdata`

use neap::{Lua, MetaMethod, Result, UserData, UserDataFields, UserDataMethods};

#[derive(Clone, Copy, Debug)]
struct Vec2 {
    x: f64,
    y: f64,
}

impl UserData for Vec2 {
    fn add_fields<F: UserDataFields<Self>>(fields: &mut F) {
        fields.add_field_method_get("x", |_, v| Ok(v.x));
        fields.add_field_method_get("y", |_, v| Ok(v.y));
        fields.add_field_method_set("x", |_, v, x: f64| {
            v.x = x;
            Ok(())
        });
    }

    fn add_methods<M: UserDataMethods<Self>>(methods: &mut M) {
        methods.add_function("new", |_, (x, y): (f64, f64)| Ok(Vec2 { x, y }));
        methods.add_method("length", |_, v, ()| Ok((v.x * v.x + v.y * v.y).sqrt()));
        methods.add_method_mut("scale", |_, v, k: f64| {
            v.x *= k;
            v.y *= k;
            Ok(())
        });
        methods.add_meta_function(MetaMethod::Add, |lua, (a, b): (neap::AnyUserData, neap::AnyUserData)| {
            let (a, b) = (*a.borrow::<Vec2>()?, *b.borrow::<Vec2>()?);
            lua.create_userdata(Vec2 { x: a.x + b.x, y: a.y + b.y })
        });
        methods.add_meta_method(MetaMethod::ToString, |_, v, ()| Ok(format!("({}, {})", v.x, v.y)));
    }
}

fn main() -> Result<()> {
    let lua = Lua::new();
    lua.globals().set("origin", Vec2 { x: 3.0, y: 4.0 })?;
    lua.load(
        r#"
        print(origin, origin:length())
        origin:scale(2)
        origin.x = 1
        local sum = origin + origin.new(1, 1)
        print(sum, sum.x, sum.y)
        print(pcall(function() origin.y = 0 end))
        "#,
    )
    .exec()?;

    // The host sees the same value Lua changed.
    let v: neap::AnyUserData = lua.globals().get("origin")?;
    println!("from Rust: {:?}", *v.borrow::<Vec2>()?);
    Ok(())
}

#[test]
fn example_runs() {
    main().unwrap();
}
