//! Sandboxing hooks of the VM: the memory limit and the interrupt callback.

use neap_vm::error::LuaError;
use neap_vm::Vm;

fn run(vm: &mut Vm, src: &str) -> Result<Vec<String>, String> {
    let f = vm.load(src.as_bytes(), b"=test").map_err(|e| text(vm, &e))?;
    let results = vm.call(f, &[]).map_err(|e| text(vm, &e))?;
    Ok(results.iter().map(|v| String::from_utf8_lossy(&vm.tostring_basic(*v)).into_owned()).collect())
}

fn text(vm: &Vm, e: &LuaError) -> String {
    String::from_utf8_lossy(&vm.tostring_basic(e.value)).into_owned()
}

#[test]
fn memory_limit_raises_a_catchable_error_and_the_state_stays_usable() {
    let mut vm = Vm::new();
    vm.set_memory_limit(Some(16 << 20));
    let r = run(
        &mut vm,
        "local keep = {} \
         local ok, err = pcall(function() for i = 1, 1e8 do keep[i] = {i, tostring(i)} end end) \
         keep = nil \
         return ok, err",
    )
    .unwrap();
    assert_eq!(r, ["false", "not enough memory"]);
    // The same state runs another script afterwards.
    let r = run(&mut vm, "local t = {} for i = 1, 1000 do t[i] = i end return #t").unwrap();
    assert_eq!(r, ["1000"]);
}

#[test]
fn memory_limit_counts_big_strings() {
    let mut vm = Vm::new();
    vm.set_memory_limit(Some(8 << 20));
    let r = run(&mut vm, "local parts = {} for i = 1, 1e6 do parts[i] = string.rep('x', 100) .. i end return #parts");
    assert_eq!(r.unwrap_err(), "not enough memory");
}

#[test]
fn interrupt_stops_an_endless_loop() {
    for src in [
        "while true do end",
        "repeat until false",
        "for i = 1, math.huge do end",
        "local function f() return f() end f()",
    ] {
        let mut vm = Vm::new();
        let mut calls = 0;
        vm.set_interrupt(Some(Box::new(move |vm: &mut Vm| {
            calls += 1;
            if calls >= 10 {
                let v = vm.new_str(b"interrupted");
                return Err(LuaError::new(v));
            }
            Ok(())
        })));
        let r = run(&mut vm, &format!("return pcall(function() {src} end)")).unwrap();
        assert_eq!(r, ["false", "interrupted"], "{src}");
    }
}

#[test]
fn memory_error_caught_inside_the_script_frees_its_garbage() {
    let mut vm = Vm::new();
    vm.set_memory_limit(Some(16 << 20));
    let r = run(
        &mut vm,
        "local ok, e = pcall(function() local s = {} for i = 1, 1e9 do s[i] = ('x'):rep(100) .. i end end) \
         return 'caught: ' .. tostring(e)",
    );
    assert_eq!(r.unwrap(), ["caught: not enough memory"]);
}
