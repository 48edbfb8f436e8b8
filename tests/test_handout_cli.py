"""The ways in: nbconvert's ``--to handout`` and ``python -m curriculum handouts``."""

from __future__ import annotations

import pytest

from curriculum import cli


def test_nbconvert_finds_the_exporter_by_name():
    from nbconvert.exporters import get_exporter

    from curriculum.handout.exporter import HandoutExporter

    assert get_exporter("handout") is HandoutExporter
    exporter = HandoutExporter(audience="educator")
    assert exporter.template_name == "handout"
    with pytest.raises(Exception, match="audience"):
        HandoutExporter(audience="parent")


def test_cli_unknown_lesson_is_a_clear_error(capsys, tmp_path):
    code = cli.main(["handouts", "--out", str(tmp_path), "99-nope"])
    err = capsys.readouterr().err
    assert code == 1
    assert "unknown lesson(s): 99-nope" in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_cli_without_notebooks_folder_says_to_pass_one(capsys, tmp_path, monkeypatch):
    """After a plain ``pip install .`` the notebooks are not installed beside the package."""
    from curriculum.handout import build as build_module

    monkeypatch.setattr(build_module, "NOTEBOOKS_DIR", tmp_path / "site-packages" / "notebooks")
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
