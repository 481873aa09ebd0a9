#!/usr/bin/env python3
"""MB/s of the Python package's clean_batch at jobs=1 and jobs=2, and of the CLI on the
same input (samples/ cut into ~3 KB documents with a unique number each, so no cache sees
the same document twice; the default preset, no batch knowledge).

Usage: PYTHONPATH=build/python /usr/bin/python3 bench/python_throughput.py [--mb 4]
"""
import argparse
import glob
import json
import os
import subprocess
import tempfile
import time

import mtclean

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def documents(mb):
    paras = []
    for path in sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            paras += [p for p in f.read().split("\n\n") if p.strip()]
    docs, size, k = [], 0, 0
    while size < mb * 1e6:
        body = "\n\n".join(paras[(k * 7 + i) % len(paras)] for i in range(6))
        text = "Report %d of the series.\n\n%s\n" % (k, body)
        docs.append({"id": "d%d" % k, "text": text})
        size += len(text.encode("utf-8"))
        k += 1
    return docs, size


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--mtclean", default=os.path.join(ROOT, "build", "mtclean"))
    args = ap.parse_args()
    docs, size = documents(args.mb)
    p = mtclean.Pipeline("default")
    p.clean("warm up the dictionaries.")
    for jobs in (1, 2):
        t = time.perf_counter()
        p.clean_batch(docs, jobs=jobs)
        dt = time.perf_counter() - t
        print("clean_batch jobs=%d: %.2f MB in %.2f s, %.2f MB/s" % (jobs, size / 1e6, dt, size / 1e6 / dt))
    with tempfile.TemporaryDirectory() as d:
        inp = os.path.join(d, "in.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for doc in docs:
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
        for jobs in (1, 2):
            t = time.perf_counter()
            subprocess.run([args.mtclean, "clean", inp, "-o", os.path.join(d, "out.jsonl"), "-q",
                            "--no-observe", "-j", str(jobs)], check=True)
            dt = time.perf_counter() - t
            print("CLI -j %d:            %.2f MB in %.2f s, %.2f MB/s (start-up included)"
                  % (jobs, size / 1e6, dt, size / 1e6 / dt))


if __name__ == "__main__":
    main()
