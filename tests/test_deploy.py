"""deploy/: the configuration a school's IT team installs says what the course reads.

No TLJH or Kubernetes here, so each file is checked for what can be checked without one:
it parses, its hooks do the right thing for an educator, a student and a student who
learns in Chinese, and every variable and command it names is one the course has.
"""

from __future__ import annotations

import subprocess
from types import SimpleNamespace

import yaml
from traitlets.config import Config

from curriculum.classroom.dropbox import IDENTITY_ENV
from curriculum.classroom.handin import DROPBOX_ENV
from curriculum.hub.start import DIR_ENV, LAB_LANGUAGES, REPO_ENV
from tests.support import ROOT

DEPLOY = ROOT / "deploy"
TLJH_CONFIG = DEPLOY / "tljh" / "jupyterhub_config.d" / "cyber-safety-curriculum.py"
VALUES = DEPLOY / "z2jh" / "values.yaml"


def spawner(name: str, groups: list[str], **extra) -> SimpleNamespace:
    user = SimpleNamespace(name=name, groups=[SimpleNamespace(name=g) for g in groups])
    return SimpleNamespace(user=user, environment={"KEEP": "1"}, default_url="/lab", **extra)


def load_tljh() -> Config:
    c = Config()
    exec(compile(TLJH_CONFIG.read_text(), str(TLJH_CONFIG), "exec"), {"get_config": lambda: c})
    return c


def test_the_deploy_files_exist_and_the_readme_explains_each():
    files = sorted(p.relative_to(DEPLOY).as_posix() for p in DEPLOY.rglob("*") if p.is_file())
    assert files, "deploy/ is empty"
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    for name in files:
        if name != "README.md":
            assert f"`{name}`" in readme, f"deploy/README.md does not explain {name}"


def test_tljh_config_starts_servers_with_the_lessons_and_the_drop_box():
    c = load_tljh()
    assert c.Spawner.cmd == ["/opt/tljh/user/bin/python", "-m", "curriculum.hub.start"]
    variables = c.Spawner.environment.get_value({})  # the file adds to TLJH's own
    assert set(variables) == {REPO_ENV, DIR_ENV, DROPBOX_ENV}
    assert variables[DROPBOX_ENV] == "/srv/cyber-safety-curriculum/dropbox"


def test_tljh_hook_opens_each_student_in_their_language():
    hook = load_tljh().Spawner.pre_spawn_hook
    english, chinese = spawner("jupyter-alex", []), spawner("jupyter-wing", ["zh-Hant-HK"])
    hook(english)
    hook(chinese)
    assert english.default_url == "/lab/tree/cyber-safety-curriculum/00-start-here.ipynb"
    assert chinese.default_url == "/lab/tree/cyber-safety-curriculum/zh-Hant-HK/00-start-here.ipynb"
    assert english.environment == {"KEEP": "1", "CURRICULUM_LANGUAGE": "en"}
    assert chinese.environment["CURRICULUM_LANGUAGE"] == "zh-Hant-HK"
    assert (LAB_LANGUAGES / "zh-Hant-HK" / "labconfig").is_dir()


def test_tljh_setup_script_parses_and_uses_commands_that_exist():
    script = DEPLOY / "tljh" / "setup.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    text = script.read_text()
    # the drop-box through the command that marks it "owner" (each student a Unix user)
    assert "-m curriculum.hub publish notebooks" in text and "-m curriculum.hub dropbox" in text
    assert "chmod" not in text and "mkdir" not in text
    assert "jupyterhub_config.d/cyber-safety-curriculum.py" in text


def test_z2jh_values_name_what_the_course_reads():
    values = yaml.safe_load(VALUES.read_text())
    single = values["singleuser"]
    assert single["cmd"] == ["python", "-m", "curriculum.hub.start"]
    assert set(single["extraEnv"]) == {REPO_ENV, DIR_ENV, DROPBOX_ENV}
    mounts = single["storage"]["extraVolumeMounts"]
    assert mounts == [{"name": "class-dropbox", "mountPath": single["extraEnv"][DROPBOX_ENV],
                       "subPath": "{username}"}]
    assert {v["name"] for v in single["storage"]["extraVolumes"]} == {"class-dropbox"}
    assert values["cull"]["enabled"] is True
    assert single["memory"]["limit"] and single["memory"]["guarantee"]


def test_z2jh_hook_gives_educators_the_whole_drop_box_and_students_their_folder():
    values = yaml.safe_load(VALUES.read_text())
    c = Config()
    for name, code in values["hub"]["extraConfig"].items():
        exec(compile(code, name, "exec"), {"c": c})
    hook = c.KubeSpawner.pre_spawn_hook
    student_mount = {"name": "class-dropbox", "mountPath": "/srv/dropbox", "subPath": "{username}"}
    student, educator, chinese = (
        spawner(name, groups, volume_mounts=[dict(student_mount)], init_containers=["mkdir"])
        for name, groups in (("alex", []), ("ms-chan", ["educators"]), ("wing", ["zh-Hant-HK"])))
    for s in (student, educator, chinese):
        hook(s)
    assert student.volume_mounts == [student_mount] and student.init_containers == ["mkdir"]
    whole = {"name": "class-dropbox", "mountPath": "/srv/dropbox"}  # every student's folder
    assert educator.volume_mounts == [whole]
    assert educator.init_containers == []
    # every file there is uid 1000's: the folder a hand-in is in is what says who wrote it
    assert educator.environment[IDENTITY_ENV] == "folder"
    assert IDENTITY_ENV not in student.environment and IDENTITY_ENV not in chinese.environment
    assert chinese.default_url.endswith("/zh-Hant-HK/00-start-here.ipynb")
    assert chinese.environment["CURRICULUM_LANGUAGE"] == "zh-Hant-HK"
    assert student.environment["CURRICULUM_LANGUAGE"] == "en"
