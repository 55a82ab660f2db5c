"""A fake Telegram Bot API on loopback: records every request and answers as a test says.

Each answer is taken from ``answers`` in turn (then the default: ok, with the next message id):
``FakeBotApi.ok()``, ``.too_many(retry_after)``, ``.server_error()``, ``.bad_request(description)``.
"""

import email.parser
import email.policy
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class RecordedRequest:
    path: str
    method: str  # the Bot API method: sendMessage, sendPhoto
    fields: dict  # JSON body, or the text parts of a multipart body
    files: dict = field(default_factory=dict)  # name -> bytes


def _parse(content_type: str, body: bytes) -> tuple[dict, dict]:
    if content_type.startswith("application/json"):
        return json.loads(body), {}
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    fields, files = {}, {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if part.get_filename():
            files[name] = part.get_payload(decode=True)
        else:
            fields[name] = part.get_payload(decode=True).decode()
    return fields, files


class FakeBotApi:
    def __init__(self):
        self.requests: list[RecordedRequest] = []
        self.answers: list[tuple[int, dict]] = []
        self.next_message_id = 100
        self.lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                fields, files = _parse(self.headers.get("Content-Type", ""), body)
                with api.lock:
                    api.requests.append(
                        RecordedRequest(self.path, self.path.rsplit("/", 1)[-1], fields, files)
                    )
                    status, answer = api.answers.pop(0) if api.answers else api.ok()
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):  # the default writes every request (with the token) to stderr
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        # A short poll: stopping waits for the loop to look (0.5 s by default, at every test).
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def ok(self):
        self.next_message_id += 1
        return 200, {"ok": True, "result": {"message_id": self.next_message_id, "chat": {"type": "channel"}}}

    @staticmethod
    def too_many(retry_after):
        return 429, {
            "ok": False,
            "error_code": 429,
            "description": f"Too Many Requests: retry after {retry_after}",
            "parameters": {"retry_after": retry_after},
        }

    @staticmethod
    def server_error():
        return 500, {"ok": False, "error_code": 500, "description": "Internal Server Error"}

    @staticmethod
    def bad_request(description="Bad Request: chat not found"):
        return 400, {"ok": False, "error_code": 400, "description": description}

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
