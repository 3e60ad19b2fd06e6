#!/usr/bin/env python3
"""Checks that the tests mirror the sources: every folder of Sources/T (T = GDALKit, VerdantCore, Verdant) that holds
Swift files has a folder of the same path in Tests/TTests with at least one test file, and every test folder there
matches a source folder. Prints what is missing and exits 1 when anything is.

    python3 scripts/test-folders.py"""
import os
import sys

root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
problems = []
for target in ("GDALKit", "VerdantCore", "Verdant"):
    sources, tests = os.path.join(root, "Sources", target), os.path.join(root, "Tests", target + "Tests")
    for dirpath, _, files in os.walk(sources):
        rel = os.path.relpath(dirpath, sources)
        if rel == "." or ".docc" in rel or not any(f.endswith(".swift") for f in files):
            continue
        mirror = os.path.join(tests, rel)
        if not os.path.isdir(mirror) or not any(f.endswith(".swift") for f in os.listdir(mirror)):
            problems.append(f"Sources/{target}/{rel} has no tests in Tests/{target}Tests/{rel}")
    for dirpath, _, files in os.walk(tests):
        rel = os.path.relpath(dirpath, tests)
        if rel != "." and files and not os.path.isdir(os.path.join(sources, rel)):
            problems.append(f"Tests/{target}Tests/{rel} matches no folder of Sources/{target}")
for p in problems:
    print(p)
if problems:
    sys.exit(1)
print("every source folder has its test folder")
