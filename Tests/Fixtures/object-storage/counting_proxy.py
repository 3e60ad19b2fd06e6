#!/usr/bin/env python3
"""A counting HTTP proxy for Verdant's object-storage tests (standard library only).

It forwards every request to an upstream server on loopback (the S3 API server), and counts requests and
response body bytes per path. Paths under /__proxy__/ control it instead of being forwarded:

  GET  /__proxy__/stats                      {"requests": N, "bytes": N, "paths": {path: {"requests", "bytes", "log"}}}
                                             (log: "METHOD RANGE BYTES" per request)
  POST /__proxy__/reset                      zeroes the counters
  POST /__proxy__/fail?status=503&count=K    answers the next K forwarded requests with that status (an S3 error
                                             body: SlowDown for 503, AccessDenied for 403)
  POST /__proxy__/drop?count=K               closes the connection of the next K forwarded requests unanswered

Usage: counting_proxy.py LISTEN_PORT UPSTREAM_PORT   (both on 127.0.0.1; it prints "ready" once listening)
"""
import http.client
import http.server
import json
import socket
import sys
import threading
import urllib.parse

LOCK = threading.Lock()
STATE = {"requests": 0, "bytes": 0, "paths": {}, "fail": [], "drop": 0}
UPSTREAM = ("127.0.0.1", 0)
CODES = {403: "AccessDenied", 404: "NoSuchKey", 500: "InternalError", 503: "SlowDown"}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _control(self):
        url = urllib.parse.urlparse(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        action = url.path[len("/__proxy__/"):]
        with LOCK:
            if action == "stats":
                body = json.dumps({k: STATE[k] for k in ("requests", "bytes", "paths")}).encode()
            elif action == "reset":
                STATE.update(requests=0, bytes=0, paths={})
                body = b"{}"
            elif action == "fail":
                STATE["fail"] = [int(query.get("status", "503"))] * int(query.get("count", "1"))
                body = b"{}"
            elif action == "drop":
                STATE["drop"] = int(query.get("count", "1"))
                body = b"{}"
            else:
                self.send_error(404)
                return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _count(self, nbytes):
        path = urllib.parse.urlparse(self.path).path
        with LOCK:
            STATE["requests"] += 1
            STATE["bytes"] += nbytes
            entry = STATE["paths"].setdefault(path, {"requests": 0, "bytes": 0, "log": []})
            entry["requests"] += 1
            entry["bytes"] += nbytes
            entry["log"].append("%s %s %d" % (self.command, self.headers.get("Range", "-"), nbytes))

    def _read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length", "0") or "0")
        return self.rfile.read(length) if length else b""

    def _forward(self):
        if self.path.startswith("/__proxy__/"):
            self._control()
            return
        body = self._read_body()
        with LOCK:
            status = STATE["fail"].pop(0) if STATE["fail"] else None
            drop = STATE["drop"] > 0
            if drop:
                STATE["drop"] -= 1
        if drop:
            self._count(0)
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if status is not None:
            code = CODES.get(status, "Error")
            payload = (
                '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>%s</Code><Message>injected by the test proxy'
                "</Message></Error>" % code
            ).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
                self._count(len(payload))
            else:
                self._count(0)
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("transfer-encoding", "connection")}
        headers["Content-Length"] = str(len(body))
        upstream = http.client.HTTPConnection(*UPSTREAM, timeout=60)
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            response = upstream.getresponse()
            data = response.read()
        finally:
            upstream.close()
        self.send_response(response.status, response.reason)
        for key, value in response.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length", "server", "date"):
                self.send_header(key, value)
        length = response.getheader("Content-Length")
        self.send_header("Content-Length", length if self.command == "HEAD" and length else str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        self._count(0 if self.command == "HEAD" else len(data))

    do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = _forward


def main():
    global UPSTREAM
    listen, upstream = int(sys.argv[1]), int(sys.argv[2])
    UPSTREAM = ("127.0.0.1", upstream)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", listen), Handler)
    server.daemon_threads = True
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
