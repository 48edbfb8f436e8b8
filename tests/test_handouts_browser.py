"""Every handout, in English and in Chinese, in real headless Chromium: offline, accessible,
printable.

Each page is opened from a file:// URI while every request is recorded (only file:
and data: are allowed), then checked with axe-core (no serious or critical
violations) and laid out for print at A4 and Letter widths (nothing wider than the
page). A screenshot and an A4 PDF of a handout, for a person to look at, are saved under
build/handouts-check/ when ``E2E_ARTIFACTS=1``, or for each handout a test failed on.
"""

from __future__ import annotations

import pytest

from tests.browser_support import artifacts_wanted, describe, run_axe

from .handout_support import CHECK_DIR

# A browser test (marker e2e): part of `make test`, and of `make e2e` on its own.
pytestmark = pytest.mark.e2e

# printable width of the page at 96 px/inch with the handout's 14 mm side margins
PAPER_CONTENT_PX = {"A4": round((210 - 28) / 25.4 * 96), "Letter": round((215.9 - 28) / 25.4 * 96)}
VIEWPORT = {"width": 1000, "height": 1200}
REVIEW_SUFFIXES = ("png", "A4.pdf")


def _open(browser, path, requests: list[str] | None = None):
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(180_000)  # the CI machine can be very slow
    if requests is not None:
        page.on("request", lambda r, seen=requests: seen.append(r.url))
    page.goto(path.resolve().as_uri(), wait_until="load")
    return page


def _save_for_review(page, stem: str) -> None:
    """The page as a person checks it: a full-page screenshot and an A4 PDF."""
    page.emulate_media(media="screen")
    page.set_viewport_size(VIEWPORT)
    page.screenshot(path=str(CHECK_DIR / f"{stem}.png"), full_page=True)
    page.pdf(path=str(CHECK_DIR / f"{stem}.A4.pdf"), format="A4", print_background=True)


@pytest.fixture(scope="module")
def pages(browser, axe_source, handout_files):  # noqa: F811
    """Open each handout once; collect requests, axe results and overflow."""
    out = {}
    CHECK_DIR.mkdir(parents=True, exist_ok=True)
    for (lesson, audience, lang), path in sorted(handout_files.every_language.items()):
        stem = f"{lesson}.{audience}.{lang}"
        for suffix in REVIEW_SUFFIXES:  # no stale picture from an earlier run beside this one
            (CHECK_DIR / f"{stem}.{suffix}").unlink(missing_ok=True)
        requests: list[str] = []
        page = _open(browser, path, requests)
        violations = run_axe(page, axe_source)
        page.emulate_media(media="print")
        overflow = {}
        for paper, width in PAPER_CONTENT_PX.items():
            page.set_viewport_size({"width": width, "height": 1200})
            overflow[paper] = page.evaluate(
                "() => { const w = document.documentElement.clientWidth;"
                " return Array.from(document.querySelectorAll('body *'))"
                ".filter(e => e.getBoundingClientRect().right > w + 1)"
                ".map(e => e.tagName + '.' + e.className).slice(0, 5); }")
        audience_meta = page.evaluate(
            "() => document.querySelector('meta[name=curriculum-audience]').content")
        lang_attr = page.evaluate("() => document.documentElement.lang")
        if artifacts_wanted():
            # one PDF for a person to look at; Letter is held to the same width check above
            _save_for_review(page, stem)
        out[(lesson, audience, lang)] = {"requests": requests, "violations": violations,
                                         "overflow": overflow, "audience": audience_meta,
                                         "lang": lang_attr, "path": path}
        page.close()
    assert out, "no handouts were opened"
    return out


@pytest.fixture
def fail_with_review_files(browser, pages):
    """Fail on the handouts in ``problems``, saving each one's screenshot and PDF first."""

    def fail(problems: dict[tuple[str, str], str]) -> None:
        if not problems:
            return
        if not artifacts_wanted():
            for key in problems:
                page = _open(browser, pages[key]["path"])
                try:
                    _save_for_review(page, ".".join(key))
                finally:
                    page.close()
        pytest.fail("\n".join(f"{key}: {problem}" for key, problem in problems.items())
                    + f"\n(screenshots and PDFs of these handouts: {CHECK_DIR})", pytrace=False)

    return fail


def test_only_local_requests(pages, fail_with_review_files):
    problems = {}
    for key, result in pages.items():
        bad = [u for u in result["requests"] if not u.startswith(("file:", "data:"))]
        if not result["requests"]:
            problems[key] = "no requests recorded at all"
        elif bad:
            problems[key] = f"network requests {bad}"
    fail_with_review_files(problems)


def test_no_serious_accessibility_violations(pages, fail_with_review_files):
    fail_with_review_files({key: "\n" + describe(result["violations"])
                            for key, result in pages.items() if result["violations"]})


def test_nothing_cut_off_when_printed(pages, fail_with_review_files):
    fail_with_review_files({key: "; ".join(f"on {paper}: wider than the page: {wide}"
                                           for paper, wide in result["overflow"].items() if wide)
                            for key, result in pages.items()
                            if any(result["overflow"].values())})


def test_audience_declared(pages, fail_with_review_files):
    fail_with_review_files({key: f"declares audience {result['audience']!r}"
                            for key, result in pages.items() if result["audience"] != key[1]})


def test_language_declared(pages, fail_with_review_files):
    """Each page says its language (screen readers, fonts and line breaking follow it)."""
    assert {key[2] for key in pages} == {"en", "zh-Hant-HK"}
    fail_with_review_files({key: f"declares lang {result['lang']!r}"
                            for key, result in pages.items() if result["lang"] != key[2]})


def test_review_files_only_when_asked(pages):
    """With E2E_ARTIFACTS=1 each handout has its screenshot and PDF; without, none is written
    (``pages`` removed the old ones first), so a passing run leaves no pictures behind."""
    for key in pages:
        for suffix in REVIEW_SUFFIXES:
            f = CHECK_DIR / f"{'.'.join(key)}.{suffix}"
            if artifacts_wanted():
                assert f.exists() and f.stat().st_size > 1000, f
            else:
                assert not f.exists(), f"{f} written without E2E_ARTIFACTS=1"
