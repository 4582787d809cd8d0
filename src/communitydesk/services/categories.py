"""Income and expense categories: a tree the group names in each of its languages.

A category is retired (sent to the Trash), never erased while entries use it: past reports still
name it. Pickers offer live categories only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _, current_language
from communitydesk.db.session import Database
from communitydesk.models import BudgetLine, MoneyCategory, TransactionSplit
from communitydesk.models.base import utc_now
from communitydesk.models.money import CATEGORY_KINDS
from communitydesk.services.money_defaults import seed_default_categories
from communitydesk.services.records import by_uid

DEEPEST = 3  # a heading, a sub-heading and one more level is all a small group's books need


def label_in(labels: Mapping[str, str], language: str | None = None) -> str:
    """A category's name in `language` (the window's by default), else in English, else any."""
    code = language or current_language().code
    return labels.get(code) or labels.get("en") or next(iter(labels.values()), "")


@dataclass(frozen=True)
class CategoryRecord:
    uid: str
    code: str
    kind: str
    parent_uid: str
    name: str
    labels: tuple[tuple[str, str], ...]  # (language, name), for editing
    depth: int
    retired: bool = False

    @property
    def indented_name(self) -> str:
        return "    " * self.depth + self.name


def _clean_labels(labels: Mapping[str, str]) -> dict[str, str]:
    cleaned = {code: " ".join(text.split()) for code, text in labels.items()}
    cleaned = {code: text for code, text in cleaned.items() if text}
    if not cleaned:
        raise ValidationError("name", _("Give the category a name."))
    if any(len(text) > 120 for text in cleaned.values()):
        raise ValidationError("name", _("Keep this under {count} characters.").format(count=120))
    return cleaned


def _depth(session: Session, row: MoneyCategory | None) -> int:
    depth = 0
    while row is not None and row.parent_id is not None:
        row = session.get(MoneyCategory, row.parent_id)
        depth += 1
    return depth


class CategoryService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def ensure_defaults(self) -> int:
        """The default categories for books that have none yet (upgraded data); how many."""
        with self._db.unit_of_work() as session:
            return seed_default_categories(session)

    def tree(
        self, kind: str | None = None, include_retired: bool = False
    ) -> tuple[CategoryRecord, ...]:
        """Categories in tree order (each after its parent), income before expense."""
        with self._db.reading() as session:
            query = select(MoneyCategory)
            if kind is not None:
                query = query.where(MoneyCategory.kind == kind)
            rows = session.scalars(query).all()
        by_parent: dict[int | None, list[MoneyCategory]] = {}
        for row in rows:
            by_parent.setdefault(row.parent_id, []).append(row)
        uid_of = {row.id: row.uid for row in rows}
        ordered: list[CategoryRecord] = []

        def visit(parent: int | None, depth: int, retired_above: bool) -> None:
            children = sorted(
                by_parent.get(parent, []),
                key=lambda r: (CATEGORY_KINDS.index(r.kind), r.sort_order, label_in(r.labels)),
            )
            for row in children:
                retired = retired_above or row.deleted_at is not None
                if retired and not include_retired:
                    continue
                ordered.append(
                    CategoryRecord(
                        uid=row.uid,
                        code=row.code,
                        kind=row.kind,
                        parent_uid=uid_of.get(row.parent_id, "") if row.parent_id else "",
                        name=label_in(row.labels),
                        labels=tuple(sorted(row.labels.items())),
                        depth=depth,
                        retired=retired,
                    )
                )
                visit(row.id, depth + 1, retired)

        visit(None, 0, False)
        return tuple(ordered)

    def create(self, kind: str, labels: Mapping[str, str], parent_uid: str = "") -> CategoryRecord:
        if kind not in CATEGORY_KINDS:
            raise ValidationError("kind", _("A category is for income or for expenses."))
        cleaned = _clean_labels(labels)
        with self._db.unit_of_work() as session:
            parent = self._parent(session, parent_uid, kind) if parent_uid else None
            row = MoneyCategory(
                kind=kind,
                labels=cleaned,
                parent_id=parent.id if parent else None,
                sort_order=1000,
            )
            session.add(row)
            session.flush()
            return self._record(session, row)

    def rename(self, uid: str, labels: Mapping[str, str]) -> CategoryRecord:
        cleaned = _clean_labels(labels)
        with self._db.unit_of_work() as session:
            row = self._row(session, uid)
            row.labels = cleaned
            return self._record(session, row)

    def move(self, uid: str, parent_uid: str) -> CategoryRecord:
        """Put a category under another (or at the top level with "")."""
        with self._db.unit_of_work() as session:
            row = self._row(session, uid)
            parent = self._parent(session, parent_uid, row.kind) if parent_uid else None
            ancestor = parent
            while ancestor is not None:
                if ancestor.id == row.id:
                    raise ValidationError(
                        "parent", _("A category cannot go under itself or one of its own.")
                    )
                ancestor = (
                    session.get(MoneyCategory, ancestor.parent_id) if ancestor.parent_id else None
                )
            row.parent_id = parent.id if parent else None
            return self._record(session, row)

    def retire(self, uid: str) -> None:
        """Send a category to the Trash; its past entries keep it, new ones cannot use it."""
        with self._db.unit_of_work() as session:
            row = self._row(session, uid)
            has_children = session.scalar(
                select(
                    exists().where(
                        MoneyCategory.parent_id == row.id, MoneyCategory.deleted_at.is_(None)
                    )
                )
            )
            if has_children:
                raise ValidationError(
                    "category", _("Move or retire the categories under this one first.")
                )
            row.deleted_at = utc_now()

    def restore(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            row = by_uid(session, MoneyCategory, uid, _("This category no longer exists."), True)
            row.deleted_at = None

    def is_used(self, uid: str) -> bool:
        with self._db.reading() as session:
            row = self._row(session, uid)
            return bool(
                session.scalar(select(exists().where(TransactionSplit.category_id == row.id)))
                or session.scalar(select(exists().where(BudgetLine.category_id == row.id)))
            )

    @staticmethod
    def _row(session: Session, uid: str) -> MoneyCategory:
        return by_uid(session, MoneyCategory, uid, _("This category no longer exists."))

    def _parent(self, session: Session, uid: str, kind: str) -> MoneyCategory:
        parent = self._row(session, uid)
        if parent.kind != kind:
            raise ValidationError(
                "parent", _("An income category cannot go under an expense one, or the reverse.")
            )
        if _depth(session, parent) + 1 >= DEEPEST:
            raise ValidationError(
                "parent",
                _("Categories go {count} levels deep at most.").format(count=DEEPEST),
            )
        return parent

    @staticmethod
    def _record(session: Session, row: MoneyCategory) -> CategoryRecord:
        parent = session.get(MoneyCategory, row.parent_id) if row.parent_id else None
        return CategoryRecord(
            uid=row.uid,
            code=row.code,
            kind=row.kind,
            parent_uid=parent.uid if parent else "",
            name=label_in(row.labels),
            labels=tuple(sorted(row.labels.items())),
            depth=_depth(session, row),
            retired=row.deleted_at is not None,
        )
