"""A real SMTP server on a local port that keeps what it receives, for tests of the mails the app sends
(no TLS, every message kept whole)."""

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 fake\r\n")
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                self.server.messages.append(b"".join(iter(self.rfile.readline, b".\r\n")))  # type: ignore[attr-defined]
                self.wfile.write(b"250 ok\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


class Mailbox:
    def __init__(self, server) -> None:
        self._server = server
        self.port = server.server_address[1]

    @property
    def messages(self) -> list[Message]:
        return [message_from_bytes(raw) for raw in self._server.messages]


def body(message: Message) -> str:
    return message.get_payload(decode=True).decode()


@contextmanager
def mailbox() -> Iterator[Mailbox]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
    server.messages = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Mailbox(server)
    finally:
        server.shutdown()
        server.server_close()
