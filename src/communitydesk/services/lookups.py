"""The shared lists (categories, populations, barriers ...) in the user's language."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from communitydesk.core.i18n import _
from communitydesk.db.session import Database
from communitydesk.models import LookupItem, LookupLabel
from communitydesk.models.base import new_uid, utc_now
from communitydesk.services.default_lists import DEFAULT_LISTS, LANGUAGE_COLUMNS, LIST_TITLES


@dataclass(frozen=True)
class LookupEntry:
    code: str
    label: str
    is_active: bool


@dataclass(frozen=True)
class LookupList:
    key: str
    title: str
    entries: tuple[LookupEntry, ...]


def seed_default_lists(session: Session) -> None:
    """Insert the default lists that are missing (codes already present are left as edited),
    and the books' categories when there are none yet."""
    from communitydesk.services.money_defaults import seed_default_categories

    seed_default_categories(session)
    existing = {
        (key, code) for key, code in session.execute(select(LookupItem.list_key, LookupItem.code))
    }
    now = utc_now()
    for list_key, rows in DEFAULT_LISTS.items():
        for order, (code, *labels) in enumerate(rows):
            if (list_key, code) in existing:
                continue
            item_id = session.scalar(
                insert(LookupItem)
                .returning(LookupItem.id)
                .values(
                    uid=new_uid(),
                    list_key=list_key,
                    code=code,
                    sort_order=order,
                    is_active=True,
                    created_at=now,
                    updated_at=now,
                )
            )
            session.execute(
                insert(LookupLabel),
                [
                    {"item_id": item_id, "language": language, "label": label}
                    for language, label in zip(LANGUAGE_COLUMNS, labels, strict=True)
                ],
            )


class LookupService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list_keys(self) -> list[str]:
        return list(LIST_TITLES)

    def get_list(self, list_key: str, language: str) -> LookupList:
        """Entries in their order, labelled in `language`, falling back to English."""
        with self._db.reading() as session:
            items = session.scalars(
                select(LookupItem)
                .where(LookupItem.list_key == list_key, LookupItem.deleted_at.is_(None))
                .order_by(LookupItem.sort_order, LookupItem.code)
            ).all()
            ids = [item.id for item in items]
            labels: dict[tuple[int, str], str] = {
                (item_id, lang): label
                for item_id, lang, label in session.execute(
                    select(LookupLabel.item_id, LookupLabel.language, LookupLabel.label).where(
                        LookupLabel.item_id.in_(ids), LookupLabel.language.in_([language, "en"])
                    )
                )
            }
            entries = tuple(
                LookupEntry(
                    code=item.code,
                    label=labels.get((item.id, language)) or labels.get((item.id, "en"), item.code),
                    is_active=item.is_active,
                )
                for item in items
            )
        return LookupList(list_key, _(LIST_TITLES.get(list_key, list_key)), entries)
