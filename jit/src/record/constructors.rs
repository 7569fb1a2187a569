//! Recording table constructors: `TNEW` and `TDUP` become calls of the
//! `layout::tables` helpers. They are `CALLS`: every call makes a new
//! table, so two calls are never the same value (no CSE, no hoisting).

use super::{Abort, Rec, Recorder};
use crate::ir::{IrType, Op};
use neap_vm::func::{Kgc, Proto};

impl Recorder {
    /// `TNEW a d`: a new empty table sized by `d`.
    pub(super) fn table_new(&mut self, a: usize, d: u16) -> Rec<()> {
        let sizes = self.ir.kint(d as i32);
        let t = self.table_call("table_new", sizes)?;
        self.set_reg(a, t)
    }

    /// `TDUP a d`: a copy of the prototype's template table `d`.
    pub(super) fn table_dup(&mut self, p: &Proto, a: usize, d: u16) -> Rec<()> {
        let Some(Kgc::Template(tpl)) = p.kgc.get(d as usize) else {
            return Err(Abort::nyi("TDUP without a template"));
        };
        // The template lives as long as its prototype, which the trace's
        // function guards keep alive.
        let tpl = self.ir.kptr(&**tpl as *const _ as u64);
        let t = self.table_call("table_dup", tpl)?;
        self.set_reg(a, t)
    }

    fn table_call(&mut self, name: &str, arg: crate::ir::Ref) -> Rec<crate::ir::Ref> {
        self.call_helper(Op::CALLS, IrType::Tab, name, &[arg])
    }
}
