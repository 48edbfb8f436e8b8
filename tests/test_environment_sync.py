"""environment.yml (conda, Binder) must ask for what pyproject.toml asks for."""

from __future__ import annotations

import re

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

import yaml

from tests.support import ROOT


def _split(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", req)
    assert m, req
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge", "nodefaults"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert any(p.strip() in (".", "-e .") for p in pip), "the project itself must be pip-installed"
    wanted = dict(_split(r) for r in project["dependencies"])
    # a hub's single-user image (Zero to JupyterHub builds it from this file with
    # repo2docker) needs the hub extra's single-user part: jupyterhub-singleuser, not the hub
    hub = dict(_split(r) for r in project["optional-dependencies"]["hub"])
    assert "jupyterhub" in hub, "the hub extra must ask for jupyterhub"
    hub["jupyterhub-singleuser"] = hub.pop("jupyterhub")
    wanted.update(hub)
    have = {name: spec for name, spec in (_split(d) for d in conda)
            if name not in ("python", "pip")}
    assert wanted, "pyproject lists no dependencies"
    assert have == wanted
    python = next(_split(d)[1] for d in conda if d.startswith("python"))
    assert python == project["requires-python"].replace(" ", "")
