"""A webhook receiver for trying claimwatch alerts locally (deploy/compose.yaml).

Verifies X-Claimwatch-Signature (HMAC-SHA256 over "{timestamp}.{body}"),
rejects stale timestamps and repeated alert ids, and prints each alert.
"""

import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

SECRET = os.environ.get("CLAIMWATCH_HOOK_SECRET", "").encode()
TOLERANCE = 300
seen = set()


def verify(ts: str, signature: str, body: bytes) -> bool:
    try:
        if abs(time.time() - int(ts)) > TOLERANCE:
            return False
    except ValueError:
        return False
    expected = hmac.new(SECRET, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return any(
        hmac.compare_digest(expected, s.strip()[3:])
        for s in signature.split(",")
        if s.strip().startswith("v1=")
    )


class Hook(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        ts = self.headers.get("X-Claimwatch-Timestamp", "")
        sig = self.headers.get("X-Claimwatch-Signature", "")
        alert = self.headers.get("X-Claimwatch-Alert-Id", "")
        if SECRET and not verify(ts, sig, body):
            self.send_response(401)
            self.end_headers()
            print(f"rejected {alert}: bad signature or stale timestamp", flush=True)
            return
        self.send_response(204)
        self.end_headers()
        if alert in seen:
            print(f"repeat {alert} ignored", flush=True)
            return
        seen.add(alert)
        event = json.loads(body)
        kind = self.headers.get("X-Claimwatch-Event", "?")
        claim = self.headers.get("X-Claimwatch-Claim-Id", "-")
        party = (event.get("claimant") or event.get("denier") or {}).get("name", "?")
        print(f"{kind} {alert} (claim {claim}): {party}: {event.get('content', '')}", flush=True)

    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok\n")

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    HTTPServer(("0.0.0.0", port), Hook).serve_forever()
