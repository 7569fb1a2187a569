return (a ? f() : g())
