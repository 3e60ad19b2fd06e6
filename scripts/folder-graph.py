#!/usr/bin/env python3
"""Prints which folders of a target use which (a folder uses another when its code names a type, a top-level
function or constant, or a member added by an extension, that the other declares), and exits 1 when two folders
use each other or the graph has any other cycle.

    python3 scripts/folder-graph.py [-v] [TARGET_FOLDER …]     (-v: the names behind each use)

By default the targets with folders: Sources/GDALKit, Sources/VerdantCore and Sources/Verdant. Comments and
string literals are stripped before names are matched; subfolders count as part of their top folder
(Parcels/GeoJSON is Parcels)."""
import os
import re
import sys



def strip(text):
    """The code without comments and string literals (so that words in docs and messages do not count)."""
    text = re.sub(r'"""(?:.|\n)*?"""', '""', text)
    text = re.sub(r"/\*(?:.|\n)*?\*/", " ", text)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)
    return text


DECL = re.compile(r"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|internal|package|fileprivate|private|final|"
                  r"indirect|nonisolated|static|override)\s+)*"
                  r"(?:struct|class|enum|protocol|actor|typealias)\s+([A-Za-z_]\w*)", re.M)
TOP_FUNC = re.compile(r"^(?:(?:public|internal|package|fileprivate|private)\s+)?(?:func|let|var)\s+([A-Za-z_]\w*)",
                      re.M)
EXTENSION = re.compile(r"^(?:(?:public|internal|package|fileprivate|private)\s+)?extension\s+([\w.]+)[^{]*\{", re.M)
MEMBER = re.compile(r"^\s{4}(?:@\w+\s+)*(?:(?:public|internal|package|static|mutating|nonisolated)\s+)*"
                    r"(?:func|var|let|init)\s*([A-Za-z_]\w*)?", re.M)


def folders(root):
    out = {}
    for dirpath, _, files in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        if rel == ".":
            continue
        top = rel.split(os.sep)[0]
        if top.endswith(".docc"):
            continue
        for name in files:
            if name.endswith(".swift"):
                with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                    out.setdefault(top, []).append(strip(f.read()))
    return out


def graph(root):
    """Prints the folder graph of the target in `root`; false when it has a cycle."""
    print(os.path.relpath(root) + ":")
    code = folders(root)
    declared = {}  # name -> folder
    for folder, texts in code.items():
        for text in texts:
            for name in DECL.findall(text):
                declared.setdefault(name, folder)
            for name in TOP_FUNC.findall(text):
                declared.setdefault(name, folder)
    # Members that a folder adds to another folder's types (extension Foo { func bar }): `.bar` uses that folder.
    members = {}  # name -> folder
    for folder, texts in code.items():
        for text in texts:
            for m in EXTENSION.finditer(text):
                extended = m.group(1).split(".")[-1]
                if declared.get(extended, folder) == folder:
                    continue
                depth, i = 1, m.end()
                while i < len(text) and depth:
                    depth += {"{": 1, "}": -1}.get(text[i], 0)
                    i += 1
                for name in MEMBER.findall(text[m.end():i]):
                    if name:
                        members.setdefault(name, folder)

    uses = {folder: {} for folder in code}  # folder -> {used folder: sorted names}
    for folder, texts in code.items():
        words = set()
        dotted = set()
        for text in texts:
            words.update(re.findall(r"\b[A-Za-z_]\w*\b", text))
            dotted.update(re.findall(r"\.([A-Za-z_]\w*)\b", text))
        for name, owner in declared.items():
            if owner != folder and name in words:
                uses[folder].setdefault(owner, set()).add(name)
        for name, owner in members.items():
            if owner != folder and name in dotted:
                uses[folder].setdefault(owner, set()).add("." + name)

    for folder in sorted(uses):
        used = uses[folder]
        print(f"  {folder} -> " + (", ".join(sorted(used)) if used else "(nothing)"))
        if "-v" in sys.argv:
            for other in sorted(used):
                print(f"      {other}: {' '.join(sorted(used[other]))}")

    pairs = [(a, b) for a in sorted(uses) for b in sorted(uses[a]) if a < b and a in uses.get(b, {})]
    for a, b in pairs:
        print(f"  cycle: {a} <-> {b}  ({a} uses {' '.join(sorted(uses[a][b]))}; {b} uses {' '.join(sorted(uses[b][a]))})")

    # Any longer cycle: a topological order exists only without one.
    order, left = [], {f: set(uses[f]) for f in uses}
    while left:
        ready = sorted(f for f, deps in left.items() if not deps - set(order))
        if not ready:
            print("  cycle among: " + ", ".join(sorted(left)))
            return False
        order += ready
        for f in ready:
            del left[f]
    if pairs:
        return False
    print("  order (each uses only folders before it): " + " → ".join(order))
    return True


arguments = [a for a in sys.argv[1:] if not a.startswith("-")]
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources")
roots = arguments or [os.path.join(here, t) for t in ("GDALKit", "VerdantCore", "Verdant")]
results = [graph(os.path.normpath(r)) for r in roots]
sys.exit(0 if all(results) else 1)
