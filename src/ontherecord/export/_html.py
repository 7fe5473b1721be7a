"""A self-contained HTML report of an :class:`~ontherecord.Analysis`.

One file, no scripts, no fetches: the style sheet is inline, links only point inside the page (and
to an article's own ``http(s)`` address when it has one). Every piece of text from the articles or
their metadata goes through :func:`html.escape`, so no article can inject markup.

The report has a summary; each article with its quotations highlighted and labelled with their
speaker, reported speech underlined with its source, and page furniture (bylines, credits, calls
to action) dimmed; an actor table (aliases, mentions, quotations, statements attributed); the
duplicate groups and reused passages side by side; and claim clusters (when given) with their
conflicts marked.
"""

from __future__ import annotations

import html
import os
import pathlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from ontherecord.export._tables import ActorIndex, actor_id

if TYPE_CHECKING:
    from ontherecord.corpus._analysis import Analysis, ArticleAnalysis
    from ontherecord.corpus._clusters import ClaimCluster

__all__ = ["render", "render_fragment", "to_html"]

_CSS = """
.otr { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d232b;
       max-width: 1100px; margin: 0 auto; padding: 0 1rem 3rem; }
.otr h1 { font-size: 1.6rem; margin: 1.2rem 0 .3rem; }
.otr h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #d8dde3; }
.otr h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
.otr .meta { color: #5b6570; font-size: .9rem; }
.otr table { border-collapse: collapse; width: 100%; font-size: .9rem; }
.otr th, .otr td { text-align: left; vertical-align: top; padding: .25rem .5rem;
                   border-bottom: 1px solid #e3e7eb; }
.otr th { background: #f3f5f7; }
.otr td.n { text-align: right; font-variant-numeric: tabular-nums; }
.otr .text { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff;
             border: 1px solid #e3e7eb; border-radius: 6px; padding: .8rem 1rem; }
.otr mark.quote { background: #fff1a8; color: inherit; border-radius: 3px;
                  box-shadow: 0 0 0 1px #e8d35a; padding: 0 1px; }
.otr mark.quote.partial { background: #ffe7c2; box-shadow: 0 0 0 1px #f0b86b; }
.otr mark.quote.document { background: #dcebff; box-shadow: 0 0 0 1px #8db6ef; }
.otr mark.quote.scare { background: #f0f0f0; box-shadow: none; }
.otr mark.quote.unattributed { background: #f6f0d2; box-shadow: 0 0 0 1px #d9cf9c; }
.otr .speaker { display: inline-block; font-size: .72rem; line-height: 1.2; font-weight: 600;
                color: #fff; background: #8a5a00; border-radius: 9px; padding: 1px 7px;
                margin-right: 3px; vertical-align: 1px; white-space: nowrap; }
.otr .speaker.none { background: #9aa3ad; }
.otr .claim { text-decoration: underline dotted #2d6cdf; text-underline-offset: 3px; }
.otr .source { font-size: .72rem; color: #2d6cdf; font-weight: 600; margin-right: 3px; }
.otr .mention { font-weight: 600; border-bottom: 2px solid #8a5a00; }
.otr .furniture { opacity: .45; }
.otr .furniture-kind { font-size: .7rem; text-transform: uppercase; letter-spacing: .05em;
                       color: #5b6570; margin-right: 4px; }
.otr .side { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem; margin: .5rem 0 1.2rem; }
.otr .side > div { border: 1px solid #e3e7eb; border-radius: 6px; padding: .5rem .8rem;
                   white-space: pre-wrap; overflow-wrap: anywhere; font-size: .9rem; }
.otr .side .id { font-weight: 600; font-size: .8rem; color: #5b6570; display: block; }
.otr .legend span { margin-right: 1rem; }
.otr nav ol { columns: 2; font-size: .9rem; }
.otr tr.conflict td { background: #fdecea; }
.otr .conflicts { border-left: 4px solid #c62828; background: #fdecea; padding: .3rem .8rem;
                  margin: .4rem 0 1rem; font-size: .9rem; }
.otr .conflicts strong { color: #c62828; }
"""

_EXCERPT = 600


def _e(text: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape(str(text), quote=True)


@attrs.frozen
class _Mark:
    """A stretch of an article to wrap in an element: ``open`` once, ``reopen`` after a break."""

    start: int
    end: int
    rank: int  # outer elements first when two start together
    open: str
    reopen: str
    close: str


def _marked(text: str, marks: Iterable[_Mark]) -> str:
    """Return ``text`` escaped, with the marks as properly nested elements.

    Marks that cross are split: at a boundary every element opened after the one that ends is
    closed and opened again (with its ``reopen`` tag, so a label is shown only once).
    """
    items = sorted((m for m in marks if 0 <= m.start < m.end <= len(text)),
                   key=lambda m: (m.start, -m.end, m.rank))
    points = sorted({0, len(text), *(m.start for m in items), *(m.end for m in items)})
    out: list[str] = []
    stack: list[_Mark] = []
    k = 0
    for i, pos in enumerate(points):
        ending = [m for m in stack if m.end == pos]
        if ending:
            depth = min(stack.index(m) for m in ending)
            above = stack[depth:]
            out.extend(m.close for m in reversed(above))
            del stack[depth:]
            for m in above:
                if m.end != pos:
                    out.append(m.reopen)
                    stack.append(m)
        while k < len(items) and items[k].start == pos:
            out.append(items[k].open)
            stack.append(items[k])
            k += 1
        if i + 1 < len(points):
            out.append(_e(text[pos : points[i + 1]]))
    out.extend(m.close for m in reversed(stack))
    return "".join(out)


def _article_marks(item: ArticleAnalysis, index: ActorIndex) -> list[_Mark]:
    marks: list[_Mark] = []
    for f in item.article.furniture:
        marks.append(_Mark(
            start=f.span.start, end=f.span.end, rank=0,
            open=f'<span class="furniture" title="{_e(f.kind)}">'
                 f'<span class="furniture-kind">{_e(f.kind.replace("_", " "))}</span>',
            reopen='<span class="furniture">', close="</span>",
        ))
    quoted = {q.span for q in item.quotes}
    for c in item.claims:
        if c.span in quoted:
            continue
        name = index.name(index.resolve(c.source)) or c.source_kind
        marks.append(_Mark(
            start=c.span.start, end=c.span.end, rank=1,
            open=f'<span class="claim" data-source="{_e(name)}" title="{_e(name)}: {_e(c.cue or "")}">'
                 f'<span class="source">{_e(name)}:</span>',
            reopen=f'<span class="claim" data-source="{_e(name)}">', close="</span>",
        ))
    for q in item.quotes:
        who = index.name(index.resolve(q.speaker))
        classes = f"quote {q.kind}" + ("" if who or q.kind == "scare" else " unattributed")
        label = (
            f'<span class="speaker">{_e(who)}</span>' if who
            else "" if q.kind == "scare" else '<span class="speaker none">unattributed</span>'
        )
        title = f"{who or 'no speaker'} ({q.kind}{', ' + q.cue if q.cue else ''}; rule {q.rule})"
        attrs_ = f'class="{classes}" data-speaker="{_e(who or "")}" title="{_e(title)}"'
        marks.append(_Mark(start=q.span.start, end=q.span.end, rank=2, open=f"<mark {attrs_}>{label}",
                           reopen=f"<mark {attrs_}>", close="</mark>"))
        if q.speaker_mention is not None:
            marks.append(_Mark(start=q.speaker_mention.start, end=q.speaker_mention.end, rank=3,
                               open=f'<span class="mention" title="{_e(who or "")}">',
                               reopen='<span class="mention">', close="</span>"))
    return marks


def _actor_table(analysis: Analysis, index: ActorIndex) -> str:
    quoted, sourced = index.counts(analysis)
    actors = sorted(analysis.actors, key=lambda a: (-quoted.get(actor_id(a), 0), -len(a.mentions), a.name))
    rows = []
    for a in actors:
        key = actor_id(a)
        aliases = ", ".join(sorted(a.aliases - {a.name}))
        rows.append(
            f'<tr data-actor="{_e(key)}"><td>{_e(a.name)}</td><td>{_e(a.kind)}</td>'
            f"<td>{_e(aliases)}</td><td class=n>{len(a.mentions)}</td>"
            f"<td class=n>{quoted.get(key, 0)}</td><td class=n>{sourced.get(key, 0)}</td></tr>"
        )
    extra = sorted(set(quoted) - {actor_id(a) for a in analysis.actors})
    for key in extra:
        rows.append(
            f'<tr data-actor="{_e(key)}"><td>{_e(index.name(key))}</td><td>{_e(key.split(":")[0])}</td>'
            f"<td></td><td class=n>0</td><td class=n>{quoted[key]}</td>"
            f"<td class=n>{sourced.get(key, 0)}</td></tr>"
        )
    if not rows:
        return "<p>No actors found.</p>"
    return (
        '<table class="actors"><thead><tr><th>Actor</th><th>Kind</th><th>Also named</th>'
        "<th>Mentions</th><th>Quoted</th><th>Statements</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table>"
    )


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT else text[:_EXCERPT].rstrip() + " …"


def _duplicates(analysis: Analysis) -> str:
    dup = analysis.duplicates
    if dup is None:
        return "<p>Deduplication was not run.</p>"
    texts = {a.article.id: a.article for a in analysis.articles}
    parts: list[str] = []
    for g in dup.groups:
        parts.append(
            f'<h3 class="group">{_e(g.kind.capitalize())} copies: {_e(", ".join(g.ids))} '
            f'<span class="meta">(similarity {g.similarity:.2f})</span></h3>'
            f'<p class="meta">{_e(g.explanation)}</p><div class="side">'
        )
        for i in g.ids[:2]:
            art = texts.get(i)
            body = "" if art is None else _excerpt(art.body_text or art.text)
            parts.append(f'<div><span class="id">{_e(i)}</span>{_e(body)}</div>')
        parts.append("</div>")
        if len(g.ids) > 2:
            parts.append(f'<p class="meta">and {len(g.ids) - 2} more: {_e(", ".join(g.ids[2:]))}</p>')
    for p in dup.passages:
        parts.append(
            f'<h3 class="passage">Passage shared by {_e(p.ids[0])} and {_e(p.ids[1])} '
            f'<span class="meta">(similarity {p.similarity:.2f})</span></h3><div class="side">'
            f'<div><span class="id">{_e(p.ids[0])} {p.spans[0].start}–{p.spans[0].end}</span>'
            f"{_e(_excerpt(p.texts[0]))}</div>"
            f'<div><span class="id">{_e(p.ids[1])} {p.spans[1].start}–{p.spans[1].end}</span>'
            f"{_e(_excerpt(p.texts[1]))}</div></div>"
        )
    if not parts:
        return "<p>No duplicates or reused passages.</p>"
    return "".join(parts)


def _clusters(clusters: Sequence[ClaimCluster] | None) -> str:
    if clusters is None:
        return (
            '<p class="meta">Claim clusters were not computed: pass '
            "<code>clusters=ontherecord.cluster_claims(corpus)</code>.</p>"
        )
    if not clusters:
        return "<p>No claims report the same event.</p>"
    parts: list[str] = []
    for c in clusters:
        conflicting = {i for x in c.conflicts for i in (x.first, x.second)}
        flag = ""
        if c.conflicts:
            flag = f' · <strong class="conflict-flag">{len(c.conflicts)} conflict(s)</strong>'
        parts.append(
            f'<h3 class="cluster">{_e(c.event)}: {len(c.members)} claim(s) in '
            f"{len(c.article_ids)} article(s), {c.reports} independent report(s){flag}</h3>"
            f'<p class="meta">linked by {_e(", ".join(c.terms))}</p>'
            "<table><thead><tr><th>#</th><th>Article</th><th>Claim</th></tr></thead><tbody>"
        )
        for i, m in enumerate(c.members):
            cls = ' class="conflict"' if i in conflicting else ""
            parts.append(
                f'<tr{cls}><td class=n>{i + 1}</td><td><a href="#{_anchor(m.article_id)}">'
                f"{_e(m.article_id)}</a></td><td>{_e(m.statement.text)}</td></tr>"
            )
        parts.append("</tbody></table>")
        if c.conflicts:
            parts.append('<div class="conflicts">')
            parts.extend(
                f"<p><strong>{_e(x.kind)}</strong> (#{x.first + 1} vs #{x.second + 1}): {_e(x.reason)}</p>"
                for x in c.conflicts
            )
            parts.append("</div>")
    return "".join(parts)


def _anchor(article_id: str) -> str:
    return "article-" + "".join(c if c.isalnum() or c in "-_" else f"_{ord(c):x}_" for c in article_id)


def _article(item: ArticleAnalysis, index: ActorIndex) -> str:
    a = item.article
    meta = [m for m in (a.source, a.published.isoformat() if a.published else None) if m]
    authors = a.authors or a.found_authors
    if authors:
        meta.append("by " + ", ".join(authors))
    meta.append(f"{len(item.quotes)} quotation(s), {len(item.claims)} attributed statement(s)")
    link = ""
    if a.url and a.url.lower().startswith(("http://", "https://")):
        link = f' <a href="{_e(a.url)}" rel="noreferrer noopener">source</a>'
    speakers: dict[str, int] = {}
    for q in item.quotes:
        name = index.name(index.resolve(q.speaker))
        if name:
            speakers[name] = speakers.get(name, 0) + 1
    quoted = "; ".join(f"{_e(n)} ({k})" for n, k in sorted(speakers.items(), key=lambda x: (-x[1], x[0])))
    return (
        f'<article id="{_anchor(a.id)}" data-article="{_e(a.id)}">'
        f"<h3>{_e(a.title or a.id)}</h3>"
        f'<p class="meta">{_e(a.id)} · {_e(" · ".join(meta))}{link}</p>'
        + (f'<p class="meta">Quoted: {quoted}</p>' if quoted else "")
        + f'<div class="text">{_marked(a.text, _article_marks(item, index))}</div></article>'
    )


def render_fragment(
    analysis: Analysis,
    *,
    title: str = "ontherecord report",
    clusters: Sequence[ClaimCluster] | None = None,
    max_articles: int | None = None,
) -> str:
    """Return the report as one ``<div>`` with its own inline style (what Jupyter shows).

    Args:
        analysis: the analysis.
        title: the heading.
        clusters: claim clusters (:func:`~ontherecord.cluster_claims`) to show with their
            conflicts; by default the analysis's own ``clusters`` when it has them.
        max_articles: show the text of only this many articles (the first in id order); the
            tables still cover the whole corpus. None shows every article.

    .. versionadded:: 0.1.0
    """
    if clusters is None:
        clusters = getattr(analysis, "clusters", None)
    index = ActorIndex(analysis.actors)
    shown = analysis.articles if max_articles is None else analysis.articles[:max_articles]
    nav = "".join(
        f'<li><a href="#{_anchor(i.article.id)}">{_e(i.article.title or i.article.id)}</a></li>'
        for i in shown
    )
    more = ""
    if len(shown) < len(analysis.articles):
        more = (
            f'<p class="meta">Showing {len(shown)} of {len(analysis.articles)} articles; '
            "<code>analysis.to_html(path)</code> writes them all.</p>"
        )
    n_groups = 0 if analysis.duplicates is None else len(analysis.duplicates.groups)
    n_passages = 0 if analysis.duplicates is None else len(analysis.duplicates.passages)
    summary = (
        f"{len(analysis.articles)} article(s), {len(analysis.quotes)} quotation(s), "
        f"{len(analysis.claims)} attributed statement(s), {len(analysis.actors)} actor(s), "
        f"{n_groups} duplicate group(s), {n_passages} reused passage(s)"
    )
    legend = (
        '<p class="legend meta"><span><mark class="quote">quotation</mark> with its '
        '<span class="speaker">speaker</span></span><span><span class="claim">reported speech'
        '</span></span><span><span class="mention">speaker named here</span></span>'
        '<span class="furniture">page furniture</span></p>'
    )
    return (
        f'<div class="otr"><style>{_CSS}</style><h1>{_e(title)}</h1>'
        f'<p class="meta">{_e(summary)} · schema {_e(analysis.schema)}</p>{legend}'
        '<nav><p><a href="#articles">Articles</a> · <a href="#actors">Actors</a> · '
        '<a href="#duplicates">Duplicates and reused passages</a> · '
        f'<a href="#clusters">Claim clusters</a></p><ol>{nav}</ol></nav>'
        '<section id="articles"><h2>Articles</h2>'
        + "".join(_article(i, index) for i in shown)
        + more
        + f'</section><section id="actors"><h2>Actors</h2>{_actor_table(analysis, index)}</section>'
        f'<section id="duplicates"><h2>Duplicates and reused passages</h2>{_duplicates(analysis)}</section>'
        f'<section id="clusters"><h2>Claim clusters</h2>{_clusters(clusters)}</section>'
        "</div>"
    )


def render(
    analysis: Analysis,
    *,
    title: str = "ontherecord report",
    clusters: Sequence[ClaimCluster] | None = None,
) -> str:
    """Return the report as a complete HTML document (see :func:`render_fragment`).

    .. versionadded:: 0.1.0
    """
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src 'none'\">"
        f"<title>{_e(title)}</title></head><body>"
        f"{render_fragment(analysis, title=title, clusters=clusters)}</body></html>\n"
    )


def to_html(
    analysis: Analysis,
    path: str | os.PathLike[str],
    *,
    title: str = "ontherecord report",
    clusters: Sequence[ClaimCluster] | None = None,
) -> None:
    """Write the report to ``path`` as one self-contained UTF-8 HTML file.

    Args:
        analysis: the analysis.
        path: where to write.
        title: the page title.
        clusters: claim clusters to show with their conflicts (see :func:`render_fragment`).

    .. versionadded:: 0.1.0
    """
    pathlib.Path(path).write_text(render(analysis, title=title, clusters=clusters), encoding="utf-8")
