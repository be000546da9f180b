"""A TCP proxy that cuts connections: forwards client -> server bytes and, when the total it has
forwarded passes each of `cut_after` (bytes), closes that connection on both sides at once, in the
middle of whatever request was going through (a request body, for an upload)."""

from __future__ import annotations

import contextlib
import socket
import threading


class CuttingProxy:
    def __init__(self, target_port: int, cut_after: list[int]) -> None:
        self.target_port = target_port
        self.cuts = sorted(cut_after)
        self.forwarded = 0
        self.cut = 0  # connections cut so far
        self.lock = threading.Lock()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, upload: bool) -> None:
        try:
            while data := source.recv(16384):
                if upload:
                    with self.lock:
                        self.forwarded += len(data)
                        due = self.cut < len(self.cuts) and self.forwarded >= self.cuts[self.cut]
                        if due:
                            self.cut += 1
                    if due:
                        sink.sendall(data[: len(data) // 2])  # half a buffer: the cut is mid-chunk
                        raise ConnectionAbortedError
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def close(self) -> None:
        self.stopped.set()
        self.server.close()
