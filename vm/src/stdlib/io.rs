//! The `io` library (a first part: the standard streams).

use super::{arg, check_str, ret};
use crate::error::LuaResult;
use crate::state::{Args, Vm};
use crate::userdata::{Payload, Userdata};
use crate::value::Value;
use std::io::{BufRead, Write};

/// What a file handle userdata carries.
pub enum Stream {
    Stdin,
    Stdout,
    Stderr,
}

pub fn open(vm: &mut Vm) {
    let io = super::new_lib(vm, "io", &[("write", io_write), ("read", io_read)]);
    let methods = vm.new_table(0, 0);
    let write_m = vm.new_native("write", file_write);
    vm.set_field(methods, "write", write_m);
    let read_m = vm.new_native("read", file_read);
    vm.set_field(methods, "read", read_m);
    let flush_m = vm.new_native("flush", file_flush);
    vm.set_field(methods, "flush", flush_m);
    let mt = vm.new_table(0, 0);
    vm.set_field(mt, "__index", Value::table(methods));
    for (name, stream) in [("stdin", Stream::Stdin), ("stdout", Stream::Stdout), ("stderr", Stream::Stderr)] {
        let u = vm.heap.alloc(Userdata::new(Payload::Rust(Box::new(stream)), vm.globals));
        // Fresh userdata.
        unsafe { (*u).metatable = mt };
        vm.set_field(io, name, Value::userdata(u));
    }
}

fn write_values(vm: &mut Vm, args: Args, first: usize, out: &mut dyn Write) -> LuaResult<()> {
    for i in first..=args.n {
        let v = arg(vm, args, i);
        let mut buf = Vec::new();
        if v.is_number() {
            vm.append_tostring_primitive(&mut buf, v);
        } else {
            let s = check_str(vm, args, i)?;
            buf.extend_from_slice(vm.str_of(s));
        }
        let _ = out.write_all(&buf);
    }
    Ok(())
}

fn io_write(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let mut out = Vec::new();
    write_values(vm, args, 1, &mut out)?;
    let _ = vm.stdout.write_all(&out);
    let io = vm.get_global("io").as_table_ptr().unwrap();
    let out = vm.get_field(io, "stdout");
    ret(vm, &[out])
}

fn stream_of(vm: &mut Vm, args: Args) -> LuaResult<&'static Stream> {
    let v = arg(vm, args, 1);
    if let Some(u) = v.as_userdata_ptr() {
        // Argument userdata, live; io handles are never freed while the io
        // table holds them.
        if let Payload::Rust(b) = unsafe { &(*u).payload } {
            if let Some(s) = b.downcast_ref::<Stream>() {
                return Ok(unsafe { &*(s as *const Stream) });
            }
        }
    }
    Err(vm.type_error(args, 1, "FILE*"))
}

fn file_write(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let s = stream_of(vm, args)?;
    match s {
        Stream::Stderr => {
            vm.flush_stdout();
            let mut e = std::io::stderr();
            write_values(vm, args, 2, &mut e)?;
        }
        _ => {
            let mut out = Vec::new();
            write_values(vm, args, 2, &mut out)?;
            let _ = vm.stdout.write_all(&out);
        }
    }
    ret(vm, &[arg(vm, args, 1)])
}

fn file_flush(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    vm.flush_stdout();
    ret(vm, &[arg(vm, args, 1)])
}

fn read_stdin(vm: &mut Vm, args: Args, first: usize) -> LuaResult<usize> {
    let fmt = match super::opt_str(vm, args, first)? {
        Some(s) => vm.str_of(s).to_vec(),
        None => b"*l".to_vec(),
    };
    vm.flush_stdout();
    let stdin = std::io::stdin();
    let mut lock = stdin.lock();
    let mut buf = Vec::new();
    let v = match fmt.get(..2) {
        Some(b"*a") => {
            let _ = std::io::Read::read_to_end(&mut lock, &mut buf);
            vm.new_str(&buf)
        }
        Some(b"*n") => {
            let _ = lock.read_until(b'\n', &mut buf);
            crate::strscan::str_to_number(&buf).map(Value::number).unwrap_or(Value::NIL)
        }
        _ => {
            let keep = fmt.get(..2) == Some(b"*L");
            match lock.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => Value::NIL,
                Ok(_) => {
                    if !keep && buf.last() == Some(&b'\n') {
                        buf.pop();
                    }
                    vm.new_str(&buf)
                }
            }
        }
    };
    ret(vm, &[v])
}

fn io_read(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    read_stdin(vm, args, 1)
}

fn file_read(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    stream_of(vm, args)?;
    read_stdin(vm, args, 2)
}
