"""Choosing languages: any ISO language by its name in the window's language, and lists of
languages to tick (the common ones of the groups first, "Add language…" for the others)."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import _, current_language, language_name
from communitydesk.core.text import fold
from communitydesk.ui.dialogs.person_dialog import COMMON_LANGUAGES
from communitydesk.ui.dialogs.program_dialog import CheckList

_SEARCHED = Qt.ItemDataRole.UserRole + 1  # the names an entry is found by


@functools.lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    """Every language Babel can name: two- and three-letter ISO codes, no regional variants."""
    from babel import Locale

    return {
        str(code): str(name)
        for code, name in Locale.parse("en").languages.items()
        if isinstance(code, str) and code.isalpha() and code.islower() and len(code) <= 3
    }


def all_languages() -> list[tuple[str, str, str]]:
    """(code, name in the window's language, English name) of every ISO language, sorted by
    the name shown; the English name stands in where the window's language has none."""
    found = []
    for code, english in _english_names().items():
        name = language_name(code)
        found.append((code, english if name == code else name, english))
    return sorted(found, key=lambda entry: fold(entry[1]))


@functools.lru_cache(maxsize=256)
def writes_right_to_left(code: str) -> bool:
    """Whether text in this language runs right to left (Arabic, Persian, Urdu, Hebrew…)."""
    from babel import Locale, UnknownLocaleError

    try:
        return bool(Locale.parse(code).character_order == "right-to-left")
    except (ValueError, UnknownLocaleError):
        return False


class LanguageChoiceDialog(QDialog):
    """Find a language by typing part of its name; `chosen` is its code once accepted."""

    def __init__(self, exclude: Iterable[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add a language"))
        self.resize(360, 440)
        self.chosen = ""
        left_out = set(exclude)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type part of the language's name"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        for code, name, english in all_languages():
            if code not in left_out:
                item = QListWidgetItem(name)
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setData(_SEARCHED, fold(f"{name} {english}"))
                self.list.addItem(item)
        self.search.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        wanted = fold(text)
        first: QListWidgetItem | None = None  # a name starting with the text wins
        first_starts = False
        for row in range(self.list.count()):
            item = self.list.item(row)
            code = str(item.data(Qt.ItemDataRole.UserRole))
            name = fold(item.text())
            shown = not wanted or wanted in str(item.data(_SEARCHED)) or wanted == code
            item.setHidden(not shown)
            if shown and (first is None or (name.startswith(wanted) and not first_starts)):
                first_starts = name.startswith(wanted)
                first = item
        if first is None:
            self.list.setCurrentRow(-1)
        else:
            self.list.setCurrentItem(first)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        self.chosen = str(item.data(Qt.ItemDataRole.UserRole))
        super().accept()


def choose_language(parent: QWidget, exclude: Iterable[str] = ()) -> str:
    """Ask for one more language; "" when the user cancels."""
    dialog = LanguageChoiceDialog(exclude, parent)
    return dialog.chosen if dialog.exec() else ""


def offered_languages(kept: Iterable[str]) -> list[str]:
    """The window's language, the groups' common languages, then any other already chosen."""
    codes = [current_language().code, *COMMON_LANGUAGES, *kept]
    return list(dict.fromkeys(code for code in codes if code and code != "xx"))


class LanguageChecks(QWidget):
    """Languages to tick, with "Add language…" for one not in the list."""

    def __init__(self, checked: Iterable[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ticked = tuple(checked)
        self.list = CheckList(
            [(code, language_name(code)) for code in offered_languages(ticked)], ticked
        )
        self.add_button = QPushButton(_("Add language…"))
        self.add_button.clicked.connect(self.add_language)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeading)
        self.setFocusProxy(self.list)

    def codes(self) -> list[str]:
        return [
            str(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.list.count())
        ]

    def add(self, code: str) -> None:
        """Offer `code` (if it is not there yet) and tick it."""
        if code not in self.codes():
            item = QListWidgetItem(language_name(code))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            self.list.addItem(item)
        self.list.set_checked(code)
        self.list.scrollToItem(self.list.item(self.codes().index(code)))

    def add_language(self) -> None:
        code = choose_language(self, self.codes())
        if code:
            self.add(code)

    def checked(self) -> tuple[str, ...]:
        return self.list.checked()
