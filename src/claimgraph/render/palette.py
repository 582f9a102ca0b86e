"""Colours shared by the terminal and HTML reports: one per PTC technique, one per stance.

Technique colours are light tints (dark text stays readable on them), one hue
per label, in the spirit of Prta's one-colour-per-technique highlighting
(Da San Martino et al., ACL 2020 demo).
"""

from __future__ import annotations

from claimgraph.record import TECHNIQUE_LABELS

__all__ = [
    "AUTHOR_STANCE_STYLES",
    "LAYER_COLOURS",
    "STANCE_COLOURS",
    "STANCE_STYLES",
    "TECHNIQUE_COLOURS",
    "technique_colour",
    "technique_index",
]

#: PTC label → background colour (hex), same order as ``TECHNIQUE_LABELS``.
TECHNIQUE_COLOURS: dict[str, str] = dict(
    zip(
        TECHNIQUE_LABELS,
        (
            "#a5b4fc",  # Appeal_to_Authority: indigo
            "#fca5a5",  # Appeal_to_fear-prejudice: red
            "#f0abfc",  # Bandwagon,Reductio_ad_hitlerum: fuchsia
            "#cbd5e1",  # Black-and-White_Fallacy: slate
            "#93c5fd",  # Causal_Oversimplification: blue
            "#a5f3fc",  # Doubt: cyan
            "#fde047",  # Exaggeration,Minimisation: yellow
            "#86efac",  # Flag-Waving: green
            "#f9a8d4",  # Loaded_Language: pink
            "#fdba74",  # Name_Calling,Labeling: orange
            "#e2c7a4",  # Repetition: tan
            "#d8b4fe",  # Slogans: purple
            "#5eead4",  # Thought-terminating_Cliches: teal
            "#bef264",  # Whataboutism,Straw_Men,Red_Herring: lime
        ),
        strict=True,
    )
)
_FALLBACK = "#e5e7eb"

#: Statement stance → colour (hex) for HTML.
STANCE_COLOURS: dict[str, str] = {
    "assert": "#15803d",
    "deny": "#dc2626",
    "doubt": "#ca8a04",
    "question": "#2563eb",
    "commit": "#7c3aed",
}
#: Statement stance → Rich style for the terminal.
STANCE_STYLES: dict[str, str] = {
    "assert": "bold green",
    "deny": "bold red",
    "doubt": "bold yellow",
    "question": "bold blue",
    "commit": "bold magenta",
}
#: A claim's author stance → Rich style.
AUTHOR_STANCE_STYLES: dict[str, str] = {
    "assert": "green",
    "deny": "red",
    "doubt": "yellow",
    "none": "dim",
}
#: Highlight layer → accent colour (hex) for HTML.
LAYER_COLOURS: dict[str, str] = {
    "actor": "#0f766e",
    "event": "#ea580c",
    "voice": "#7c3aed",
}


def technique_colour(label: str) -> str:
    """The label's colour (hex); a neutral grey for an unknown label."""
    return TECHNIQUE_COLOURS.get(label, _FALLBACK)


def technique_index(label: str) -> int:
    """Position of the label in ``TECHNIQUE_LABELS`` (len of it for an unknown label)."""
    try:
        return TECHNIQUE_LABELS.index(label)
    except ValueError:
        return len(TECHNIQUE_LABELS)
