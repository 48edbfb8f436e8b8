"""The course's JupyterLab settings hold in a real JupyterLab started from the environment.

The test server sets no notification setting of its own and does not switch news off on
its command line: what it serves comes from ``{sys.prefix}/share/jupyter/lab/settings/
overrides.d/cyber-safety-curriculum.json``, the file the package installs (``make``, ``pip install``, Binder's
postBuild), so this is the JupyterLab a learner gets. Run after every lesson, when any
prompt JupyterLab shows at start-up has long had its chance to appear.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

NOTIFICATION = "@jupyterlab/apputils-extension:notification"


def test_news_is_off_by_the_course_settings(lab_server):
    served = lab_server.lab_setting(NOTIFICATION)
    changed = served.get("settings") or {}
    assert "fetchNews" not in changed and "checkForUpdates" not in changed, (
        f"the test server's user settings decide this, not the course's: {changed}")
    defaults = {k: v.get("default") for k, v in served["schema"]["properties"].items()}
    # JupyterLab's own defaults are "none" (ask) and true: the course's overrides.d file changed them
    assert defaults["fetchNews"] == "false", defaults
    assert defaults["checkForUpdates"] is False, defaults


def test_no_news_prompt_on_screen(lab_page):
    from playwright.sync_api import expect

    expect(lab_page.get_by_text("Jupyter news")).to_have_count(0)
    toasts = lab_page.locator(".Toastify__toast").all_inner_texts()
    assert not [text for text in toasts if "news" in text.lower()], toasts
