"""A second start on the same data folder brings the open window forward instead of opening a
second one: the folder's lock says it is taken, a local socket asks the first window to show."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

CONNECT_MS = 500


def channel_name(data_folder: Path) -> str:
    digest = hashlib.sha256(str(data_folder.resolve()).encode()).hexdigest()[:16]
    return f"communitydesk-{digest}"


def ask_running_window_to_show(data_folder: Path) -> bool:
    """True if a window already open on this folder heard us (it then comes to the front)."""
    socket = QLocalSocket()
    socket.connectToServer(channel_name(data_folder))
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(b"show\n")
    socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    return True


class ShowRequests(QObject):
    """Listens for later starts on the same folder and brings `window` to the front."""

    def __init__(self, data_folder: Path, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.server = QLocalServer(self)
        name = channel_name(data_folder)
        QLocalServer.removeServer(name)  # a name left by a crashed run; our lock is held
        self.server.listen(name)
        self.server.newConnection.connect(self._show)

    def _show(self) -> None:
        while (connection := self.server.nextPendingConnection()) is not None:
            connection.disconnectFromServer()
            connection.deleteLater()
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()
