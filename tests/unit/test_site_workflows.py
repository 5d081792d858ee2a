"""The GitHub workflows: actionlint passes, permissions are explicit, actions pinned by SHA."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def _actionlint() -> str:
    beside_python = Path(sys.executable).with_name("actionlint")
    found = str(beside_python) if beside_python.exists() else shutil.which("actionlint")
    assert found, "actionlint is not installed (make install puts it in .venv)"
    return found


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def test_both_workflows_exist():
    assert {p.name for p in WORKFLOWS} == {"ci.yml", "pages.yml"}


def test_actionlint_passes():
    result = subprocess.run(
        [_actionlint(), "-no-color", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_empty_on_top_and_set_per_job(path):
    workflow = _load(path)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"job {name} does not say what it needs"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_full_sha(path):
    for step in _steps(_load(path)):
        uses = step.get("uses")
        if uses and not uses.startswith("./"):
            assert PINNED.match(uses), f"{uses} is not pinned by a full commit SHA"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_keeps_no_credentials(path):
    checkouts = [
        s for s in _steps(_load(path)) if s.get("uses", "").startswith("actions/checkout@")
    ]
    assert checkouts
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False


def test_ci_runs_on_pull_requests_and_pushes_and_for_pages():
    triggers = _load(ROOT / ".github/workflows/ci.yml")[True]  # YAML 1.1 reads `on` as True
    assert {"pull_request", "push", "workflow_call"} <= set(triggers)


def test_pages_deploys_only_after_the_tests():
    jobs = _load(ROOT / ".github/workflows/pages.yml")["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/ci.yml"
    assert jobs["build"]["needs"] == "test"
    assert jobs["deploy"]["needs"] == "build"
    uses = [s.get("uses", "") for s in jobs["build"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any("make build" in s.get("run", "") for s in jobs["build"]["steps"])
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["environment"]["name"] == "github-pages"


def test_dependabot_keeps_every_kind_of_pin_current_in_weekly_groups():
    config = _load(ROOT / ".github" / "dependabot.yml")
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"github-actions", "npm", "pip"}
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly"
        assert update["groups"], "a week's updates arrive as one pull request"
    pip_dirs = set(updates["pip"].get("directories", [updates["pip"].get("directory")]))
    assert {"/", "/tools"} <= pip_dirs


def test_ci_runs_on_every_pull_request():
    ci = _load(ROOT / ".github" / "workflows" / "ci.yml")
    triggers = ci.get("on") or ci.get(True)  # YAML 1.1 reads a bare `on` as True
    assert "pull_request" in triggers
    assert not (triggers["pull_request"] or {}).get("branches")


def test_the_licence_file_is_the_one_pyproject_declares():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert declared["project"]["license"] == "MIT"
    assert licence.startswith("MIT License")


def test_the_site_address_follows_the_repository_or_the_maintainers_domain():
    """README, "Host your own copy": a fork's address, or SITE_URL for a custom domain."""
    build = _load(ROOT / ".github/workflows/pages.yml")["jobs"]["build"]
    address = build["env"]["SITE_URL"]
    assert address.startswith("${{ vars.SITE_URL || ")
    assert (
        "format('https://{0}.github.io/{1}/', github.repository_owner, "
        "github.event.repository.name)" in address
    )
