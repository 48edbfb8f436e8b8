"""The chain as the exporter runs it: the preprocessors ``conf.json`` lists, in its order,
each configurable with traitlets; the course and audience they read from the resources."""

from __future__ import annotations

import json

import pytest
from nbconvert.exporters import Exporter
from traitlets.config import Config
from traitlets.utils.importstring import import_item

from curriculum.handout.exporter import TEMPLATES, HandoutExporter
from curriculum.handout.preprocessors import (
    AppendSources,
    FindLesson,
    HandoutError,
    InsertEducatorNotes,
    RenderActivities,
)

from .handout_support import run_chain, small_notebook


def declared_chain() -> list[type]:
    conf = json.loads((TEMPLATES / "handout" / "conf.json").read_text(encoding="utf-8"))
    return [import_item(p["type"]) for _key, p in sorted(conf["preprocessors"].items())]


def test_the_exporter_runs_the_chain_conf_json_declares_in_its_order(small_course):
    chain = declared_chain()
    exporter = HandoutExporter(course=small_course)
    ran = [p for p in exporter._preprocessors if p.enabled]
    assert [type(p) for p in ran[-len(chain):]] == chain


def test_a_preprocessor_disabled_in_config_is_skipped(small_course):
    """``--InsertEducatorNotes.enabled=False`` reaches the chain, as for any template."""
    def guide(config):
        exporter = HandoutExporter(course=small_course, audience="educator", config=config)
        return exporter.from_notebook_node(small_notebook())[0]

    assert "FACILITATE" in guide(Config())  # a step of the lesson plan
    assert "FACILITATE" not in guide(Config({"InsertEducatorNotes": {"enabled": False}}))


def test_a_preprocessor_is_configured_through_the_exporter(small_course):
    config = Config({"AssignHeadingLevels": {"deepest": 2}})
    exporter = HandoutExporter(course=small_course, config=config)
    nb, _ = Exporter.from_notebook_node(exporter, small_notebook())
    assert '<h2 id="quiz-title">' in nb.cells[3].source
    assert '<h3 id="quiz-title">' in run_chain(small_notebook(), small_course, "student")[0].cells[3].source


def test_command_line_settings_reach_the_chain(small_course):
    """``jupyter nbconvert --InsertEducatorNotes.enabled=False --AssignHeadingLevels.deepest=2``:
    nbconvert does not know these classes, so it hands each value on as unparsed text."""
    from traitlets.config.loader import DeferredConfigString, KVArgParseConfigLoader

    config = KVArgParseConfigLoader(["--InsertEducatorNotes.enabled=False",
                                     "--AssignHeadingLevels.deepest=2"]).load_config()
    assert isinstance(config.InsertEducatorNotes.enabled, DeferredConfigString)
    exporter = HandoutExporter(course=small_course, audience="educator", config=config)
    page = exporter.from_notebook_node(small_notebook())[0]
    assert "FACILITATE" not in page and '<h2 id="quiz-title">' in page


def test_the_course_is_shared_not_copied_with_the_resources(small_course, monkeypatch):
    """nbconvert deep-copies the resources for the preprocessors: the read-only course in them
    is shared, what the preprocessors write is the copy's own."""
    import copy

    seen = []
    monkeypatch.setattr(FindLesson, "preprocess",
                        lambda self, nb, resources: (nb, seen.append(resources["handout"]) or resources))
    exporter = HandoutExporter(course=small_course)
    exporter.from_notebook_node(small_notebook())
    assert seen and seen[0]["course"] is small_course
    settings = exporter._init_resources({})["handout"]
    copied = copy.deepcopy(settings)
    copied["lesson"] = "elsewhere"
    assert copied["course"] is settings["course"] and "lesson" not in settings


def test_educator_notes_only_in_the_educator_chain(small_course):
    for audience, expected in (("student", 0), ("educator", 1)):
        nb, res = run_chain(small_notebook(), small_course, audience)
        notes = [c for c in nb.cells if "educator-notes" in c.source]
        assert len(notes) == expected
        assert res["handout"]["lesson"] == "09-test"
        assert all(c.cell_type in ("markdown", "raw") for c in nb.cells)
        assert all(set(c.metadata) <= {"raw_mimetype"} for c in nb.cells)
        assert "widgets" not in nb.metadata


@pytest.mark.parametrize("preprocessor", [FindLesson, RenderActivities, InsertEducatorNotes,
                                          AppendSources])
def test_unknown_audience_is_refused(small_course, preprocessor):
    with pytest.raises(HandoutError, match="audience"):
        preprocessor().preprocess(small_notebook(),
                                  {"handout": {"course": small_course, "audience": "parent"}})


def test_educator_guide_holds_the_course_safeguarding_and_the_period(small_course):
    """Before the course, every lesson, an image incident, the duty to report: in every guide,
    with the plan's minutes against the period; never on a student worksheet."""
    lesson = small_course.lessons["09-test"]
    for audience in ("student", "educator"):
        nb, _ = run_chain(small_notebook(), small_course, audience)
        page = "".join(c.source for c in nb.cells)
        course_steps = ("BEFORE", "EVERY", "INCIDENT", "DUTY",
                        f"for a {lesson.meta.period_minutes}-minute period")
        if audience == "educator":
            assert all(s in page for s in course_steps)
            assert page.index("BEFORE") < page.index("EVERY") < page.index("INCIDENT") < page.index(
                "DUTY") < page.index("SAFEGUARD")
            assert "Course source" in page  # the duty's source, cited beside it
        else:
            assert not any(s in page for s in course_steps)
        assert "In school" in page  # the people in school, with the support list
    assert lesson.meta.period_minutes == 40
