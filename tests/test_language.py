from __future__ import annotations

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
        ("Sanctions imposed", "en"),
        ("12345 67890 !!!", "und"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang
