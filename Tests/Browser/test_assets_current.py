"""The committed CSS is what scripts/build-web makes from the page now, and the binary under test serves the page's
files as they are on disk (SwiftPM embeds Sources/BatonServer/Web/Page/ when it builds)."""

import pathlib
import subprocess
import sys
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGE = ROOT / "Sources" / "BatonServer" / "Web" / "Page"


def test_built_css_is_current(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build-web"), "--out", str(tmp_path)], check=True,
                   stdout=subprocess.DEVNULL)
    committed = PAGE / "dist" / "baton.css"
    assert (tmp_path / "baton.css").read_bytes() == committed.read_bytes(), (
        f"{committed.relative_to(ROOT)} is not current with the page: run scripts/build-web and commit the result")


def test_the_server_under_test_serves_the_current_page(server):
    """A binary built before the last change of the page would test an old page."""
    files = {"/": PAGE / "index.html", "/assets/baton.css": PAGE / "dist" / "baton.css",
             "/assets/icon.svg": PAGE / "icon.svg"}
    files.update({f"/assets/js/{script.name}": script for script in (PAGE / "js").glob("*.js")})
    stale, missing = [], []
    for path, file in sorted(files.items()):
        try:
            with urllib.request.urlopen(server.base_url + path, timeout=10) as response:
                if response.read() != file.read_bytes():
                    stale.append(path)
        except urllib.error.HTTPError:
            missing.append(path)
    assert not missing, (f"the baton binary does not serve {', '.join(missing)}: a new file needs its line in "
                         "WebAsset.embedded (Sources/BatonServer/Web/WebAsset.swift), then swift build --product baton")
    assert not stale, f"the baton binary serves an old {', '.join(stale)}: run swift build --product baton"
