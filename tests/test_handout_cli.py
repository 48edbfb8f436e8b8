"""The ways in: nbconvert's ``--to handout`` and ``python -m curriculum handouts``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from curriculum import cli
from tests.support import ROOT


def test_nbconvert_finds_the_exporter_by_name():
    from nbconvert.exporters import get_exporter

    from curriculum.handout.exporter import HandoutExporter

    assert get_exporter("handout") is HandoutExporter
    exporter = HandoutExporter(audience="educator")
    assert exporter.template_name == "handout"
    with pytest.raises(Exception, match="audience"):
        HandoutExporter(audience="parent")


def test_jupyter_nbconvert_runs_the_chain_as_its_config_says(tmp_path, course):
    """``jupyter nbconvert --to handout`` with a config file: the educator guide, with one
    preprocessor of the template's chain turned off."""
    config = tmp_path / "handout_config.json"
    config.write_text(json.dumps({"HandoutExporter": {"audience": "educator"},
                                  "InsertEducatorNotes": {"enabled": False}}))
    notebook = ROOT / "notebooks" / course.meta.lessons[0].notebook
    subprocess.run([str(Path(sys.executable).parent / "jupyter"), "nbconvert", "--to", "handout",
                    "--config", str(config), "--output-dir", str(tmp_path), str(notebook)],
                   check=True, capture_output=True)
    page = (tmp_path / f"{notebook.stem}.html").read_text(encoding="utf-8")
    assert 'class="audience-educator"' in page and "Answer key" in page
    assert 'class="educator-notes' not in page


def test_cli_unknown_lesson_is_a_clear_error(capsys, tmp_path):
    code = cli.main(["handouts", "--out", str(tmp_path), "99-nope"])
    err = capsys.readouterr().err
    assert code == 1
    assert "unknown lesson(s): 99-nope" in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_cli_without_notebooks_folder_says_to_pass_one(capsys, tmp_path, monkeypatch):
    """After a plain ``pip install .`` the notebooks are not installed beside the package."""
    from curriculum.course import packaged

    monkeypatch.setattr(packaged, "NOTEBOOKS_DIR", tmp_path / "site-packages" / "notebooks")
    code = cli.main(["handouts", "--out", str(tmp_path / "out"), "01-history"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "--notebooks DIR" in err and str(tmp_path / "site-packages" / "notebooks") in err
    assert not (tmp_path / "out").exists()


def test_cli_notebooks_option_builds_from_that_folder(capsys, tmp_path, monkeypatch):
    import shutil

    from curriculum.handout import build as build_module

    copied = tmp_path / "my-notebooks"
    shutil.copytree(build_module.NOTEBOOKS_DIR, copied)
    monkeypatch.setattr(build_module, "NOTEBOOKS_DIR", tmp_path / "missing")
    code = cli.main(["handouts", "--notebooks", str(copied), "--audience", "student",
                     "--out", str(tmp_path / "out"), "03-sexting"])
    assert code == 0, capsys.readouterr().err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["03-sexting.student.html"]
