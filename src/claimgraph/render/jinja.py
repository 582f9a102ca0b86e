"""The one way claimgraph sets up Jinja2: package templates, autoescaped, strict about undefined names."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined

__all__ = ["template_environment"]


def template_environment(package: str) -> Environment:
    """An environment over ``package``'s ``templates`` folder (HTML escaped, undefined names fail)."""
    return Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
