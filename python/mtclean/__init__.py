"""mtclean: clean machine-translated, scraped text.

One call before tokenising::

    import mtclean
    p = mtclean.Pipeline("default")           # a preset, a pipeline file, or stages=[...]
    r = p.clean(text, id="doc-1")
    r.text, r.edits, r.flags, r.dropped, r.drop_reason

Many documents on several cores (the GIL is released, input order kept)::

    results = p.clean_batch(texts_or_dicts, jobs=8)

Batch knowledge (lines repeated across a site's pages), mergeable with ``+``::

    k = p.observe(texts) + p.observe(more_texts)
    p2 = p.with_knowledge(k)

Corpora on many machines: ``mtclean.dask``.
"""
import json as _json

from . import _mtclean

Error = _mtclean.Error
Error.__doc__ = "A bad pipeline, stage option, document or file; the message is the CLI's."

__all__ = ["Pipeline", "Result", "Knowledge", "Error", "stages", "presets"]


class Result:
    """One cleaned document.

    ``text``: the clean text. ``edits``: every change, as dicts with the edit log's fields
    (``stage``, ``rule``, ``action``, ``start``, ``end`` as byte offsets into the original
    UTF-8, ``before``, ``after``, ``confidence``; ``features`` and ``merged`` when present).
    ``flags``: spans marked for review (action ``flag``), same fields. ``dropped`` and
    ``drop_reason``: whether a stage dropped the whole document, and why.
    """

    __slots__ = ("id", "text", "dropped", "drop_reason", "_log", "_parsed")

    def __init__(self, doc_id, text, log, dropped, drop_reason):
        self.id = doc_id
        self.text = text
        self.dropped = dropped
        self.drop_reason = drop_reason
        self._log = log
        self._parsed = None

    def _entries(self):
        if self._parsed is None:
            entries = [_json.loads(line) for line in self._log.splitlines() if line]
            for e in entries:
                e.pop("doc", None)
            self._parsed = entries
        return self._parsed

    @property
    def edits(self):
        """The changes, in order of position (list of dicts)."""
        return [e for e in self._entries() if e["action"] != "flag"]

    @property
    def flags(self):
        """The spans flagged for review, in order of position (list of dicts)."""
        return [e for e in self._entries() if e["action"] == "flag"]

    @property
    def edit_log(self):
        """The edit log lines of this document, exactly as ``mtclean clean --edits`` writes them."""
        return self._log

    def __repr__(self):
        return "Result(id=%r, %d edits, %d flags%s)" % (
            self.id, len(self.edits), len(self.flags), ", dropped" if self.dropped else "")


class Knowledge:
    """Batch knowledge from :meth:`Pipeline.observe`; ``a + b`` merges two (any order)."""

    __slots__ = ("_pipeline", "data")

    def __init__(self, pipeline, data):
        self._pipeline = pipeline
        self.data = bytes(data)

    def __add__(self, other):
        if not isinstance(other, Knowledge):
            return NotImplemented
        return Knowledge(self._pipeline, self._pipeline._core.merge([self.data, other.data]))

    def to_bytes(self):
        """The knowledge as bytes (the format of ``mtclean observe -o FILE``)."""
        return self.data

    def save(self, path):
        """Writes the knowledge to a file usable as ``mtclean clean --corpus-stats FILE``."""
        with open(path, "wb") as f:
            f.write(self.data)


def _spec_text(stages):
    lines = []
    for s in stages:
        if isinstance(s, str):
            lines.append(s)
        else:
            name, options = s
            opts = " ".join("%s=%s" % (k, str(v).lower() if isinstance(v, bool) else v) for k, v in options.items())
            lines.append((name + " " + opts).strip())
    return "\n".join(lines) + "\n"


class Pipeline:
    """A chain of cleaning stages.

    ``Pipeline("default")`` uses a preset (``mtclean.presets()``); ``Pipeline("my.pipeline")``
    a pipeline file; ``Pipeline(stages=["unicode", ("boilerplate", {"min_confidence": 0.95})])``
    builds one from stage names (``mtclean.stages()``) and options. ``data_dir`` overrides
    where stages find their dictionaries. A bad spec raises :class:`mtclean.Error` with the
    CLI's message. Thread-safe: share one pipeline between threads.
    """

    def __init__(self, spec="default", *, stages=None, data_dir=None, _core=None):
        if _core is not None:
            self._core = _core
        elif stages is not None:
            self._core = _mtclean._Pipeline.create(_spec_text(stages), True, data_dir or "")
        else:
            self._core = _mtclean._Pipeline.create(str(spec), False, data_dir or "")
        self.spec = spec if stages is None else _spec_text(stages)

    def clean(self, text, id="", language=""):
        """Cleans one document; returns a :class:`Result`."""
        t, log, dropped, reason = self._core.clean(text, id, language or "")
        return Result(id, t, log, dropped, reason)

    def clean_batch(self, docs, jobs=1, text_field="text", id_field="id"):
        """Cleans many documents (str, or dicts with ``text_field``/``id_field``/``language``)
        on at most ``jobs`` threads with the GIL released; returns Results in input order.
        Documents without an id get their index."""
        docs = list(docs)
        out = self._core.clean_batch(docs, int(jobs), text_field, id_field)
        results = []
        for i, (doc, (t, log, dropped, reason)) in enumerate(zip(docs, out)):
            doc_id = str(doc.get(id_field, i)) if isinstance(doc, dict) else str(i)
            results.append(Result(doc_id, t, log, dropped, reason))
        return results

    def observe(self, docs, text_field="text", id_field="id"):
        """The batch knowledge of these documents (what ``mtclean observe`` gathers)."""
        return Knowledge(self, self._core.observe(list(docs), text_field, id_field))

    def with_knowledge(self, knowledge):
        """The same pipeline cleaning with this batch knowledge (a Knowledge or its bytes)."""
        data = knowledge.data if isinstance(knowledge, Knowledge) else bytes(knowledge)
        p = Pipeline(self.spec, _core=self._core.with_knowledge(data))
        return p

    @property
    def needs_observation(self):
        """Whether a stage of this pipeline learns from the batch before cleaning."""
        return self._core.needs_observation()

    def __repr__(self):
        return "Pipeline(%r)" % (self.spec,)


def stages():
    """What ``mtclean stages`` prints, as data: a dict per stage with its rules and options."""
    return _mtclean.stages()


def presets():
    """The names of the built-in presets."""
    return list(_mtclean.presets())
