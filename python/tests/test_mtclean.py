"""The Python package against the CLI: same bytes, same edit log, same errors.

Run by ctest (python_package) with PYTHONPATH=build/python, MTCLEAN_CLI and
MTCLEAN_SOURCE_DIR set; by hand:
    PYTHONPATH=build/python MTCLEAN_CLI=build/mtclean /usr/bin/python3 -m pytest python/tests
"""
import glob
import json
import os
import subprocess

import pytest

import mtclean

SOURCE = os.environ.get("MTCLEAN_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("MTCLEAN_CLI", os.path.join(SOURCE, "build", "mtclean"))
SAMPLES = sorted(p for p in glob.glob(os.path.join(SOURCE, "samples", "*.txt")) if not p.endswith(".expected.txt"))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def cli(*args, **kw):
    return subprocess.run([CLI, *args], check=True, capture_output=True, **kw)


@pytest.fixture(scope="module")
def default():
    return mtclean.Pipeline("default")


def test_samples_exist():
    assert len(SAMPLES) >= 3


def test_clean_equals_the_cli_byte_for_byte(default, tmp_path):
    for path in SAMPLES:
        text = read(path)
        r = default.clean(text, id=path)
        log = tmp_path / "edits.jsonl"
        out = cli("clean", path, "--no-observe", "-q", "--edits", str(log)).stdout.decode("utf-8")
        assert r.text == out, path
        assert r.edit_log == log.read_text(encoding="utf-8"), path


def test_edits_replay_to_the_output(default):
    for path in SAMPLES:
        original = read(path).encode("utf-8")
        r = default.clean(original.decode("utf-8"), id=path)
        assert r.edits, path
        out = original
        for e in sorted(r.edits, key=lambda e: e["start"], reverse=True):
            assert out[e["start"]:e["end"]] == e["before"].encode("utf-8")
            out = out[:e["start"]] + e["after"].encode("utf-8") + out[e["end"]:]
        assert out.decode("utf-8") == r.text
        for f in r.flags:
            assert f["action"] == "flag" and 0 <= f["start"] <= f["end"] <= len(original)
        for e in r.edits:
            assert {"stage", "rule", "action", "start", "end", "before", "after", "confidence"} <= set(e)


def test_errors_raise_with_the_cli_messages(tmp_path):
    with pytest.raises(mtclean.Error) as e:
        mtclean.Pipeline("no-such-preset")
    assert "no-such-preset" in str(e.value)
    bad = tmp_path / "bad.pipeline"
    bad.write_text("unicode\nno_such_stage x=1\n")
    with pytest.raises(mtclean.Error) as e:
        mtclean.Pipeline(str(bad))
    assert "bad.pipeline:2" in str(e.value)
    with pytest.raises(mtclean.Error):
        mtclean.Pipeline(stages=[("unicode", {"no_such_option": 1})])
    with pytest.raises(ValueError):  # mtclean.Error is a ValueError
        mtclean.Pipeline(stages=["unicode"]).clean_batch([{"no_text": "x"}])


def test_stages_and_options():
    p = mtclean.Pipeline(stages=["unicode", ("punctuation", {})])
    assert p.clean("JosÃ© said  hi .").text == "José said hi."
    folded = mtclean.Pipeline(stages=[("unicode", {"fold_quotes": True})])
    assert folded.clean("“it’s”").text == "\"it's\""
    names = [s["name"] for s in mtclean.stages()]
    assert "unicode" in names and "boilerplate" in names
    unicode = next(s for s in mtclean.stages() if s["name"] == "unicode")
    assert "mojibake-cp1252" in [r["id"] for r in unicode["rules"]]
    assert "fold_quotes" in [o["name"] for o in unicode["options"]]
    assert "default" in mtclean.presets()


def test_clean_batch_agrees_for_any_jobs(default):
    docs = [read(p) for p in SAMPLES] * 3 + [{"id": "d1", "text": "Kunduz .Read more: x"}, "JosÃ© ."]
    one = default.clean_batch(docs, jobs=1)
    two = default.clean_batch(docs, jobs=2)
    assert [r.text for r in one] == [r.text for r in two]
    assert [r.edit_log for r in one] == [r.edit_log for r in two]
    assert one[-2].id == "d1" and one[-1].id == str(len(docs) - 1)
    assert [r.text for r in one[:len(SAMPLES)]] == [default.clean(d).text for d in docs[:len(SAMPLES)]]


def test_knowledge_merges_and_matches_the_cli(default, tmp_path):
    texts = [read(p) for p in SAMPLES]
    whole = default.observe(texts)
    merged = default.observe(texts[:1]) + default.observe(texts[1:])
    a = default.with_knowledge(whole).clean_batch(texts, jobs=2)
    b = default.with_knowledge(merged).clean_batch(texts, jobs=1)
    assert [r.text for r in a] == [r.text for r in b]
    # The CLI over the samples folder observes them all first: the same texts.
    out = tmp_path / "out"
    cli("clean", *SAMPLES, "-o", str(out), "-q")
    for path, r in zip(SAMPLES, a):
        assert (out / os.path.basename(path)).read_text(encoding="utf-8") == r.text


def make_shards(tmp_path, n=3):
    docs = [{"id": "%s#%d" % (os.path.basename(p), k), "text": read(p)} for k in range(2) for p in SAMPLES]
    paths = []
    for i in range(n):
        path = tmp_path / ("shard%d.jsonl" % i)
        with open(path, "w", encoding="utf-8") as f:
            for d in docs[i::n]:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        paths.append(str(path))
    return paths


def test_cli_shards_split_the_inputs_deterministically(tmp_path):
    (tmp_path / "in").mkdir()
    inputs = make_shards(tmp_path / "in", 3)
    full = tmp_path / "full"
    cli("clean", *inputs, "-o", str(full), "-q", "--no-observe")
    for k in range(2):
        cli("clean", *inputs, "-o", str(tmp_path / "parts"), "-q", "--no-observe", "--shard", "%d/2" % k)
    env = dict(os.environ, SLURM_ARRAY_TASK_ID="5", SLURM_ARRAY_TASK_MIN="5", SLURM_ARRAY_TASK_COUNT="3")
    cli("clean", *inputs, "-o", str(tmp_path / "slurm"), "-q", "--no-observe", "--shard-from-slurm", env=env)
    for path in inputs:
        name = os.path.basename(path)
        assert (tmp_path / "parts" / name).read_bytes() == (full / name).read_bytes()
    assert sorted(os.listdir(tmp_path / "slurm")) == ["shard0.jsonl"]
    bad = subprocess.run([CLI, "clean", *inputs, "--shard", "3/3", "-o", str(tmp_path / "x")], capture_output=True)
    assert bad.returncode == 1 and b"0..N-1" in bad.stderr


def test_dask_local_cluster_matches_the_cli(tmp_path):
    distributed = pytest.importorskip("distributed")
    import mtclean.dask
    (tmp_path / "in").mkdir()
    inputs = make_shards(tmp_path / "in", 3)
    # The CLI over the same inputs: one edit log, statistics of the whole run.
    ref = tmp_path / "ref"
    cli("clean", *inputs, "-o", str(ref), "--edits", str(tmp_path / "ref.edits"), "--stats",
        str(tmp_path / "ref.stats"), "-q")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        out = tmp_path / "out"
        summary = mtclean.dask.clean_jsonl(inputs, str(out), client=client, quiet=True)
        for path in inputs:
            name = os.path.basename(path)
            assert (out / name).read_bytes() == (ref / name).read_bytes()
        logs = b"".join((out / "edits" / os.path.basename(p)).read_bytes() for p in inputs)
        assert logs == (tmp_path / "ref.edits").read_bytes()
        stats = json.loads((tmp_path / "ref.stats").read_text())
        assert summary["documents"] == stats["documents"]
        assert summary["bytes"] == stats["bytes"]
        assert [s["rules"] for s in summary["stages"]] == [s["rules"] for s in stats["stages"]]
        # Resumed: finished inputs are kept, not cleaned again.
        before = {p: os.stat(out / os.path.basename(p)).st_mtime_ns for p in inputs}
        again = mtclean.dask.clean_jsonl(inputs, str(out), client=client, quiet=True)
        assert again["documents"] == summary["documents"]
        assert before == {p: os.stat(out / os.path.basename(p)).st_mtime_ns for p in inputs}
        # A bag of records, cleaned by partition with merged knowledge.
        import dask.bag as db
        records = [json.loads(line) for p in inputs for line in open(p, encoding="utf-8")]
        bag = mtclean.dask.clean_bag(db.from_sequence(records, npartitions=3))
        cleaned = client.compute(bag).result()
        direct = mtclean.Pipeline("default")
        direct = direct.with_knowledge(direct.observe(records))
        assert [c["text"] for c in cleaned] == [r.text for r in direct.clean_batch(records)]


def test_clean_batch_starts_no_more_threads_than_jobs():
    # In a fresh interpreter: threads after clean_batch(jobs=2) <= threads before + 1.
    code = (
        "import os, mtclean\n"
        "p = mtclean.Pipeline(stages=['unicode', 'punctuation'])\n"
        "before = len(os.listdir('/proc/self/task'))\n"
        "p.clean_batch(['Kunduz . x'] * 2000, jobs=2)\n"
        "print(before, len(os.listdir('/proc/self/task')))\n")
    out = subprocess.run([os.sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    before, after = map(int, out.split())
    assert after <= before + 1
