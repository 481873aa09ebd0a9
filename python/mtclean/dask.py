"""Corpus runs on a Dask cluster.

Two passes, as ``mtclean clean`` makes on one machine: every input (file or partition) is
observed in parallel and the batch knowledge merged by a tree reduce, then every input is
cleaned with the merged knowledge. One task per input; the same C++ reader, writers and edit
log as the CLI, so the bytes are the same whatever the number of workers.

    from dask.distributed import Client
    import mtclean.dask
    summary = mtclean.dask.clean_jsonl(["a.jsonl", "b.jsonl"], "out/", client=Client(...))

``clean_jsonl`` writes ``out/<input name>`` (the clean records), ``out/edits/<input
name>`` (its edit log; the logs concatenated in input order are the CLI's ``--edits``) and
``out/stats/<input name>.json``. Outputs are written to a temporary name and renamed, so a
run that stopped can be started again: finished inputs are kept and skipped. A failed task
is retried (``retries``). Progress shows on Dask's dashboard (tasks named
``mtclean-observe-*``, ``mtclean-clean-*``); the summary comes back and is printed.
"""
import hashlib
import json
import os
import sys
import tempfile

import dask
from dask import delayed

from . import Pipeline

__all__ = ["clean_jsonl", "clean_bag"]

_PIPELINES = {}


def _pipeline(spec, data_dir):
    """One Pipeline per worker process and spec (building one reads dictionaries)."""
    key = (spec, data_dir)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(spec, data_dir=data_dir)
    return _PIPELINES[key]


def _write_atomically(path, data):
    d = os.path.dirname(path) or "."
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def _observe_file(path, spec, data_dir, text_field):
    p = _pipeline(spec, data_dir)
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "knowledge.bin")
        p._core.observe_files([path], "", text_field, out, 1)
        with open(out, "rb") as f:
            return f.read()


def _merge(parts, spec, data_dir):
    return _pipeline(spec, data_dir)._core.merge(list(parts))


def _clean_file(path, out_dir, name, knowledge_path, spec, data_dir, text_field, id_field):
    out_path = os.path.join(out_dir, name)
    edits_path = os.path.join(out_dir, "edits", name)
    stats_path = os.path.join(out_dir, "stats", name + ".json")
    if all(os.path.exists(p) for p in (out_path, edits_path, stats_path)):
        with open(stats_path, encoding="utf-8") as f:  # finished by an earlier run
            return json.load(f)
    p = _pipeline(spec, data_dir)
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".work-") as d:
        tmp_out, tmp_edits = os.path.join(d, "out"), os.path.join(d, "edits")
        stats = p._core.run_files([path], [tmp_out], "", text_field, id_field, tmp_edits,
                                  knowledge_path or "", 1)
        if not os.path.exists(tmp_edits):
            open(tmp_edits, "wb").close()
        os.makedirs(os.path.dirname(edits_path), exist_ok=True)
        # The statistics last: their presence marks the input as finished.
        os.replace(tmp_edits, edits_path)
        os.replace(tmp_out, out_path)
    _write_atomically(stats_path, stats.encode("utf-8"))
    return json.loads(stats)


def _tree_reduce(parts, spec, data_dir):
    level = 0
    while len(parts) > 1:
        parts = [delayed(_merge)(parts[i:i + 2], spec, data_dir,
                                 dask_key_name="mtclean-merge-%d-%d" % (level, i // 2))
                 for i in range(0, len(parts), 2)]
        level += 1
    return parts[0]


def _compute(client, *objs, retries=2):
    if client is not None:
        futures = client.compute(list(objs), retries=retries)
        return client.gather(futures)
    return dask.compute(*objs)


def _summarise(stats_list, spec):
    total = {"pipeline": spec, "inputs": len(stats_list),
             "documents": {"in": 0, "out": 0, "dropped": 0, "rejected": 0},
             "bytes": {"in": 0, "out": 0}, "cpu_seconds": 0.0, "stages": []}
    for s in stats_list:
        for k in total["documents"]:
            total["documents"][k] += s["documents"][k]
        for k in total["bytes"]:
            total["bytes"][k] += s["bytes"][k]
        total["cpu_seconds"] += s.get("seconds", 0.0)
        for i, st in enumerate(s["stages"]):
            if i >= len(total["stages"]):
                total["stages"].append({"stage": st["stage"], "documents": dict(st["documents"]),
                                        "rules": {}})
            else:
                for k in st["documents"]:
                    total["stages"][i]["documents"][k] += st["documents"][k]
            rules = total["stages"][i]["rules"]
            for r, c in st["rules"].items():
                rules.setdefault(r, {"edits": 0, "flags": 0})
                rules[r]["edits"] += c["edits"]
                rules[r]["flags"] += c["flags"]
    return total


def _fingerprint(inputs, spec):
    h = hashlib.sha256(spec.encode())
    for path in inputs:
        st = os.stat(path)
        h.update(("%s\0%d\0%d\0" % (os.path.abspath(path), st.st_size, st.st_mtime_ns)).encode())
    return h.hexdigest()[:16]


def clean_jsonl(inputs, output_dir, client=None, pipeline="default", text_field="text", id_field="id",
                data_dir=None, retries=2, quiet=False):
    """Cleans JSONL (or text) files on a Dask cluster, one task per file.

    ``inputs``: file paths readable by every worker (a shared file system); their names
    must differ. ``client``: a ``dask.distributed.Client`` (None: Dask's default scheduler).
    Returns the summary (documents, bytes, per-stage rule counts over all inputs) and,
    unless ``quiet``, prints it.
    """
    inputs = [os.fspath(p) for p in inputs]
    names = [os.path.basename(p) for p in inputs]
    if len(set(names)) != len(names):
        raise ValueError("inputs must have different file names (they name the outputs)")
    os.makedirs(output_dir, exist_ok=True)
    Pipeline(pipeline, data_dir=data_dir)  # a bad spec fails here, not on a worker

    # Pass 1: observe every input, merge by a tree reduce. The merged knowledge is kept in
    # output_dir, so a resumed run over the same inputs does not observe again.
    knowledge_path = os.path.join(output_dir, "_knowledge-%s.bin" % _fingerprint(inputs, pipeline))
    if not os.path.exists(knowledge_path) and _pipeline(pipeline, data_dir).needs_observation:
        parts = [delayed(_observe_file)(path, pipeline, data_dir, text_field,
                                        dask_key_name="mtclean-observe-%d" % i)
                 for i, path in enumerate(inputs)]
        (merged,) = _compute(client, _tree_reduce(parts, pipeline, data_dir), retries=retries)
        _write_atomically(knowledge_path, merged)
    if not os.path.exists(knowledge_path):
        knowledge_path = ""

    # Pass 2: clean every input with the merged knowledge.
    tasks = [delayed(_clean_file)(path, output_dir, name, knowledge_path, pipeline, data_dir, text_field,
                                  id_field, dask_key_name="mtclean-clean-%d" % i)
             for i, (path, name) in enumerate(zip(inputs, names))]
    stats = list(_compute(client, *tasks, retries=retries))
    summary = _summarise(stats, pipeline)
    if not quiet:
        d, b = summary["documents"], summary["bytes"]
        print("mtclean: %d inputs, %d documents in, %d out, %d dropped, %d rejected; %.2f MB in"
              % (summary["inputs"], d["in"], d["out"], d["dropped"], d["rejected"], b["in"] / 1e6),
              file=sys.stderr)
    return summary


def _observe_partition(items, spec, data_dir, text_field, id_field):
    return _pipeline(spec, data_dir)._core.observe(list(items), text_field, id_field)


def _clean_partition(items, knowledge, spec, data_dir, jobs, text_field, id_field):
    p = _pipeline(spec, data_dir)
    if knowledge:
        p = p.with_knowledge(knowledge)
    out = []
    for r in p.clean_batch(list(items), jobs=jobs, text_field=text_field, id_field=id_field):
        out.append({"id": r.id, "text": r.text, "edits": r.edits, "flags": r.flags,
                    "dropped": r.dropped, "drop_reason": r.drop_reason})
    return out


def clean_bag(bag, pipeline="default", text_field="text", id_field="id", data_dir=None, jobs=1):
    """Cleans a ``dask.bag`` of str or dicts: each partition is observed, the knowledge merged
    (tree reduce), then each partition cleaned with it. Returns a lazy bag of dicts
    ``{"id", "text", "edits", "flags", "dropped", "drop_reason"}`` in the input order."""
    Pipeline(pipeline, data_dir=data_dir)
    parts = bag.to_delayed()
    knowledge = None
    if _pipeline(pipeline, data_dir).needs_observation:
        observed = [delayed(_observe_partition)(p, pipeline, data_dir, text_field, id_field) for p in parts]
        knowledge = _tree_reduce(observed, pipeline, data_dir)
    cleaned = [delayed(_clean_partition)(p, knowledge, pipeline, data_dir, jobs, text_field, id_field)
               for p in parts]
    import dask.bag as db
    return db.from_delayed(cleaned)
