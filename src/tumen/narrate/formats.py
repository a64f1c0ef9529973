"""An Article as Markdown, HTML or JSON. Byte-identical output for identical input."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from tumen.core.links import http_url
from tumen.narrate.article import Article, Paragraph

__all__ = ["FORMATS", "TEMPLATES", "article_html", "article_json", "article_markdown",
           "render_article"]

#: The article templates; the web explorer reads them from here too.
TEMPLATES = Path(__file__).parent / "templates"


def _refs_md(numbers: list[int]) -> str:
    return "".join(f"[^{n}]" for n in numbers)


def _paragraph_md(p: Paragraph) -> str:
    parts = []
    for s in p.sentences:
        lead = f"**{s.date}.** " if s.date else ""
        parts.append(f"{lead}{s.text}{_refs_md(s.footnotes)}")
    return " ".join(parts)


def article_markdown(a: Article) -> str:
    lines = [f"# {a.title}", "", f"*{a.standfirst}*", "",
             f"{a.reading_minutes} min read · {a.word_count} words"
             + (f" · knowledge base updated {a.last_updated.isoformat()}" if a.last_updated
                else ""), ""]
    if a.introduction:
        lines += ["## Introduction", ""] + [_paragraph_md(p) + "\n" for p in a.introduction]
    for sec in a.sections:
        lines += [f"## {sec.heading} ({sec.dates})", ""]
        if sec.key_dates:
            lines += ["> **Key dates**", ">"]
            lines += [f"> - {d} — {t}" for d, t, _ in sec.key_dates]
            lines.append("")
        lines += [_paragraph_md(p) + "\n" for p in sec.intro]
        for sub in sec.subsections:
            if sub.heading:
                lines += [f"### {sub.heading}", ""]
            lines += [_paragraph_md(p) + "\n" for p in sub.paragraphs]
    if a.conclusion:
        lines += ["## Conclusion", ""] + [_paragraph_md(p) + "\n" for p in a.conclusion]
    lines += ["## Related", ""] + [f"- [{t}]({u})" for t, u in a.related] + ["", "## Notes", ""]
    for f in a.footnotes:
        cite = ". ".join(x for x in (f.author, f.title, f.publisher, f.date) if x)
        # an autolink only for http(s): "<javascript:…>" would be a link too
        link = f" <{f.url}>" if http_url(f.url) else f" `{f.url}`" if f.url else ""
        lines.append(f"[^{f.number}]: {cite}.{link}")
    return "\n".join(lines).rstrip() + "\n"


def article_json(a: Article) -> str:
    data: dict[str, Any] = asdict(a)
    data["last_updated"] = a.last_updated.isoformat() if a.last_updated else None
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(["html"]), keep_trailing_newline=True)
    env.tests["http_url"] = http_url
    return env


def article_html(a: Article, standalone: bool = True) -> str:
    """A standalone HTML document with print-friendly CSS (or the body, for the web page)."""
    name = "article_standalone.html" if standalone else "_article_body.html"
    return _env().get_template(name).render(article=a)


FORMATS = {"md": article_markdown, "html": article_html, "json": article_json}


def render_article(a: Article, fmt: str) -> str:
    return FORMATS[fmt](a)
