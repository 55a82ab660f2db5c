"""A TCP proxy on loopback that passes, refuses or hangs, for fault tests.

Put it between the application and the machine's own PostgreSQL or Redis, then switch it:
``pass`` forwards both ways; ``refuse`` closes every new connection at once (a server that is
down); ``hang`` accepts new connections and stops forwarding on every connection, old and
new, without closing anything (a server that hangs). The real servers are never touched.
"""

import contextlib
import socket
import threading


class FaultProxy:
    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1"):
        self.upstream = (upstream_host, upstream_port)
        self.mode = "pass"
        self.accepted = 0  # connections accepted since start (or since reset_counts)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._sockets = []
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self.accepted += 1
                self._sockets.append(client)
            if self.mode == "refuse":
                client.close()
                continue
            if self.mode == "hang":
                continue  # accepted, never answered
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self._lock:
                self._sockets.append(server)
            threading.Thread(target=self._pipe, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client), daemon=True).start()

    def _pipe(self, source, target):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if self.mode == "hang":
                    continue  # swallowed: the other side waits for ever
                target.sendall(data)
        except OSError:
            pass
        finally:
            if self.mode != "hang":
                for sock in (source, target):
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)

    def close(self):
        self._closed = True
        self._listener.close()
        with self._lock:
            for sock in self._sockets:
                # shutdown first: close() alone does not end a connection that another
                # thread is blocked reading, and the real server would keep its session.
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
