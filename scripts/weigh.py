"""Weighs a wasm file's code by who wrote it, from its name section (see scripts/weigh.sh).

Usage: python3 scripts/weigh.py FILE.wasm by-component|by-generic|grep REGEX [N]

- by-component: each function is counted against the first `okr_grid::ui::<module>` or
  `okr_grid::browser::<module>` in its demangled v0 name (generic arguments included, so a
  tachys function built for a view's closure counts for that view), else the okr-core module,
  else the crate.
- by-generic: functions grouped with their generic arguments taken out: how many copies of
  each generic function there are, and their bytes.
- grep REGEX: the functions whose demangled name matches, largest first.
Sizes are bodies in the code section (un-optimised when read before wasm-opt).
"""
import collections
import re
import subprocess
import sys


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def functions(path):
    """(body size, demangled name) of every function defined in the file."""
    data = open(path, "rb").read()
    i, imported, bodies, names = 8, 0, [], {}
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        end = i + size
        if sid == 2:  # imports: count the functions
            n, j = leb(data, i)
            for _ in range(n):
                for _ in range(2):
                    length, j = leb(data, j)
                    j += length
                kind = data[j]
                j += 1
                if kind == 0:
                    _, j = leb(data, j)
                    imported += 1
                elif kind == 1:
                    j += 1
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 2:
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 3:
                    j += 2
                else:
                    _, j = leb(data, j + 1)
        elif sid == 10:  # code
            n, j = leb(data, i)
            for _ in range(n):
                length, k = leb(data, j)
                bodies.append(k - j + length)
                j = k + length
        elif sid == 0:
            length, j = leb(data, i)
            if data[j : j + length] == b"name":
                j += length
                while j < end:
                    sub = data[j]
                    size2, j = leb(data, j + 1)
                    if sub == 1:
                        n, k = leb(data, j)
                        for _ in range(n):
                            idx, k = leb(data, k)
                            length, k = leb(data, k)
                            names[idx] = data[k : k + length].decode("utf8", "replace")
                            k += length
                    j += size2
        i = end
    raw = [names.get(n + imported, "?") for n in range(len(bodies))]
    out = subprocess.run(["c++filt"], input="\n".join(raw), capture_output=True, text=True).stdout
    demangled = [re.sub(r"\[[0-9a-f]+\]", "", d) for d in out.split("\n")]
    return list(zip(bodies, demangled))


def by_component(funcs, top):
    pat = re.compile(r"okr_grid::((?:ui|browser)::[a-z_0-9]+)(?:::([A-Za-z_0-9]+))?")
    total, inner = collections.Counter(), collections.defaultdict(collections.Counter)
    for size, name in funcs:
        m = pat.search(name)
        if m:
            key, sub = m.group(1), m.group(2) or ""
        else:
            m = re.search(r"okr_core::([a-z_0-9]+)", name)
            if m:
                key, sub = "okr_core::" + m.group(1), ""
            else:
                m = re.match(r"^[<(&\s]*(?:mut |dyn |impl )?([A-Za-z_0-9]+)", name)
                key, sub = "crate " + (m.group(1) if m else "?"), ""
        total[key] += size
        inner[key][sub] += size
    code = sum(s for s, _ in funcs)
    print(f"code {code} B")
    for key, size in total.most_common(top):
        parts = ", ".join(f"{a} {b}" for a, b in inner[key].most_common(6) if a)
        print(f"{size:8d} {100 * size / code:5.1f}% {key:28s} {parts[:150]}")


def by_generic(funcs, top):
    total, copies = collections.Counter(), collections.Counter()
    for size, name in funcs:
        base, before = name, None
        while before != base:
            before = base
            # `<A as B>` stays (as `{A as B}`), any other `<…>` is a generic argument list.
            base = re.sub(r"<([^<>]*)>", lambda m: "{" + m.group(1) + "}" if " as " in m.group(1) else "", base)
        base = re.sub(r"\{closure#\d+\}", "{closure}", base)
        total[base] += size
        copies[base] += 1
    for key, size in total.most_common(top):
        print(f"{size:8d} {copies[key]:4d} {key[:170]}")


def grep(funcs, pattern, top):
    pat = re.compile(pattern)
    found = sorted(((s, n) for s, n in funcs if pat.search(n)), reverse=True)
    for size, name in found[:top]:
        print(size, name[:230])
    print(f"total {sum(s for s, _ in found)} B in {len(found)} functions")


def main():
    path, what = sys.argv[1], sys.argv[2]
    funcs = functions(path)
    if what == "grep":
        grep(funcs, sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 20)
    elif what == "by-generic":
        by_generic(funcs, int(sys.argv[3]) if len(sys.argv) > 3 else 50)
    else:
        by_component(funcs, int(sys.argv[3]) if len(sys.argv) > 3 else 40)


main()
