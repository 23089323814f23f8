"""ClamAV through clamd's INSTREAM command (no client library: the protocol is a few
lines). Configured by CLAMD_SOCKET (a Unix socket) or CLAMD_HOST / CLAMD_PORT;
unconfigured, nothing is scanned and files are marked "non analysé"."""

import socket
import struct
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

CHUNK = 64 * 1024
TIMEOUT_SECONDS = 60


class ScannerUnavailable(Exception):
    """clamd could not be reached or answered something unexpected."""


@dataclass(frozen=True)
class Verdict:
    infected: bool
    signature: str = ""


def configured() -> bool:
    return bool(settings.CLAMD_SOCKET or settings.CLAMD_HOST)


def _connect() -> socket.socket:
    try:
        if settings.CLAMD_SOCKET:
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                connection.settimeout(TIMEOUT_SECONDS)
                connection.connect(settings.CLAMD_SOCKET)
            except OSError:
                connection.close()
                raise
            return connection
        return socket.create_connection(
            (settings.CLAMD_HOST, settings.CLAMD_PORT), timeout=TIMEOUT_SECONDS
        )
    except OSError as error:
        raise ScannerUnavailable(f"clamd injoignable : {error}") from error


def parse_reply(reply: str) -> Verdict:
    """`stream: OK`, `stream: Eicar-Signature FOUND`, or an error."""
    reply = reply.strip().rstrip("\0")
    if reply.endswith(" OK"):
        return Verdict(infected=False)
    if reply.endswith(" FOUND"):
        signature = reply.removesuffix(" FOUND").partition(": ")[2]
        return Verdict(infected=True, signature=signature)
    raise ScannerUnavailable(f"réponse inattendue de clamd : {reply[:200]}")


def scan(chunks: Iterable[bytes]) -> Verdict:
    """Stream the bytes to clamd and read its verdict."""
    with _connect() as connection:
        try:
            connection.sendall(b"zINSTREAM\0")
            for chunk in chunks:
                for start in range(0, len(chunk), CHUNK):
                    part = chunk[start : start + CHUNK]
                    connection.sendall(struct.pack("!L", len(part)) + part)
            connection.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                data = connection.recv(4096)
                if not data:
                    break
                reply += data
        except OSError as error:
            raise ScannerUnavailable(f"clamd injoignable : {error}") from error
    return parse_reply(reply.decode("utf-8", "replace"))


def ping() -> bool:
    try:
        with _connect() as connection:
            connection.sendall(b"zPING\0")
            return connection.recv(16).startswith(b"PONG")
    except (OSError, ScannerUnavailable):
        return False
