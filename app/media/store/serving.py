"""Giving out a stored file, once the caller has checked who may have it: streamed, or a signed-URL redirect.

Streaming keeps today's answers (the same headers and HTTP ranges); from a folder it is Starlette's
FileResponse itself. `MUSEUM_MEDIA_SERVING=redirect` sends a bucket's files as a 307 to a URL signed
for a few minutes, so the bytes do not pass through the app; a folder store has no such URLs and streams.
"""

import mimetypes
import re
from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.responses import FileResponse, RedirectResponse, Response, StreamingResponse

from app.media.store import store_of
from app.media.store.base import Store
from app.media.store.local import LocalStore

RANGE = re.compile(r"bytes=(\d*)-(\d*)")


def respond(
    request: Request, key: str, headers: dict[str, str], media_type: str | None = None, *, filename: str = ""
) -> Response:
    """The file at `key` as the settings say (404 when the store has no such file); a `filename` makes it a
    download under that name, always streamed (a signed URL would not carry the name)."""
    settings = request.app.state.settings
    store, media_type = store_of(settings), media_type or mimetypes.guess_type(key)[0] or "application/octet-stream"
    if settings.media_serving == "redirect" and not filename:
        url = store.signed_url(key, settings.media_signed_url_seconds, media_type)
        if url is not None:
            if not store.exists(key):  # a derivative not made yet is our 404, not the bucket's
                raise HTTPException(404)
            # The signed URL must not outlive its check in any cache (a withdrawn item's file must stop).
            return RedirectResponse(url, status_code=307, headers={"Cache-Control": "private, no-store"})
    if isinstance(store, LocalStore):
        if not store.exists(key):
            raise HTTPException(404)
        disposition = "attachment" if filename else "inline"
        path = store.path(key)
        return FileResponse(
            path,
            media_type=media_type,
            headers=headers,
            filename=filename or None,
            content_disposition_type=disposition,
        )
    return streamed(request, store, key, media_type, headers | (attachment(filename) if filename else {}))


def attachment(filename: str) -> dict[str, str]:
    """The Content-Disposition of a download named `filename`, written as Starlette's FileResponse does."""
    quoted = quote(filename)
    value = f"attachment; filename*=utf-8''{quoted}" if quoted != filename else f'attachment; filename="{filename}"'
    return {"Content-Disposition": value}


def streamed(request: Request, store: Store, key: str, media_type: str, headers: dict[str, str]) -> Response:
    """The object read from the store as it goes out, whole (200) or one byte range (206)."""
    size = store.size(key)
    if size is None:
        raise HTTPException(404)
    try:
        wanted = byte_range(request.headers.get("range", ""), size)
    except Unsatisfiable:
        return Response(status_code=416, headers=headers | {"Content-Range": f"bytes */{size}"})
    start, end = wanted or (0, size - 1)
    headers = headers | {"Accept-Ranges": "bytes", "Content-Length": str(end - start + 1)}
    if wanted:
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    body = store.read(key, start, end) if size else iter(())
    return StreamingResponse(body, status_code=206 if wanted else 200, media_type=media_type, headers=headers)


class Unsatisfiable(ValueError):
    """A range that starts past the end of the file (a 416)."""


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single `Range: bytes=...`; None to send everything; Unsatisfiable for a 416.

    Several ranges at once are answered with the whole file, which RFC 9110 allows.
    """
    found = RANGE.fullmatch(header.strip())
    if found is None or (not found[1] and not found[2]):
        return None
    if not found[1]:
        start, end = max(size - int(found[2]), 0), size - 1
    else:
        start, end = int(found[1]), min(int(found[2]) if found[2] else size - 1, size - 1)
    if start > end or start >= size:
        raise Unsatisfiable(header)
    return start, end
