"""Every handout in real headless Chromium: offline, accessible, printable.

Each page is opened from a file:// URI while every request is recorded (only file:
and data: are allowed), then checked with axe-core (no serious or critical
violations), laid out for print at A4 and Letter widths (nothing wider than the page),
and saved as a screenshot and an A4 PDF under build/handouts-check/ for a person to look at.
"""

from __future__ import annotations

import pytest

from tests.browser_support import describe, run_axe

from .handout_support import CHECK_DIR, built_handouts

# A browser test (marker e2e): part of `make test`, and of `make e2e` on its own.
pytestmark = pytest.mark.e2e

# printable width of the page at 96 px/inch with the handout's 14 mm side margins
PAPER_CONTENT_PX = {"A4": round((210 - 28) / 25.4 * 96), "Letter": round((215.9 - 28) / 25.4 * 96)}


@pytest.fixture(scope="module")
def pages(browser, axe_source):  # noqa: F811
    """Open each handout once; collect requests, axe results, overflow and files."""
    out = {}
    CHECK_DIR.mkdir(parents=True, exist_ok=True)
    for (lesson, audience), path in sorted(built_handouts().items()):
        page = browser.new_page(viewport={"width": 1000, "height": 1200})
        page.set_default_timeout(180_000)  # the CI machine can be very slow
        requests: list[str] = []
        page.on("request", lambda r, seen=requests: seen.append(r.url))
        page.goto(path.resolve().as_uri(), wait_until="load")
        violations = run_axe(page, axe_source)
        stem = f"{lesson}.{audience}"
        page.screenshot(path=str(CHECK_DIR / f"{stem}.png"), full_page=True)
        page.emulate_media(media="print")
        overflow = {}
        for paper, width in PAPER_CONTENT_PX.items():
            page.set_viewport_size({"width": width, "height": 1200})
            overflow[paper] = page.evaluate(
                "() => { const w = document.documentElement.clientWidth;"
                " return Array.from(document.querySelectorAll('body *'))"
                ".filter(e => e.getBoundingClientRect().right > w + 1)"
                ".map(e => e.tagName + '.' + e.className).slice(0, 5); }")
        # one PDF for a person to look at; Letter is held to the same width check above
        page.pdf(path=str(CHECK_DIR / f"{stem}.A4.pdf"), format="A4", print_background=True)
        audience_meta = page.evaluate(
            "() => document.querySelector('meta[name=curriculum-audience]').content")
        out[(lesson, audience)] = {"requests": requests, "violations": violations,
                                   "overflow": overflow, "audience": audience_meta}
        page.close()
    assert out, "no handouts were opened"
    return out


def test_only_local_requests(pages):
    for key, result in pages.items():
        assert result["requests"], f"{key}: no requests recorded at all"
        bad = [u for u in result["requests"] if not u.startswith(("file:", "data:"))]
        assert not bad, f"{key}: network requests {bad}"


def test_no_serious_accessibility_violations(pages):
    for key, result in pages.items():
        assert not result["violations"], f"{key}:\n{describe(result['violations'])}"


def test_nothing_cut_off_when_printed(pages):
    for key, result in pages.items():
        for paper, wide in result["overflow"].items():
            assert not wide, f"{key} on {paper}: wider than the page: {wide}"


def test_audience_declared_and_files_saved(pages):
    for (lesson, audience), result in pages.items():
        assert result["audience"] == audience
        for suffix in ("png", "A4.pdf"):
            f = CHECK_DIR / f"{lesson}.{audience}.{suffix}"
            assert f.exists() and f.stat().st_size > 1000, f
