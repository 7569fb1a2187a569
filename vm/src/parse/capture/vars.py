"""Prints the upvalue names and variable ranges of a Lua file's functions,
read from the oracle's `luajit -b -g` dump, in the format of the listings'
`.vars` files: one `F <firstline> uv=[..] src=[..] vars=[name@start-end ..]`
line per function, children first.

Usage: python3 vars.py FILE.lua  (LUAJIT names the luajit binary, default
/tmp/ljnew/src/luajit).
"""
import os
import sys, subprocess
def uleb(b, i):
    v = 0; sh = 0
    while True:
        x = b[i]; i += 1
        v |= (x & 0x7f) << sh; sh += 7
        if x < 0x80: return v, i
HIDDEN = {1:"(for index)",2:"(for limit)",3:"(for step)",4:"(for generator)",5:"(for state)",6:"(for control)"}
def parse(data):
    assert data[:3] == b"\x1bLJ"
    i = 4
    flags, i = uleb(data, i)
    if not flags & 2:
        n, i = uleb(data, i); i += n
    out = []
    while True:
        ln, i = uleb(data, i)
        if ln == 0: break
        p = data[i:i+ln]; i += ln
        j = 0
        pflags, nparams, framesize, sizeuv = p[0], p[1], p[2], p[3]; j = 4
        sizekgc, j = uleb(p, j); sizekn, j = uleb(p, j); sizebc, j = uleb(p, j)
        sizedbg, j = uleb(p, j)
        firstline = numline = 0
        if sizedbg:
            firstline, j = uleb(p, j); numline, j = uleb(p, j)
        bcstart = j
        uvstart = bcstart + sizebc * 4
        uvs = [int.from_bytes(p[uvstart+2*k:uvstart+2*k+2], "little") for k in range(sizeuv)]
        src = []
        for u in uvs:
            if u & 0x8000: src.append("L%d" % (u & 0xff))
            else: src.append("U%d" % u)
        dbg = p[len(p)-sizedbg:]
        w = 1 if numline < 256 else 2 if numline < 65536 else 4
        k = sizebc * w
        names = []
        for _ in range(sizeuv):
            e = dbg.index(0, k); names.append(dbg[k:e].decode("latin1")); k = e + 1
        vars_ = []; lastpc = 0
        while k < len(dbg):
            t = dbg[k]
            if t == 0: break
            if t < 7:
                name = HIDDEN[t]; k += 1
            else:
                e = dbg.index(0, k); name = dbg[k:e].decode("latin1"); k = e + 1
            sp, k = uleb(dbg, k); ep, k = uleb(dbg, k)
            sp += lastpc; lastpc = sp
            vars_.append("%s@%d-%d" % (name, sp, sp + ep))
        out.append("F %d uv=[%s] src=[%s] vars=[%s]" % (firstline, ",".join(names), ",".join(src), " ".join(vars_)))
    return out
f = sys.argv[1]
luajit = os.environ.get("LUAJIT", "/tmp/ljnew/src/luajit")
lua_path = os.path.join(os.path.dirname(luajit), "?.lua") + ";;"
data = subprocess.run([luajit, "-b", "-g", f, "-"], capture_output=True, env={"LUA_PATH": lua_path}).stdout
print("\n".join(parse(data)))
