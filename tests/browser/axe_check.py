"""axe-core in the page: install the pinned npm package, run it, and compare findings with the known list.

Two runs per page after a lesson has run:

* the course's own content (rendered markdown and every output area: widgets, tables, figures),
  which must have no violation at all;
* everything else on the page (JupyterLab's chrome and its extensions'), whose findings are
  compared one by one with ``axe_known_issues.json``: a finding not listed there fails.

A finding is keyed by its rule id and a description of the element that stays the same from
one page to the next: its tag, its stable classes (not state classes such as ``jp-mod-active``,
nor CodeMirror's generated ones), its role and its accessible-name attributes. axe's own CSS
target is kept for the message; it changes with cell positions and editor state.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

AXE_VERSION = "4.14.1"
"""The pinned axe-core release (npm package ``axe-core``)."""

KNOWN_ISSUES_PATH = Path(__file__).with_name("axe_known_issues.json")


@dataclass(frozen=True)
class Finding:
    """One element that violates one axe rule."""

    rule: str
    element: str
    target: str
    impact: str
    html: str
    help: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.rule, self.element)

    def __str__(self) -> str:
        return (
            f"{self.rule} ({self.impact}) on {self.element}: {self.help}\n"
            f"    at {self.target}\n    {self.html}"
        )


def axe_dir() -> Path:
    """Where the pinned axe-core is installed: ``$LADDERLIB_AXE_DIR`` or a folder in the user's cache."""
    if "LADDERLIB_AXE_DIR" in os.environ:
        return Path(os.environ["LADDERLIB_AXE_DIR"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "ladderlib-tests" / f"axe-core-{AXE_VERSION}"


def install_axe(npm: str, prefix: Path | None = None) -> Path:
    """Install axe-core at the pinned version with npm (once); return the path of ``axe.min.js``."""
    prefix = axe_dir() if prefix is None else prefix
    package = prefix / "node_modules" / "axe-core"
    if _installed_version(package) != AXE_VERSION:
        prefix.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(prefix),
                "--no-audit",
                "--no-fund",
                "--no-save",
                f"axe-core@{AXE_VERSION}",
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if result.returncode != 0 or _installed_version(package) != AXE_VERSION:
            raise RuntimeError(
                f"npm could not install axe-core@{AXE_VERSION} into {prefix} "
                f"(exit {result.returncode}):\n{result.stderr[-2000:]}"
            )
    return package / "axe.min.js"


def _installed_version(package: Path) -> str | None:
    try:
        version = json.loads((package / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None
    return str(version) if (package / "axe.min.js").is_file() else None


_RUN_JS = """
async ([context, version]) => {
  if (axe.version !== version) throw new Error(`axe-core ${axe.version} loaded, ${version} expected`);
  const stable = c => /^[A-Za-z][\\w-]*$/.test(c) && !/(^|-)mod-/.test(c);
  const describe = el => {
    if (!el) return '(element gone)';
    const classes = [...el.classList].filter(stable).sort().map(c => '.' + c).join('');
    const attrs = ['role', 'aria-label', 'title', 'data-command', 'type']
      .filter(a => el.hasAttribute(a)).map(a => `[${a}="${el.getAttribute(a)}"]`).join('');
    return el.tagName.toLowerCase() + classes + attrs;
  };
  const find = target => {
    let root = document, el = null;
    for (const part of target) {
      const selectors = [].concat(part);
      el = root.querySelector(selectors[0]);
      for (const sel of selectors.slice(1)) el = el?.shadowRoot?.querySelector(sel) ?? null;
      root = el?.contentDocument ?? el?.shadowRoot ?? root;
    }
    return el;
  };
  const result = await axe.run(context ?? document, {resultTypes: ['violations']});
  return result.violations.flatMap(v => v.nodes.map(n => ({
    rule: v.id, element: describe(find(n.target)),
    target: n.target.map(t => [].concat(t).join(' >>> ')).join(' >>> '),
    impact: n.impact ?? v.impact ?? '', html: n.html.slice(0, 200), help: v.help,
  })));
}
"""


def run_axe(
    page: Page, script: Path, include: list[str] | None = None, exclude: list[str] | None = None
) -> list[Finding]:
    """Run axe on the page: on the elements matching ``include`` (default: the whole document),
    leaving out those matching ``exclude``."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(script))
    context: dict[str, object] = {}
    if include is not None:
        context["include"] = [[selector] for selector in include]
    if exclude is not None:
        context["exclude"] = [[selector] for selector in exclude]
    found = page.evaluate(_RUN_JS, [context or None, AXE_VERSION])
    return [Finding(**item) for item in found]


def load_known_issues(path: Path = KNOWN_ISSUES_PATH) -> dict[tuple[str, str], dict[str, str]]:
    """The known findings of JupyterLab and its extensions, keyed like :attr:`Finding.key`."""
    data = json.loads(path.read_text())
    known: dict[tuple[str, str], dict[str, str]] = {}
    for entry in data["issues"]:
        key = (entry["rule"], entry["element"])
        if key in known:
            raise ValueError(f"{path.name} lists {key} twice")
        known[key] = entry
    return known
