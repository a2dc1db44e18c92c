#!/usr/bin/env python3
"""Checks a run's output directory: every input exactly once across results and dead-letters, and the report's
counts reconcile (read = written + dead-lettered). Usage: exactly_once.py OUTPUT_DIR EXPECTED_ITEMS"""
import glob
import json
import os
import sys
from collections import Counter

out, expected = sys.argv[1], int(sys.argv[2])
ids = Counter()
for kind in ("results", "dead-letter"):
    for path in glob.glob(os.path.join(out, kind, "*.jsonl")):
        with open(path) as lines:
            for line in lines:
                if line.strip():
                    ids[json.loads(line)["id"]] += 1
items = json.load(open(os.path.join(out, "report.json")))["items"]
duplicates = {i: n for i, n in ids.items() if n > 1}
problems = []
if duplicates:
    problems.append(f"{len(duplicates)} ids more than once, e.g. {next(iter(duplicates))}")
if len(ids) != expected:
    problems.append(f"{len(ids)} distinct ids, expected {expected}")
if items["read"] != items["written"] + items["deadLettered"] or items["read"] != expected:
    problems.append(f"report items {items}, expected read {expected} = written + dead-lettered")
print(f"{out}: {sum(ids.values())} output lines, {len(ids)} distinct ids; report {items}"
      + ("" if not problems else " -- " + "; ".join(problems)))
sys.exit(1 if problems else 0)
