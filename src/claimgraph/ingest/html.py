"""HTML pages to documents: main text and metadata with trafilatura."""

from __future__ import annotations

from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from claimgraph.errors import MalformedInputError

__all__ = ["html_to_fields"]

#: Fewest words an extraction must find to count as the page's main text.
MIN_WORDS = 8


def _extract(document: Any, url: str | None, source: str) -> Any:
    """trafilatura's extraction of ``document`` (markup or a parsed tree), precision first, then
    recall; None when neither finds :data:`MIN_WORDS` words."""
    for favor_recall in (False, True):
        try:
            extracted: Any = trafilatura.bare_extraction(
                document,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                favor_recall=favor_recall,
            )
        except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
            raise MalformedInputError(
                f"cannot parse HTML ({type(exc).__name__}: {exc})", source=source
            ) from None
        words = len((extracted.text or "").split()) if extracted is not None else 0
        # A few words are a menu or a cookie banner, not an article.
        if words >= MIN_WORDS:
            return extracted
    return None


def _deep_tree(html: str) -> Any:
    """The page parsed without libxml2's nesting limit (256 levels), beyond which the default
    parser silently drops the rest of the page; None when it cannot be parsed."""
    try:
        parser = lxml.html.HTMLParser(
            huge_tree=True, collect_ids=False, remove_comments=True, remove_pis=True
        )
        return lxml.html.fromstring(html, parser=parser)
    except (ValueError, lxml.etree.LxmlError):
        return None


def html_to_fields(html: str, *, source: str, url: str | None = None) -> dict[str, Any]:
    """Main text, title, date, author and site of an HTML page.

    Boilerplate (menus, comments, footers) is dropped. A page nested deeper than
    libxml2's default limit is parsed again without it. Raises
    :class:`MalformedInputError` when the page has no main text.
    """
    extracted = _extract(html, url, source)
    if extracted is None and (tree := _deep_tree(html)) is not None:
        extracted = _extract(tree, url, source)
    if extracted is None or not (extracted.text or "").strip():
        raise MalformedInputError("the HTML page has no main text to analyse", source=source)
    meta = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    date = meta.get("date")
    return {
        "text": meta["text"],
        "title": meta.get("title") or None,
        "published": date or None,
        "author": meta.get("author") or None,
        "source": meta.get("sitename") or meta.get("hostname") or None,
        "url": meta.get("url") or url,
    }
