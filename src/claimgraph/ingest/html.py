"""HTML pages to documents: main text and metadata with trafilatura."""

from __future__ import annotations

from typing import Any

import trafilatura

from claimgraph.errors import MalformedInputError

__all__ = ["html_to_fields"]

#: Fewest words an extraction must find to count as the page's main text.
MIN_WORDS = 8


def html_to_fields(html: str, *, source: str, url: str | None = None) -> dict[str, Any]:
    """Main text, title, date, author and site of an HTML page.

    Boilerplate (menus, comments, footers) is dropped. Raises
    :class:`MalformedInputError` when the page has no main text.
    """
    extracted: Any = None
    for favor_recall in (False, True):
        try:
            extracted = trafilatura.bare_extraction(
                html,
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
            break
        extracted = None
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
