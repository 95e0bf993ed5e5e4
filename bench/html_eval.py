"""Compare the html reader's article text with trafilatura's on pages whose article is known.

For every page ``NAME.html`` (in ``seeds/`` and ``bench/html_pages/``) with a gold file
``bench/html_pages/NAME.gold.txt`` (one article line per line; lines starting with ``~ ``
are neutral — headline, standfirst, captions — counted neither way), it measures:

* ours: the reader's text with every hint span removed (``CleanText``, as ``auditor clean``
  would write it if no other plugin added spans);
* trafilatura: ``trafilatura.extract(html)`` with default options (comments excluded).

Precision and recall are over characters of ``\\w+`` words (NFKC, case-folded), aligned in
order with difflib so that a repeated word elsewhere in the page does not count as found.

Usage: ``python bench/html_eval.py [--pages DIR ...]``
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def drop_neutral(pred: list[str], neutral: list[list[str]]) -> list[str]:
    """Remove the first occurrence of each neutral line's word sequence from `pred`."""
    for seq in neutral:
        n = len(seq)
        if not n:
            continue
        for i in range(len(pred) - n + 1):
            if pred[i : i + n] == seq:
                del pred[i : i + n]
                break
    return pred


def score(pred_text: str, gold_lines: list[str], neutral_lines: list[str]) -> tuple[float, float]:
    gold = [w for line in gold_lines for w in words(line)]
    pred = drop_neutral(words(pred_text), [words(x) for x in neutral_lines])
    sm = difflib.SequenceMatcher(None, pred, gold, autojunk=False)
    matched = sum(sum(len(w) for w in pred[b.a : b.a + b.size]) for b in sm.get_matching_blocks())
    pred_chars = sum(len(w) for w in pred)
    gold_chars = sum(len(w) for w in gold)
    precision = matched / pred_chars if pred_chars else (1.0 if not gold_chars else 0.0)
    recall = matched / gold_chars if gold_chars else 1.0
    return precision, recall


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def ours(path: Path) -> tuple[str, float]:
    from auditor_plugins import html

    from auditor.context import CleanText, PluginContext

    data = path.read_bytes()
    t0 = time.perf_counter()
    doc = html.auditor_read(path=path.name, data=data, ctx=PluginContext("html"))
    elapsed = time.perf_counter() - t0
    return CleanText(doc.text, doc.hints).text, elapsed


def theirs(path: Path) -> tuple[str, float]:
    import trafilatura
    from auditor_plugins.html_decode import decode_html

    text, _ = decode_html(path.read_bytes())
    t0 = time.perf_counter()
    out = trafilatura.extract(text, include_comments=False) or ""
    return out, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--pages",
        nargs="*",
        type=Path,
        default=[ROOT / "seeds", ROOT / "bench" / "html_pages"],
        help="folders holding NAME.html pages",
    )
    ap.add_argument("--gold", type=Path, default=ROOT / "bench" / "html_pages")
    args = ap.parse_args(argv)
    pages = sorted(
        {p.resolve() for d in args.pages for p in d.glob("*.html")}, key=lambda p: p.name
    )
    # Warm up imports so timings are per page, not per import.
    if pages:
        ours(pages[0])
        theirs(pages[0])
    rows = []
    for page in pages:
        gold_file = args.gold / (page.stem + ".gold.txt")
        if not gold_file.exists():
            continue
        lines = [x for x in gold_file.read_text(encoding="utf-8").splitlines() if x.strip()]
        gold = [x for x in lines if not x.startswith("~ ")]
        neutral = [x[2:] for x in lines if x.startswith("~ ")]
        o_text, o_t = ours(page)
        t_text, t_t = theirs(page)
        rows.append(
            (page.stem, *score(o_text, gold, neutral), o_t, *score(t_text, gold, neutral), t_t)
        )
    if not rows:
        print("no pages with gold files", file=sys.stderr)
        return 1
    head = f"{'page':34} {'ours P':>7} {'R':>6} {'F1':>6} {'ms':>6} | {'traf P':>7} {'R':>6} {'F1':>6} {'ms':>6}"
    print(head)
    print("-" * len(head))
    tot = [0.0] * 6
    for name, op, orr, ot, tp, tr, tt in rows:
        print(
            f"{name[:34]:34} {op:7.3f} {orr:6.3f} {f1(op, orr):6.3f} {ot * 1000:6.1f} | "
            f"{tp:7.3f} {tr:6.3f} {f1(tp, tr):6.3f} {tt * 1000:6.1f}"
        )
        for i, v in enumerate((op, orr, ot, tp, tr, tt)):
            tot[i] += v
    n = len(rows)
    op, orr, ot, tp, tr, tt = (v / n for v in tot)
    print("-" * len(head))
    print(
        f"{'mean of ' + str(n) + ' pages':34} {op:7.3f} {orr:6.3f} {f1(op, orr):6.3f} "
        f"{ot * 1000:6.1f} | {tp:7.3f} {tr:6.3f} {f1(tp, tr):6.3f} {tt * 1000:6.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
