"""The one HTTP server of the bot (Starlette on uvicorn): webhook routes of the channels plus ``/healthz``.

Usage::

    app = web_app(routes=[telegram_webhook_route(application, secret)])
    await serve(app, host, port, stop_event)
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

log = logging.getLogger(__name__)


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def web_app(routes: list[Route]) -> Starlette:
    return Starlette(routes=[Route("/healthz", healthz, methods=["GET"]), *routes])


MAX_BODY = 1_000_000  # bytes; no chat platform sends an update anywhere near this


class BodyTooLarge(Exception):
    """The request body is over ``MAX_BODY``."""


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request body, refusing more than ``limit`` bytes without reading it all into memory."""
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


async def read_json(request: Request, limit: int = MAX_BODY):
    """Parsed JSON body; ValueError when it is not JSON, BodyTooLarge when it is too big."""
    return json.loads(await read_body(request, limit))


async def json_body(request: Request) -> tuple[object, Response | None]:
    """(parsed JSON body, None), or (None, the 413/400 response to send)."""
    try:
        return await read_json(request), None
    except BodyTooLarge:
        return None, PlainTextResponse("too large", status_code=413)
    except (ValueError, UnicodeDecodeError):
        return None, PlainTextResponse("bad request", status_code=400)


def secret_ok(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; with no secret configured every request is refused."""
    return bool(expected) and given is not None and hmac.compare_digest(expected.encode(), given.encode())


def telegram_webhook_route(path: str, application, secret: str | None) -> Route:
    """POST route feeding verified Telegram updates into python-telegram-bot's update queue."""
    from telegram import Update

    async def receive(request: Request) -> Response:
        if not secret_ok(secret, request.headers.get("X-Telegram-Bot-Api-Secret-Token")):
            log.warning("telegram webhook: wrong or missing secret token from %s", request.client)
            return PlainTextResponse("forbidden", status_code=403)
        data, problem = await json_body(request)
        if problem:
            return problem
        await application.update_queue.put(Update.de_json(data, application.bot))
        return Response(status_code=200)

    return Route(path, receive, methods=["POST"])


async def serve(app: Starlette, host: str, port: int, stop: asyncio.Event) -> None:
    """Run uvicorn until ``stop`` is set."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve())
    await stop.wait()
    server.should_exit = True
    await task
