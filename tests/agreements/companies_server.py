"""A local HTTP server (http.server in a thread) that replays responses in the
companies search API's shape (fixtures/companies/), and plays it down, slow,
failing once, refusing, or answering garbage: `serve` sets
COMPANIES_API_URL to it; set its `scenario` to change how it answers."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

FIXTURES = Path(__file__).parent / "fixtures" / "companies"


class Replay(BaseHTTPRequestHandler):
    """Answers /search from the fixture the server's `scenario` names."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        server = self.server
        server.requests.append(self.path)
        scenario = server.scenario
        if scenario == "fail_once" and len(server.requests) == 1:
            return self._send(503, b"busy")
        if scenario == "down":
            return self._send(502, b"<html>Bad gateway</html>")
        if scenario == "slow":
            time.sleep(0.5)
        if scenario == "garbage":
            return self._send(200, b"<html>pas du JSON</html>")
        if scenario == "wrong_shape":
            return self._send(200, json.dumps({"results": [{"siren": 1}]}).encode())
        if scenario == "bad_idcc":
            body = json.loads((FIXTURES / "name.json").read_text())
            body["results"][0]["complements"]["liste_idcc"] = ["<b>"]
            return self._send(200, json.dumps(body).encode())
        if scenario == "refused":
            return self._send(400, b'{"erreur": "q"}')
        query = parse_qs(urlparse(self.path).query)["q"][0]
        # "others": a number answered with other companies (a full-text match)
        fixture = "siret.json" if query.isdigit() and scenario != "others" else "name.json"
        return self._send(200, (FIXTURES / fixture).read_bytes())

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass

    def log_message(self, *args):
        pass


def serve(settings):
    """Start the server, point COMPANIES_API_URL at it, yield it, stop it (the body of
    the `companies_api` fixtures)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Replay)
    server.daemon_threads = True
    server.scenario, server.requests = "ok", []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.COMPANIES_API_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.COMPANIES_API_TIMEOUT = 0.2
    yield server
    server.shutdown()
    server.server_close()
