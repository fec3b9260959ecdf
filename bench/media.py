"""Image speed: derivatives of 24 and 12 Mpx photographs, the IIIF pyramid build, IIIF tile latency.

The test photographs are made at run time from the developer corpus's real scans
(../shared/data/images), enlarged with Pillow to 6000x4000 and 4032x3024 with a little grain; when
the corpus is missing a synthetic picture is used instead, and the output says so. Tiles are
requested over real HTTP from the app served by uvicorn on 127.0.0.1. Run with `python -m bench.media`.
"""

import argparse
import http.client
import random
import shutil
import socket
import statistics
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

import uvicorn
from PIL import Image, ImageFilter

from app.account import api_tokens, passwords
from app.account import service as account_service
from app.config import ROOT, Settings
from app.db import make_engine, make_session_factory
from app.iiif import pyramid
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.main import create_app
from app.media import derivatives
from app.media.service import attach
from app.migrate import upgrade

CORPUS = ROOT.parent / "shared" / "data" / "images"
PHOTOS = {  # name: (size, source in the corpus)
    "24 Mpx camera JPEG": ((6000, 4000), CORPUS / "western_sydney" / "ftf_photo_watson1_r.jpg"),
    "12 Mpx phone JPEG": ((4032, 3024), CORPUS / "exif_samples" / "hdr" / "iphone_hdr_NO.jpg"),
}


def make_photo(size: tuple[int, int], source: Path, target: Path) -> str:
    """Write a `size` JPEG made from `source` (or synthetic when missing); says which."""
    if source.exists():
        with Image.open(source) as scan:
            exif = scan.info.get("exif", b"")
            image = scan.convert("RGB").resize(size, Image.Resampling.BICUBIC)
        origin = f"{source.name} enlarged"
    else:
        image, exif = Image.radial_gradient("L").resize(size).convert("RGB"), b""
        origin = "SYNTHETIC (corpus not found)"
    # Grain: a plain enlargement is smoother than a camera's output, and would decode faster.
    grain = Image.effect_noise(size, 40).filter(ImageFilter.GaussianBlur(0.6)).convert("RGB")
    Image.blend(image, grain, 0.12).save(target, quality=92, exif=exif)
    return f"{origin}, {target.stat().st_size / 1e6:.1f} MB"


def median_ms(action, runs: int) -> float:
    """The median wall time of `runs` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _derivatives_afresh(path: Path, out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    derivatives.make_derivatives(path, out)


def bench_derivatives(photos: dict[str, Path], folder: Path, runs: int) -> None:
    for name, path in photos.items():
        out = folder / "derivatives"
        ms = median_ms(partial(_derivatives_afresh, path, out), runs)
        print(f"derivatives, {name}: median {ms:.0f} ms over {runs} runs")


def bench_pyramid(photo: Path, folder: Path, runs: int) -> None:
    ms = median_ms(lambda: pyramid.build_pyramid(photo, folder / "pyramid"), runs)
    info = pyramid.read_info(folder / "pyramid")
    tiles = sum(1 for _ in (folder / "pyramid").rglob(f"*.{info.format}"))
    print(f"pyramid build, 24 Mpx: median {ms:.0f} ms over {runs} runs ({len(info.levels)} levels, {tiles} tiles)")


def published_image(settings: Settings, photo: Path) -> str:
    """Attach the photo to a published item in the bench database; its sha256."""
    engine = make_engine(settings.database_url)
    with make_session_factory(engine)() as session:
        item = Item(identifier="BENCH-1", kind="photograph", status=PUBLISHED, titles={"fr": "Banc"}, sort_title="banc")
        session.add(item)
        sha256 = attach(session, item, photo, settings, position=0, background=False).sha256
        session.commit()
    engine.dispose()
    return sha256


def serve(settings: Settings) -> tuple[uvicorn.Server, threading.Thread, int]:
    """The app on a free loopback port, in a thread (no lifespan: no background workers)."""
    app = create_app(settings)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, http="h11", ws="none", lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(1000):
        if server.started:
            break
        time.sleep(0.01)
    return server, thread, sock.getsockname()[1]


def tile_urls(sha256: str, width: int, height: int, count: int) -> list[str]:
    """`count` distinct 256-px tiles of the announced grid, spread over the scale factors 1 to 16."""
    by_scale = {}
    for scale in (1, 2, 4, 8, 16):
        span = 256 * scale
        by_scale[scale] = [
            (x, y, min(span, width - x), min(span, height - y), scale)
            for y in range(0, height, span)
            for x in range(0, width, span)
        ]
    chosen = [tile for scale in (2, 4, 8, 16) for tile in by_scale[scale]]
    chosen += random.Random(54190).sample(by_scale[1], max(0, count - len(chosen)))
    return [f"/iiif/3/{sha256}/{x},{y},{w},{h}/{-(-w // s)},/0/default.jpg" for x, y, w, h, s in chosen]


def latencies(port: int, urls: list[str]) -> list[float]:
    """Each request's time to the last byte, in ms, over one kept-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times = []
    for url in urls:
        start = time.perf_counter()
        connection.request("GET", url)
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - start) * 1000)
        assert response.status == 200, (url, response.status)
    connection.close()
    return times


def percentiles(times: list[float]) -> str:
    cuts = statistics.quantiles(times, n=100)
    return f"p50 {statistics.median(times):.1f} ms, p95 {cuts[94]:.1f} ms, max {max(times):.1f} ms"


def bench_tiles(photo: Path, folder: Path, count: int) -> None:
    settings = Settings(
        database_url=f"sqlite:///{folder / 'museum.db'}", media_dir=folder / "media", index_dir=folder / "index"
    )
    upgrade(settings.database_url)
    sha256 = published_image(settings, photo)
    server, thread, port = serve(settings)
    try:
        info = latencies(port, [f"/iiif/3/{sha256}/info.json"])
        print(f"first info.json (builds the pyramid): {info[0]:.0f} ms")
        read = pyramid.read_info(pyramid.pyramid_dir(settings.media_dir, sha256))
        urls = tile_urls(sha256, read.width, read.height, count)
        print(f"{len(urls)} distinct 256-px tiles, scale factors 1-16, uncached: {percentiles(latencies(port, urls))}")
        print(f"the same tiles again, from the disk cache: {percentiles(latencies(port, urls))}")
    finally:
        server.should_exit = True
        thread.join(10)


def multipart(path: Path) -> tuple[bytes, str]:
    """A multipart/form-data body carrying one file, and its content type."""
    boundary = "museum-bench-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    return head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def bench_upload(photo: Path, folder: Path, runs: int) -> None:
    """Median time for the upload API to answer for a new 24 Mpx photo (the rest is left to the job)."""
    settings = Settings(
        database_url=f"sqlite:///{folder / 'upload.db'}",
        media_dir=folder / "upload-media",
        index_dir=folder / "upload-index",
        secret_key_file=folder / "secret_key",
        run_worker=False,
    )
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    with make_session_factory(engine)() as session:
        session.add(Item(identifier="BENCH-UP", kind="photograph", titles={"fr": "Banc"}, sort_title="banc"))
        curator = account_service.create(session, "bench", "curator", passwords.generate())
        token = api_tokens.create(session, curator, "bench").token
        session.commit()
    engine.dispose()
    variants = []
    with Image.open(photo) as image:
        for run in range(runs):  # distinct files, so that none is recognised as already stored
            image.putpixel((run, 0), (run * 40 % 256, 0, 0))
            variants.append(folder / f"upload-{run}.jpg")
            image.save(variants[-1], quality=90)
    server, thread, port = serve(settings)
    try:
        times = []
        for variant in variants:
            body, content_type = multipart(variant)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            start = time.perf_counter()
            connection.request(
                "POST",
                "/api/v1/items/BENCH-UP/media",
                body=body,
                headers={"Content-Type": content_type, "Authorization": f"Bearer {token}"},
            )
            response = connection.getresponse()
            response.read()
            times.append((time.perf_counter() - start) * 1000)
            assert response.status == 201, response.status
            connection.close()
        print(
            f"upload API answer, 24 Mpx JPEG ({photo.stat().st_size / 1e6:.1f} MB): "
            f"median {statistics.median(times):.0f} ms over {runs} uploads"
        )
    finally:
        server.should_exit = True
        thread.join(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (default 5)")
    parser.add_argument("--tiles", type=int, default=300, help="distinct tiles to request (default 300)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="museum-bench-media-") as folder:
        folder = Path(folder)
        photos = {}
        for name, (size, source) in PHOTOS.items():
            photos[name] = folder / f"{size[0]}x{size[1]}.jpg"
            print(f"{name} {size[0]}x{size[1]}: {make_photo(size, source, photos[name])}")
        bench_derivatives(photos, folder, options.runs)
        big = photos["24 Mpx camera JPEG"]
        bench_pyramid(big, folder, options.runs)
        bench_upload(big, folder, options.runs)
        bench_tiles(big, folder, options.tiles)


if __name__ == "__main__":
    main()
