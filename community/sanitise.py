"""Turning what a member typed into HTML that is safe to show.

Markdown is rendered with markdown-it-py (CommonMark, the parser ``rich`` already brings;
raw HTML is off, so a ``<script>`` typed in a post is shown as text), then the result goes
through nh3 (the Ammonia sanitiser) with a short allow-list: no scripts, no event handlers
(``on…=``), no ``style``, and only ``http``, ``https`` and ``mailto`` links, so
``javascript:`` links are dropped. Every link opens with ``rel="nofollow noopener ugc"`` and
carries its domain after it (``<a …>text</a> <span class="domain">(example.com)</span>``), so
a member sees where a link leads before following it.
"""

import hashlib
import re
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True})

TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "span", "h3", "h4"}
ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}}
URL_SCHEMES = {"http", "https", "mailto"}

_LINK = re.compile(r'<a href="([^"]*)"([^>]*)>(.*?)</a>', re.S)
_BARE_URL = re.compile(r"(?<![(<\[\"'=])\bhttps?://[^\s<>()\[\]]+", re.I)
MENTION = re.compile(r"(?<![\w@])@([\w.\-]{2,60}(?:@[\w.\-]+\.\w+)?)")


def _autolink(text: str) -> str:
    """Bare URLs become Markdown autolinks so they get a domain label too."""
    return _BARE_URL.sub(lambda m: f"<{m.group(0)}>", text)


def domain_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _with_domain(match: re.Match) -> str:
    href, rest, label = match.group(1), match.group(2), match.group(3)
    domain = domain_of(href.replace("&amp;", "&"))
    suffix = f' <span class="domain">({domain})</span>' if domain else ""
    return f'<a href="{href}"{rest}>{label}</a>{suffix}'


def render(body: str) -> str:
    """``body`` (Markdown) as sanitised HTML with each link's domain shown after it."""
    html = _md.render(_autolink(body or ""))
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    )
    return _LINK.sub(_with_domain, clean)


def link_count(body: str) -> int:
    """How many links ``body`` has (bare URLs and Markdown links alike)."""
    return len(re.findall(r"https?://", body or "", re.I))


def fingerprint(body: str) -> str:
    """The same text whatever its spacing and case: for duplicate detection."""
    normal = re.sub(r"\s+", " ", (body or "").strip().lower())
    return hashlib.sha256(normal.encode()).hexdigest()


def quote(*, author_name: str, body: str) -> str:
    """A post quoted in Markdown, to start a reply with."""
    lines = (body or "").strip().splitlines() or [""]
    return f"> **{author_name}:**\n" + "\n".join(f"> {line}" for line in lines) + "\n\n"


def mentions(body: str) -> set[str]:
    """The handles mentioned with ``@`` (an e-mail address or its local part)."""
    return {m.lower() for m in MENTION.findall(body or "")}
