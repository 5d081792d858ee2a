"""The web app manifest and its icons, so the site can be installed and opens on the calculator.

Over a built folder (the finishing step, before ``sitebuild.offline`` hashes every file, so
the service worker keeps them too):

- ``manifest.webmanifest``: name, short name, the calculator as start URL, standalone
  display, theme and background colours, the icons;
- ``assets/icons/legplan-*.png``: the icons in the sizes browsers ask for (192 and 512 for
  the app, maskable ones for Android's shapes, 180 for iOS' home screen), drawn here: an
  indigo square with the road's rising bars. Drawn from numbers with the standard library
  (``zlib``), so every build writes the same bytes;
- in every page's head (Material's and the standalone printable plans): the manifest's
  link, the iOS icon and one theme colour per palette.

The manifest's addresses are relative to it (the site's root), so the site works under any
path; a page links it by its path relative to the page, except ``404.html``, which a server
answers at any address and so gets the site's base path.
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from sitebuild.errors import SiteError

MANIFEST = "manifest.webmanifest"
ICONS_DIR = "assets/icons"
START = "calculator/"
"""Where the installed app opens: the calculator (it shows the last plan's link there)."""

INDIGO = (0x40, 0x51, 0xB5)
"""Material's indigo (``palette.primary: indigo``): the header's colour in both palettes."""
SLATE = (0x1E, 0x21, 0x29)
"""Material's slate background, the dark palette's page colour."""
LIGHT_BARS = (0xC5, 0xCA, 0xE9)
WHITE = (0xFF, 0xFF, 0xFF)


@dataclass(frozen=True, slots=True)
class Icon:
    """One icon file: its size in pixels, and ``maskable`` for Android's shaped icons."""

    size: int
    maskable: bool = False

    @property
    def path(self) -> str:
        """Its path in the site."""
        kind = "-maskable" if self.maskable else ""
        return f"{ICONS_DIR}/legplan{kind}-{self.size}.png"


ICONS = (Icon(192), Icon(512), Icon(192, maskable=True), Icon(512, maskable=True))
"""In the manifest: Chromium wants 192 and 512 px; maskable ones fill Android's shapes."""
TOUCH_ICON = Icon(180)
"""iOS' home-screen icon (``apple-touch-icon``), which ignores the manifest's."""


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def _png(width: int, height: int, rows: list[bytes]) -> bytes:
    """An RGBA PNG from its rows (4 bytes a pixel), compressed the same way every time."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    raw = b"".join(b"\0" + row for row in rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


BARS = ((0.18, 0.30), (0.35, 0.44), (0.52, 0.60), (0.69, 0.80))
"""The road's bars: (left edge, height) as shares of the glyph's box, rising to the target."""
BAR_WIDTH = 0.13


def draw_icon(icon: Icon) -> bytes:
    """The icon's PNG: rising bars on indigo; rounded corners unless maskable.

    A maskable icon fills its square (Android cuts the shape) and keeps the bars inside
    the middle 60 %, its safe zone.

    >>> draw_icon(Icon(16)).startswith(bytes([0x89]) + b"PNG")
    True
    >>> draw_icon(Icon(48)) == draw_icon(Icon(48))
    True
    """
    n = icon.size
    glyph = 0.6 if icon.maskable else 0.76
    origin = (1 - glyph) / 2
    radius = 0 if icon.maskable else 0.18 * n
    base = origin + glyph * 0.92  # the bars stand on this line
    bars = [
        (
            (origin + glyph * left) * n,
            (origin + glyph * (left + BAR_WIDTH)) * n,
            (base - glyph * height) * n,
            base * n,
            WHITE if i == len(BARS) - 1 else LIGHT_BARS,
        )
        for i, (left, height) in enumerate(BARS)
    ]

    def corner_alpha(x: int, y: int) -> int:
        """Coverage of a pixel by the rounded square, sampled 4 x 4 on the corners' arcs."""
        cx = min(max(x + 0.5, radius), n - radius)
        cy = min(max(y + 0.5, radius), n - radius)
        distance = ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2) ** 0.5
        if radius == 0 or distance <= radius - 1:
            return 255
        if distance >= radius + 1:
            return 0
        hits = 0
        for sy in range(4):
            for sx in range(4):
                px, py = x + (sx + 0.5) / 4, y + (sy + 0.5) / 4
                qx = min(max(px, radius), n - radius)
                qy = min(max(py, radius), n - radius)
                hits += (px - qx) ** 2 + (py - qy) ** 2 <= radius**2
        return round(255 * hits / 16)

    rows = []
    for y in range(n):
        row = bytearray()
        for x in range(n):
            colour = INDIGO
            for left, right, top, bottom, fill in bars:
                if left <= x + 0.5 < right and top <= y + 0.5 < bottom:
                    colour = fill
                    break
            row += bytes(colour) + bytes((corner_alpha(x, y),))
        rows.append(bytes(row))
    return _png(n, n, rows)


def manifest(name: str, short_name: str, description: str) -> dict[str, object]:
    """The manifest's content; every address relative to the manifest (the site's root)."""
    return {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": "en",
        "dir": "ltr",
        "start_url": START,
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": _hex(INDIGO),
        "icons": [
            {
                "src": icon.path,
                "sizes": f"{icon.size}x{icon.size}",
                "type": "image/png",
                "purpose": "maskable" if icon.maskable else "any",
            }
            for icon in ICONS
        ],
    }


def head_tags(prefix: str) -> str:
    """What a page's head gets; ``prefix`` leads from the page to the site's root.

    >>> print(head_tags("../"))  # doctest: +NORMALIZE_WHITESPACE
    <link rel="manifest" href="../manifest.webmanifest">
    <link rel="apple-touch-icon" href="../assets/icons/legplan-180.png">
    <meta name="theme-color" media="(prefers-color-scheme: light)" content="#4051b5">
    <meta name="theme-color" media="(prefers-color-scheme: dark)" content="#1e2129">
    """
    colours = (("light", INDIGO), ("dark", SLATE))
    return "\n".join(
        [
            f'<link rel="manifest" href="{prefix}{MANIFEST}">',
            f'<link rel="apple-touch-icon" href="{prefix}{TOUCH_ICON.path}">',
            *(
                f'<meta name="theme-color" media="(prefers-color-scheme: {scheme})" '
                f'content="{_hex(colour)}">'
                for scheme, colour in colours
            ),
        ]
    )


def page_prefix(rel: str, base_path: str) -> str:
    """The way from a built page to the site's root.

    >>> [page_prefix(p, "/legplan/") for p in ["index.html", "guide/x/index.html", "404.html"]]
    ['', '../../', '/legplan/']
    """
    if rel == "404.html":
        return base_path
    return "../" * rel.count("/")


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """What the manifest says of the site: its name, what it is, its path on its server."""

    name: str
    description: str
    base_path: str = "/"


class _ConfigLoader(yaml.SafeLoader):
    """``mkdocs.yml``'s YAML, with MkDocs' ``!ENV`` tag (Zensical reads it the same way)."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """``!ENV NAME`` or ``!ENV [NAME, ..., default]``: the first variable set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
    *names, default = values if len(values) > 1 else [*values, None]
    return next((os.environ[str(n)] for n in names if str(n) in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)


def site_settings(root: Path) -> SiteSettings:
    r"""The site's name, description and path, from the project's ``mkdocs.yml``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     text = "site_name: X\nsite_url: !ENV [NO_SUCH_VARIABLE_SET, 'https://a.b/x/']\n"
    ...     _ = (Path(tmp) / "mkdocs.yml").write_text(text)
    ...     site_settings(Path(tmp))
    SiteSettings(name='X', description='X', base_path='/x/')

    Raises:
        SiteError: When there is no ``mkdocs.yml`` or it names no site.
    """
    path = root / "mkdocs.yml"
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError) as exc:
        msg = f"{path}: cannot read the site's name for the web app manifest: {exc}"
        raise SiteError(msg) from exc
    if not isinstance(config, dict) or not config.get("site_name"):
        msg = f"{path}: no site_name for the web app manifest"
        raise SiteError(msg)
    name = str(config["site_name"])
    description = " ".join(str(config.get("site_description") or name).split())
    base_path = urlsplit(str(config.get("site_url") or "/")).path or "/"
    return SiteSettings(name, description, base_path)


def write_manifest(
    site_dir: Path, *, site_name: str, description: str, base_path: str = "/"
) -> list[str]:
    """Write the manifest and the icons into ``site_dir`` and link them from every page.

    Args:
        site_dir: The built site.
        site_name: The site's name: the name under the app's icon, and the start of its
            full name.
        description: What it is, in a sentence.
        base_path: The site's path on its server (``/`` or ``/repo/``), for ``404.html``.

    Returns:
        The files written, relative to ``site_dir``.

    Raises:
        SiteError: When a page has no ``</head>`` to put the links before.
    """
    written = [MANIFEST]
    document = manifest(f"{site_name}: running and leg-workout plans", site_name, description)
    (site_dir / MANIFEST).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    (site_dir / ICONS_DIR).mkdir(parents=True, exist_ok=True)
    for icon in (*ICONS, TOUCH_ICON):
        (site_dir / icon.path).write_bytes(draw_icon(icon))
        written.append(icon.path)
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith("assets/"):
            continue
        text = path.read_text(encoding="utf-8")
        if 'rel="manifest"' in text:
            continue
        if "</head>" not in text:
            msg = f"{rel}: no </head> to link the web app manifest before"
            raise SiteError(msg)
        tags = head_tags(page_prefix(rel, base_path))
        path.write_text(text.replace("</head>", tags + "\n</head>", 1), encoding="utf-8")
    return written
