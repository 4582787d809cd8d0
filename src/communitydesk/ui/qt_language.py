"""Apply a language to Qt: our catalogs, Qt's own translations, layout direction, fonts."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from communitydesk.core.i18n import Language, set_language
from communitydesk.core.paths import resource_dir

log = logging.getLogger(__name__)
_installed: list[QTranslator] = []
UI_FONT_FAMILIES = ["Noto Sans", "Noto Sans Arabic"]


def load_bundled_fonts() -> None:
    """Fonts shipped with the app, so Arabic and accented names never show as empty boxes."""
    for font_file in sorted((resource_dir() / "fonts").glob("*.ttf")):
        if QFontDatabase.addApplicationFont(str(font_file)) < 0:
            log.warning("Could not load font %s", font_file)
    font = QFont(QApplication.font())
    font.setFamilies(UI_FONT_FAMILIES)
    QApplication.setFont(font)


def apply_language(app: QApplication, code: str) -> Language:
    language = set_language(code)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language.code not in ("en", "xx"):
        translator = QTranslator(app)
        if translator.load(f"qtbase_{language.code}", qt_dir):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("Qt's own %s translation was not found in %s", language.code, qt_dir)
    QLocale.setDefault(QLocale(language.babel_locale))
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if language.right_to_left else Qt.LayoutDirection.LeftToRight
    )
    return language
