"""The one HTTP server of the bot (Starlette on uvicorn): the routes the channels contribute, plus ``/healthz``.

Usage::

    app = web_app([route for channel in channels for route in channel.routes()])
    await serve(app, host, port, stop_event)

    data = await json_object(request, "telegram")        # in a webhook: a dict, or raises BadRequest
    # ... except BadRequest as bad: return bad.response

``/healthz`` answers from memory (it never touches the database), so it stays fast while the database is busy.
Bad requests get a 4xx and one short log line, never a traceback: a body that is not a JSON object, too large
(``MAX_BODY``), too slow (``BODY_TIMEOUT``), or cut off by the client. Open connections are bounded
(``MAX_CONNECTIONS``; more get 503) and idle keep-alive connections closed after ``KEEP_ALIVE`` seconds.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

log = logging.getLogger(__name__)
MAX_BODY = 1_000_000  # bytes; no chat platform sends an update anywhere near this
BODY_TIMEOUT = 5.0  # seconds to receive a whole request body
MAX_CONNECTIONS = 2048  # concurrent connections and requests; beyond, uvicorn answers 503
KEEP_ALIVE = 5  # seconds an idle keep-alive connection stays open


class BadRequest(Exception):
    """The request cannot be used; ``response`` is what to answer (already logged in one line)."""

    def __init__(self, status: int, reason: str, endpoint: str, request: Request):
        super().__init__(reason)
        client = request.client.host if request.client else "?"
        log.warning("%s: %s from %s (%d)", endpoint, reason, client, status)
        self.response = PlainTextResponse(reason, status_code=status)


class BodyTooLarge(Exception):
    """The request body is over the limit."""


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def web_app(routes: list[Route]) -> Starlette:
    return Starlette(routes=[Route("/healthz", healthz, methods=["GET"]), *routes])


async def _read(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def read_body(request: Request, endpoint: str, limit: int = MAX_BODY) -> bytes:
    """The request body, refusing (:class:`BadRequest`) one over ``limit`` bytes, slower than ``BODY_TIMEOUT``
    seconds, or cut off by the client."""
    try:
        async with asyncio.timeout(BODY_TIMEOUT):
            return await _read(request, limit)
    except BodyTooLarge:
        raise BadRequest(413, "too large", endpoint, request) from None
    except TimeoutError:
        raise BadRequest(408, "body too slow", endpoint, request) from None
    except ClientDisconnect:
        raise BadRequest(400, "client hung up mid-body", endpoint, request) from None


def parse_object(body: bytes, endpoint: str, request: Request) -> dict:
    """``body`` parsed as a JSON object (:class:`BadRequest` for anything else: bad UTF-8 or JSON, too deep,
    an array, a string, null)."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BadRequest(400, "not JSON", endpoint, request) from None
    if not isinstance(data, dict):
        raise BadRequest(400, "not a JSON object", endpoint, request)
    return data


async def json_object(request: Request, endpoint: str, limit: int = MAX_BODY) -> dict:
    """The request body as a JSON object, or :class:`BadRequest`."""
    return parse_object(await read_body(request, endpoint, limit), endpoint, request)


def secret_ok(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; with no secret configured every request is refused."""
    return bool(expected) and given is not None and hmac.compare_digest(expected.encode(), given.encode())


async def serve(app: Starlette, host: str, port: int, stop: asyncio.Event) -> None:
    """Run uvicorn until ``stop`` is set."""
    import uvicorn

    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off",
                            limit_concurrency=MAX_CONNECTIONS, timeout_keep_alive=KEEP_ALIVE)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    await stop.wait()
    server.should_exit = True
    await task
