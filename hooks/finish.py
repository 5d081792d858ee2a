"""After the build, over the finished site: no page shows raw Markdown (``sitebuild.checks``),
the content security policy in every page (``sitebuild.csp``), the web app manifest and its
icons linked from every page (``sitebuild.manifest``), then the service worker that hashes
every file (``sitebuild.offline``).

``mkdocs serve`` injects a live-reload script whose text changes on every build, so its
pages get no policy, and a service worker that keeps nothing (live reloading is never
answered from an old copy).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from sitebuild import checks, csp, manifest, offline
from sitebuild.hooks import reported

_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


@reported
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    checks.check_pages(site)
    if not _serving:
        csp.apply_policies(site)
    manifest.write_manifest(
        site,
        site_name=config.site_name,
        description=config.site_description or config.site_name,
        base_path=urlsplit(config.site_url or "/").path or "/",
    )
    icon = config.theme.get("favicon") or offline.FAVICON
    offline.write_service_worker(site, keep=not _serving, icon=icon)
