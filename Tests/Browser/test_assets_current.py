"""The committed CSS and the Swift file embedding the page are what scripts/build-web makes from web/ now."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_built_css_and_embedded_assets_are_current(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build-web"), "--out", str(tmp_path)], check=True,
                   stdout=subprocess.DEVNULL)
    stale = []
    for built, committed in (("baton.css", "web/dist/baton.css"),
                             ("EmbeddedWebAssets.swift", "Sources/BatonServer/Web/EmbeddedWebAssets.swift")):
        if (tmp_path / built).read_bytes() != (ROOT / committed).read_bytes():
            stale.append(committed)
    assert not stale, f"{', '.join(stale)} not current with web/: run scripts/build-web and commit the result"


def test_the_server_under_test_serves_the_current_page(server):
    """A binary built before the last change of web/ would test an old page."""
    import urllib.request

    files = {"/": ROOT / "web" / "index.html", "/assets/baton.css": ROOT / "web" / "dist" / "baton.css"}
    files.update({f"/assets/js/{script.name}": script for script in (ROOT / "web" / "js").glob("*.js")})
    stale = []
    for path, file in sorted(files.items()):
        with urllib.request.urlopen(server.base_url + path, timeout=10) as response:
            if response.read() != file.read_bytes():
                stale.append(path)
    assert not stale, f"the baton binary serves an old {', '.join(stale)}: run scripts/build-web, then swift build --product baton"
