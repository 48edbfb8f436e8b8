"""deploy/: the configuration a school's IT team installs says what the course reads.

No TLJH or Kubernetes here, so each file is checked for what can be checked without one:
it parses, its hooks do the right thing for an educator, a student and a student who
learns in Chinese, and every variable and command it names is one the course has. Each
hub's configuration is loaded as that hub loads it (traitlets' ``load_subconfig`` for TLJH
and ``make hub``, the chart's ``jupyterhub_config.d`` then ``extraConfig`` for z2jh), and
every one of them takes the student's language from the same hook file.
"""

from __future__ import annotations

import ast
import re
import shlex
import subprocess
from pathlib import Path
from types import SimpleNamespace

import yaml
from traitlets.config import Config, PyFileConfigLoader

from curriculum.classroom.dropbox import IDENTITY_ENV
from curriculum.classroom.handin import DROPBOX_ENV
from curriculum.hub.start import DIR_ENV, LAB_LANGUAGES, REPO_ENV
from tests.support import ROOT

DEPLOY = ROOT / "deploy"
TLJH_CONFIG = DEPLOY / "tljh" / "jupyterhub_config.d" / "cyber-safety-curriculum.py"
TLJH_CONFIG_D = Path("/opt/tljh/config/jupyterhub_config.d")
VALUES = DEPLOY / "z2jh" / "values.yaml"
HOOK = ROOT / "curriculum" / "hub" / "language_hook.py"  # every hub's language, by group
Z2JH_CONFIG_D = "/usr/local/etc/jupyterhub/jupyterhub_config.d"  # the chart loads each *.py


def spawner(name: str, groups: list[str], **extra) -> SimpleNamespace:
    user = SimpleNamespace(name=name, groups=[SimpleNamespace(name=g) for g in groups])
    return SimpleNamespace(user=user, environment={"KEEP": "1"}, default_url="/lab", **extra)


def load(path: Path) -> Config:
    """``path`` read as JupyterHub reads a config file (with ``load_subconfig``)."""
    return PyFileConfigLoader(path.name, str(path.parent)).load_config()


def tljh_installs() -> dict[str, Path]:
    """What setup.sh installs into TLJH's jupyterhub_config.d: name there -> the course's file."""
    script = (DEPLOY / "tljh" / "setup.sh").read_text()
    installs = {}
    for command in re.findall(r"^install -m 0644 (.+? \\\n\s*\S+)$", script, re.MULTILINE):
        source, target = shlex.split(command.replace("\\\n", " "))
        if Path(target).parent == TLJH_CONFIG_D:
            installs[Path(target).name] = ROOT / source
    return installs


def load_tljh() -> Config:
    """TLJH's jupyterhub_config.d as TLJH loads it: each file in name order, by ``load_subconfig``."""
    c = Config()
    for _name, path in sorted(tljh_installs().items()):
        c.merge(load(path))
    return c


def load_z2jh(values: dict) -> Config:
    """The hub's configuration as the chart builds it: each file ``hub.extraFiles`` mounts in
    jupyterhub_config.d (its text from ``--set-file``), then each ``hub.extraConfig``, all
    run in one namespace."""
    c = Config()
    namespace = {"c": c, "get_config": lambda: c}
    header = VALUES.read_text().split("\nhub:")[0]
    given = dict(re.findall(r"--set-file hub\.extraFiles\.([\w-]+)\.stringData=(\S+)", header))
    mounted = {key: entry["mountPath"] for key, entry in values["hub"]["extraFiles"].items()}
    assert set(given) == set(mounted), "every file hub.extraFiles mounts is given with --set-file"
    for key, mount in sorted(mounted.items(), key=lambda item: Path(item[1]).name):
        assert str(Path(mount).parent) == Z2JH_CONFIG_D and mount.endswith(".py"), mount
        exec(compile((ROOT / given[key]).read_text(), mount, "exec"), namespace)
    for name, code in sorted(values["hub"]["extraConfig"].items()):
        exec(compile(code, name, "exec"), namespace)
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
    assert tljh_installs() == {"cyber-safety-curriculum.py": TLJH_CONFIG,
                               "cyber-safety-curriculum-language.py": HOOK}


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
    hook = load_z2jh(values).KubeSpawner.pre_spawn_hook
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


def test_every_hub_takes_the_students_language_from_the_one_hook_file():
    """make hub (its policy file), TLJH (what setup.sh installs) and z2jh (hub.extraFiles)
    all run the hook defined in curriculum/hub/language_hook.py, none a copy of it."""
    policy = load(ROOT / "curriculum" / "hub" / "jupyterhub_config.py")
    hooks = {
        "make hub": policy.Spawner.pre_spawn_hook,
        "TLJH": load_tljh().Spawner.pre_spawn_hook,
        "z2jh": load_z2jh(yaml.safe_load(VALUES.read_text())).Spawner.pre_spawn_hook,
    }
    for hub, hook in hooks.items():
        assert callable(hook), f"{hub} has no language hook"
        assert Path(hook.__code__.co_filename).name in (HOOK.name, "cyber-safety-curriculum-language.py"), hub
        assert hook.__code__.co_code == load(HOOK).Spawner.pre_spawn_hook.__code__.co_code, hub
    extra_config = yaml.safe_load(VALUES.read_text())["hub"]["extraConfig"].values()
    for source in (TLJH_CONFIG.read_text(), *extra_config):
        assert "CURRICULUM_LANGUAGE" not in source and "00-start-here" not in source  # no copy of the hook
    # dependency-free: the course is not installed in TLJH's or z2jh's hub environment
    imports = (ast.Import, ast.ImportFrom)
    assert not [node for node in ast.walk(ast.parse(HOOK.read_text())) if isinstance(node, imports)]


def test_the_hook_decides_by_group_alone():
    hook = load(HOOK).Spawner.pre_spawn_hook
    english, chinese, other = spawner("a", ["educators"]), spawner("b", ["zh-Hant-HK"]), spawner("c", ["fr"])
    for s in (english, chinese, other):
        hook(s)
    assert english.default_url == other.default_url == "/lab/tree/cyber-safety-curriculum/00-start-here.ipynb"
    assert chinese.default_url == "/lab/tree/cyber-safety-curriculum/zh-Hant-HK/00-start-here.ipynb"
    assert (english.environment["CURRICULUM_LANGUAGE"], chinese.environment["CURRICULUM_LANGUAGE"]) == (
        "en", "zh-Hant-HK")
    for language in ("en", "zh-Hant-HK"):
        assert (LAB_LANGUAGES / language / "labconfig").is_dir()
