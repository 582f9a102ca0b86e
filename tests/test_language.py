from __future__ import annotations

import subprocess
import sys

import pytest

from claimgraph.language import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("North Korea denied shipping shells to Russia, the ministry said on Tuesday.", "en"),
        ("Le ministre a nié les accusations de la Russie et des États-Unis.", "fr"),
        ("Der Minister hat die Vorwürfe zurückgewiesen, sagte er am Montag.", "de"),
        ("El ministro rechazó las acusaciones de los Estados Unidos.", "es"),
        ("Министр иностранных дел отверг обвинения Вашингтона.", "ru"),
        ("外交部发言人表示反对制裁。", "zh"),
        ("وزارة الخارجية تنفي الاتهامات", "ar"),
        ("Il ministro ha respinto le accuse degli Stati Uniti.", "it"),
        ("O ministro rejeitou as acusações dos Estados Unidos.", "pt"),
        ("De minister heeft de beschuldigingen van de Verenigde Staten verworpen.", "nl"),
        ("Sanctions imposed", "en"),
        # short English headlines share their words with other languages: English wins near ties
        ("Iran says talks are over", "en"),
        ("12345 67890 !!!", "und"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_importing_loads_no_model():
    """The language model is read on first use, not when the module is imported."""
    code = (
        "import sys, claimgraph.language; "
        "print(any(m.startswith(('py3langid', 'spacy')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said on Tuesday that the talks would resume next week in Geneva.",
        "Le gouvernement a annoncé mardi de nouvelles mesures contre la pauvreté.",
        "Der Bundestag hat am Dienstag ein neues Gesetz beschlossen.",
    ],
)
def test_sparse_ranking_equals_py3langid(text):
    from claimgraph.language import _identifier, _rank

    expected = dict(_identifier().rank(text))
    ranked = _rank(text)
    assert ranked.keys() == expected.keys()
    assert max(abs(ranked[k] - expected[k]) for k in expected) < 1e-6
