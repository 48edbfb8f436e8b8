"""Law explorer: situations, the offence table, unresolved items, the disclaimer, attempts."""

from __future__ import annotations

import pytest

from curriculum.activities.law import LawModel
from curriculum.course.model import LawExplorer, PartialDate
from curriculum.present.html import date_text
from curriculum.present.law import situation_html
from tests.inline_course import SOURCE_URL
from widgets.law import LawView


def make_law(plain: str = "Threatening to share is a crime.") -> LawExplorer:
    def off(i, **kw):
        return {"id": i, "offence": f"Offence {i}", "ordinance": "Crimes Ordinance (Cap. 200)",
                "section": "s.159AAE", "source": "test-source", **kw}

    return LawExplorer.model_validate({
        "kind": "law", "id": "law", "title": "Law", "instructions": "Pick one.",
        "disclaimer": "This is general information only.",
        "situations": [
            {"id": "threat", "situation": "Threatening to share an image",
             "plain_language": plain,
             "offences": [off("settled", in_force="2021-10-08", max_penalty="5 years"),
                          off("disputed", status="unresolved", max_penalty="2 years",
                              in_force="2021-10", unresolved="Sources give different terms.")]},
            {"id": "pay", "situation": "Paying a blackmailer",
             "plain_language": "Paying is not a crime.",
             "offences": [off("paying", status="not_an_offence")]},
        ],
    })


def test_dates_in_words():
    assert date_text(PartialDate("2021-10-08")) == "8 October 2021"
    assert date_text(PartialDate("2021-10")) == "October 2021"
    assert date_text(PartialDate("2021")) == "2021"
    assert date_text(None) == "—"


def test_exploring_is_an_ungraded_attempt(recorded_attempts):
    m = LawModel(make_law(), "99-test")
    assert m.select("pay").id == "pay"
    m.select("threat")
    m.select("pay")
    assert [(a.item, a.answer, a.correct, a.kind) for a in recorded_attempts] == [
        ("pay", ("pay",), None, "law"), ("threat", ("threat",), None, "law"),
        ("pay", ("pay",), None, "law")]
    assert m.selected.id == "pay"
    with pytest.raises(KeyError):
        m.select("nope")


def test_table_marks_unresolved_items_as_unresolved(tiny):
    course, _ = tiny
    law = make_law()
    html = situation_html(course, "99-test", law.situations[0])
    rows = html.split("<tr")[2:]  # skip the header row
    assert len(rows) == 2
    settled, disputed = rows
    assert "✓ In force" in settled and "5 years" in settled and "8 October 2021" in settled
    assert "(not settled)" not in settled
    assert "⚠ Unresolved" in disputed and "Sources give different terms." in disputed
    assert "In force" not in disputed
    assert "2 years <em>(not settled)</em>" in disputed
    assert "<td>October 2021</td>" in disputed
    assert html.count(SOURCE_URL) == 2
    for column in ("Offence", "Ordinance", "Section", "Maximum penalty", "In force from",
                   "Status", "Source"):
        assert f">{column}</th>" in html


def test_not_an_offence_says_so(tiny):
    course, _ = tiny
    html = situation_html(course, "99-test", make_law().situations[1])
    assert "Not an offence" in html and "None: this is not a crime" in html
    assert "✓ In force" not in html
    # a callout beside the offences, never a row of a table of offences
    assert 'class="csc-note" role="note"><strong>Not an offence</strong>' in html
    assert "<tr" not in html and SOURCE_URL in html


def test_view_picks_a_situation_and_keeps_the_disclaimer(tiny, recorded_attempts):
    course, lesson = tiny
    view = LawView(course, lesson, make_law())
    assert [label for label, _ in view.picker.options] == [
        "Threatening to share an image", "Paying a blackmailer"]
    assert "General information, not legal advice." in view.disclaimer.value
    assert "general information only" in view.disclaimer.value
    assert "Choose a situation" in view.details.value
    view.picker.value = "threat"
    assert [a.item for a in recorded_attempts] == ["threat"]
    assert "Threatening to share is a crime." in view.details.value
    assert "⚠ Unresolved" in view.details.value
    view.picker.value = "pay"
    assert "Not an offence" in view.details.value
    assert view.disclaimer in view.children and "not legal advice" in view.disclaimer.value


def test_view_escapes_content(tiny):
    course, lesson = tiny
    view = LawView(course, lesson, make_law("<script>alert(1)</script>"))
    view.picker.value = "threat"
    assert "<script>" not in view.details.value and "&lt;script&gt;" in view.details.value
    assert "Test &lt;source&gt;" in view.details.value
