"""Income and expense categories: a tree named in each of the group's languages; add, rename,
move, retire (with undo) and restore."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import LANGUAGES, _, current_language, language_name
from communitydesk.services.categories import DEEPEST, CategoryRecord, CategoryService
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import BackgroundChanges
from communitydesk.ui.widgets.fields import FieldWithError
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.saving_dialog import SavingDialog

UID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
RETIRED = QColor("#5f6368")
KINDS = ("income", "expense")  # the two groups of the tree, in the order the books print them


def kind_title(kind: str) -> str:
    return _("Income") if kind == "income" else _("Expenses")


def shipped_languages() -> list[str]:
    """The languages the app ships in, the window's own first."""
    first = current_language().code
    return sorted(LANGUAGES, key=lambda code: (code != first, list(LANGUAGES).index(code)))


def _subtree_height(records: tuple[CategoryRecord, ...], uid: str) -> int:
    """How many levels sit below `uid` (0 for a category without children)."""
    children = [r for r in records if r.parent_uid == uid]
    return 1 + max((_subtree_height(records, c.uid) for c in children), default=-1)


def _below(records: tuple[CategoryRecord, ...], uid: str) -> set[str]:
    """`uid` and every category under it."""
    found = {uid}
    for record in records:  # tree order: a parent always comes before its children
        if record.parent_uid in found:
            found.add(record.uid)
    return found


def parent_choices(
    records: tuple[CategoryRecord, ...], kind: str, moving: str = ""
) -> list[tuple[str, str]]:
    """(uid, label) of where a category of `kind` may go: the top, or under a live category
    shallow enough to hold it (never under itself or one of its own)."""
    height = _subtree_height(records, moving) if moving else 0
    excluded = _below(records, moving) if moving else set()
    choices = [("", _("At the top of {kind}").format(kind=kind_title(kind)))]
    for record in records:
        if record.kind != kind or record.retired or record.uid in excluded:
            continue
        if record.depth + 1 + height < DEEPEST:
            choices.append((record.uid, "    " * (record.depth + 1) + record.name))
    return choices


class CategoryDialog(SavingDialog):
    """A new category's names and place, or an existing one's names; `saved` holds the result."""

    def __init__(
        self,
        categories: CategoryService,
        tasks: TaskRunner,
        records: tuple[CategoryRecord, ...],
        category: CategoryRecord | None = None,
        kind: str = "expense",
        parent_uid: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._categories = categories
        self._category = category
        self.saved: CategoryRecord | None = None
        self.setWindowTitle(
            _("Rename {name}").format(name=category.name) if category else _("New category")
        )
        self.setMinimumWidth(520)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.place: QComboBox | None = None
        if category is None:
            self.place = QComboBox()
            for each in KINDS:
                for uid, label in parent_choices(records, each):
                    self.place.addItem(label, f"{each}:{uid}")
            self.place.setCurrentIndex(max(0, self.place.findData(f"{kind}:{parent_uid}")))
            self.fields["parent"] = FieldWithError(self.place)
            form.addRow(_("Where"), self.fields["parent"])
        labels = dict(category.labels) if category else {}
        self.names: dict[str, QLineEdit] = {}
        for code in shipped_languages():
            edit = QLineEdit(labels.get(code, ""))
            # Each name is typed in its own language's direction, whatever the window's.
            edit.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft
                if LANGUAGES[code].right_to_left
                else Qt.LayoutDirection.LeftToRight
            )
            self.names[code] = edit
            if not self.fields.get("name"):
                self.fields["name"] = FieldWithError(edit)
                form.addRow(language_name(code), self.fields["name"])
            else:
                form.addRow(language_name(code), edit)
        hint = QLabel(
            _("Fill in at least one name; an empty one shows the English name, or the first given.")
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.names[shipped_languages()[0]].setFocus()

    def labels(self) -> dict[str, str]:
        return {code: edit.text() for code, edit in self.names.items()}

    def save_step(self) -> Callable[[], CategoryRecord]:
        labels, categories = self.labels(), self._categories
        if self._category is not None:
            uid = self._category.uid
            return lambda: categories.rename(uid, labels)
        assert self.place is not None
        kind, _colon, parent_uid = str(self.place.currentData()).partition(":")
        return lambda: categories.create(kind, labels, parent_uid)

    def saved_result(self, result: Any) -> None:
        assert isinstance(result, CategoryRecord)
        self.saved = result


class MoveDialog(QDialog):
    """Where to put a category: the top of its kind, or under another."""

    def __init__(
        self,
        records: tuple[CategoryRecord, ...],
        category: CategoryRecord,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Move {name}").format(name=category.name))
        self.setMinimumWidth(480)
        self.place = QComboBox()
        for uid, label in parent_choices(records, category.kind, category.uid):
            self.place.addItem(label, uid)
        self.place.setCurrentIndex(max(0, self.place.findData(category.parent_uid)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Put it"), self.place)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def parent_uid(self) -> str:
        return str(self.place.currentData() or "")


class CategoriesPanel(QWidget):
    def __init__(
        self, categories: CategoryService, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._categories = categories
        self._tasks = tasks
        self._pending: Task | None = None
        self._defaults_checked = False
        self._shown_before = False
        self._records: tuple[CategoryRecord, ...] = ()
        self._to_select = ""

        self.intro = QLabel(
            _(
                "What money comes in for and goes out on. A category used by entries is retired, "
                "never erased: past reports still name it."
            )
        )
        self.intro.setWordWrap(True)
        self.show_retired = QCheckBox(_("Show retired categories"))
        self.show_retired.toggled.connect(lambda _checked: self.refresh())
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda _item, _column: self.rename_selected())

        self.add_button = QPushButton(_("Add…"))
        self.add_button.setToolTip(_("A new category under the one chosen, or at the top"))
        self.add_button.clicked.connect(self.add)
        self.rename_button = QPushButton(_("Rename…"))
        self.rename_button.clicked.connect(self.rename_selected)
        self.move_button = QPushButton(_("Move…"))
        self.move_button.clicked.connect(self.move_selected)
        self.retire_button = QPushButton(_("Retire"))
        self.retire_button.setToolTip(
            _("Not offered for new entries any more; past entries keep it. Undo brings it back")
        )
        self.retire_button.clicked.connect(self.retire_selected)
        self.restore_button = QPushButton(_("Restore"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.changes = BackgroundChanges(self, after=self.refresh)
        self.undo_stack, self.undo_button = self.changes.stack, self.changes.button

        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.show_retired)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.rename_button,
            self.move_button,
            self.retire_button,
            self.restore_button,
            self.undo_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        self._update_buttons()
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._pending is not None or self.changes.busy

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._shown_before and not event.spontaneous():
            self.refresh()
        self._shown_before = True

    # --- reading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        categories, retired = self._categories, self.show_retired.isChecked()
        seed = not self._defaults_checked

        def load(_task: Task) -> tuple[CategoryRecord, ...]:
            if seed:
                # Data folders from before the books have no categories: start them off.
                categories.ensure_defaults()
            return categories.tree(include_retired=retired)

        self._pending = self._tasks.run(load, self._show, self._failed)

    def _failed(self, error: BaseException) -> None:
        self._pending = None
        report_problem(self, error)

    def _show(self, records: tuple[CategoryRecord, ...]) -> None:
        self._pending = None
        self._defaults_checked = True
        current = self.selected()
        chosen = self._to_select or (current.uid if current else "")
        if not chosen and (item := self.tree.currentItem()) is not None:
            chosen = str(item.data(0, KIND_ROLE))  # a group heading
        self._to_select = ""
        self._records = records
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for kind in KINDS:
            group = QTreeWidgetItem([kind_title(kind)])
            group.setData(0, UID_ROLE, "")
            group.setData(0, KIND_ROLE, kind)
            font = QFont(group.font(0))
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            groups[kind] = group
        items: dict[str, QTreeWidgetItem] = {}
        for record in records:
            above = items.get(record.parent_uid) or groups[record.kind]
            text = _("{name} (retired)").format(name=record.name) if record.retired else record.name
            item = QTreeWidgetItem(above, [text])
            item.setData(0, UID_ROLE, record.uid)
            item.setData(0, KIND_ROLE, record.kind)
            if record.retired:
                item.setForeground(0, QBrush(RETIRED))
                font = QFont(item.font(0))
                font.setItalic(True)
                item.setFont(0, font)
            items[record.uid] = item
        self.tree.expandAll()
        target = items.get(chosen) or groups.get(chosen)
        if target is not None:
            self.tree.setCurrentItem(target)
            self.tree.scrollToItem(target)
        self._update_buttons()

    def selected(self) -> CategoryRecord | None:
        item = self.tree.currentItem()
        if item is None or not item.isSelected():
            return None
        uid = str(item.data(0, UID_ROLE) or "")
        return next((r for r in self._records if r.uid == uid), None)

    def selected_kind(self) -> str:
        item = self.tree.currentItem()
        return str(item.data(0, KIND_ROLE)) if item is not None else "expense"

    def _update_buttons(self) -> None:
        chosen = self.selected()
        live = chosen is not None and not chosen.retired
        self.rename_button.setEnabled(live)
        self.move_button.setEnabled(live)
        self.retire_button.setEnabled(live)
        self.restore_button.setVisible(self.show_retired.isChecked())
        self.restore_button.setEnabled(chosen is not None and chosen.retired)

    # --- changes -------------------------------------------------------------------------------

    def add(self) -> None:
        chosen = self.selected()
        kind = chosen.kind if chosen else self.selected_kind()
        parent_uid = chosen.uid if chosen and not chosen.retired else ""
        if chosen is not None and parent_uid:
            # Too deep for children: offer the same level instead.
            offered = {uid for uid, _label in parent_choices(self._records, kind)}
            if parent_uid not in offered:
                parent_uid = chosen.parent_uid
        dialog = CategoryDialog(
            self._categories,
            self._tasks,
            self._records,
            kind=kind,
            parent_uid=parent_uid,
            parent=self,
        )
        if not dialog.exec() or dialog.saved is None:
            return
        saved, categories = dialog.saved, self._categories
        uid = saved.uid
        self._to_select = uid
        self.changes.push(
            _("add {name}").format(name=saved.name),
            redo=lambda: categories.restore(uid),
            undo=lambda: categories.retire(uid),
        )

    def rename_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.retired:
            return
        dialog = CategoryDialog(self._categories, self._tasks, self._records, chosen, parent=self)
        if not dialog.exec() or dialog.saved is None:
            return
        before: Mapping[str, str] = dict(chosen.labels)
        after: Mapping[str, str] = dict(dialog.saved.labels)
        if before == after:
            return
        uid, categories = chosen.uid, self._categories
        self._to_select = uid
        self.changes.push(
            _("rename {name}").format(name=chosen.name),
            redo=lambda: categories.rename(uid, after),
            undo=lambda: categories.rename(uid, before),
        )

    def move_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.retired:
            return
        dialog = MoveDialog(self._records, chosen, parent=self)
        if not dialog.exec():
            return
        uid, before, after = chosen.uid, chosen.parent_uid, dialog.parent_uid()
        if before == after:
            return
        categories = self._categories
        self._to_select = uid
        self.changes.push(
            _("move {name}").format(name=chosen.name),
            redo=lambda: categories.move(uid, after),
            undo=lambda: categories.move(uid, before),
        )

    def retire_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.retired:
            return
        uid, categories = chosen.uid, self._categories
        self.changes.attempt(
            _("retire {name}").format(name=chosen.name),
            do=lambda: categories.retire(uid),
            undo=lambda: categories.restore(uid),
        )

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or not chosen.retired:
            return
        uid, categories = chosen.uid, self._categories
        self._to_select = uid
        self.changes.push(
            _("restore {name}").format(name=chosen.name),
            redo=lambda: categories.restore(uid),
            undo=lambda: categories.retire(uid),
        )
