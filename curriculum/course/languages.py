"""The languages the course is written in: one structure, each text in each language."""

from __future__ import annotations

SOURCE_LANG = "en"
LANGS = ("en", "zh-Hant-HK")
