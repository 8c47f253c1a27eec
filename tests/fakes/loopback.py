"""The HTTP plumbing shared by the fake API servers: a threaded server on 127.0.0.1 that parses query, JSON,
form and multipart parameters and hands them to ``answer(path, headers, params) -> (status, json body)``."""

from __future__ import annotations

import json
import re
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def parse_params(path: str, content_type: str, raw: bytes) -> dict:
    params: dict = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query))
    if "json" in content_type and raw:
        params.update(json.loads(raw))
    elif "urlencoded" in content_type:
        params.update(urllib.parse.parse_qsl(raw.decode()))
    elif "multipart" in content_type:
        boundary = content_type.split("boundary=")[-1].strip('"').encode()
        for part in raw.split(b"--" + boundary):
            head, _, body = part.partition(b"\r\n\r\n")
            name = re.search(rb'name="([^"]+)"', head)
            if name:
                value = body[:-2] if body.endswith(b"\r\n") else body
                params[name.group(1).decode()] = value if b"filename=" in head else value.decode(errors="replace")
    return params


class LoopbackServer:
    def __init__(self):
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self):
                super().setup()
                # headers and body are written separately: without this, Nagle + delayed ACK add 40 ms a reply
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, *args):
                pass

            def do_GET(self):
                self.do_POST()

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                params = parse_params(self.path, self.headers.get("Content-Type", ""), raw)
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, body = server.answer(urllib.parse.urlsplit(self.path).path, headers, params)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up on a long poll while shutting down

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # a short poll interval: shutdown() waits for it (the default 0.5 s added half a second to every test)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def answer(self, path: str, headers: dict, params: dict) -> tuple[int, dict]:
        raise NotImplementedError
