"""referrals: the service directory (organizations, locations, services, contact people) and
the referral log

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_organization",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("alternate_name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.JSON(), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("exchange_source", sa.String(length=200), nullable=False),
        sa.Column("exchange_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_organization")),
        sa.UniqueConstraint("uid", name=op.f("uq_service_organization_uid")),
    )
    with op.batch_alter_table("service_organization", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_organization_deleted_at"), ["deleted_at"], unique=False
        )

    op.create_table(
        "service_location",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address_1", sa.String(length=200), nullable=False),
        sa.Column("address_2", sa.String(length=200), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=False),
        sa.Column("province", sa.String(length=60), nullable=False),
        sa.Column("postal_code", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("transit", sa.Text(), nullable=False),
        sa.Column("wheelchair_accessible", sa.Boolean(), nullable=True),
        sa.Column("accessibility", sa.Text(), nullable=False),
        sa.Column("exchange_source", sa.String(length=200), nullable=False),
        sa.Column("exchange_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["service_organization.id"],
            name=op.f("fk_service_location_organization_id_service_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_location")),
        sa.UniqueConstraint("uid", name=op.f("uq_service_location_uid")),
    )
    with op.batch_alter_table("service_location", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_location_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_location_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "directory_service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("description", sa.JSON(), nullable=False),
        sa.Column("eligibility", sa.JSON(), nullable=False),
        sa.Column("what_to_bring", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("in_french", sa.Boolean(), nullable=False),
        sa.Column("hours", sa.String(length=300), nullable=False),
        sa.Column("open_evenings", sa.Boolean(), nullable=False),
        sa.Column("open_weekends", sa.Boolean(), nullable=False),
        sa.Column("childcare", sa.Boolean(), nullable=False),
        sa.Column("regardless_of_status", sa.Boolean(), nullable=True),
        sa.Column("cost", sa.String(length=300), nullable=False),
        sa.Column("how_to_refer", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=False),
        sa.Column("verified_on", sa.Date(), nullable=True),
        sa.Column("verified_by", sa.String(length=120), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("exchange_source", sa.String(length=200), nullable=False),
        sa.Column("exchange_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["service_location.id"],
            name=op.f("fk_directory_service_location_id_service_location"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["service_organization.id"],
            name=op.f("fk_directory_service_organization_id_service_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_service")),
        sa.UniqueConstraint("uid", name=op.f("uq_directory_service_uid")),
    )
    with op.batch_alter_table("directory_service", schema=None) as batch_op:
        batch_op.create_index(
            "ix_directory_service_browse", ["deleted_at", "category", "name"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_directory_service_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_directory_service_location_id"), ["location_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_directory_service_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "service_contact_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("exchange_source", sa.String(length=200), nullable=False),
        sa.Column("exchange_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["service_organization.id"],
            name=op.f("fk_service_contact_person_organization_id_service_organization"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["directory_service.id"],
            name=op.f("fk_service_contact_person_service_id_directory_service"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_contact_person")),
        sa.UniqueConstraint("uid", name=op.f("uq_service_contact_person_uid")),
    )
    with op.batch_alter_table("service_contact_person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_contact_person_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_contact_person_organization_id"),
            ["organization_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_service_contact_person_service_id"), ["service_id"], unique=False
        )

    op.create_table(
        "referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("referred_by_id", sa.Integer(), nullable=True),
        sa.Column("referred_by", sa.String(length=200), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("outcome_note", sa.String(length=500), nullable=False),
        sa.Column("barriers", sa.JSON(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["service_contact_person.id"],
            name=op.f("fk_referral_contact_id_service_contact_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_referral_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_referral_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["referred_by_id"],
            ["person.id"],
            name=op.f("fk_referral_referred_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["directory_service.id"],
            name=op.f("fk_referral_service_id_directory_service"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
        sa.UniqueConstraint("uid", name=op.f("uq_referral_uid")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referral_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index("ix_referral_follow_up", ["deleted_at", "follow_up_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_referral_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_referral_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_referral_referred_on"), ["referred_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_referral_service_id"), ["service_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_service_id"))
        batch_op.drop_index(batch_op.f("ix_referral_referred_on"))
        batch_op.drop_index(batch_op.f("ix_referral_person_id"))
        batch_op.drop_index(batch_op.f("ix_referral_household_id"))
        batch_op.drop_index("ix_referral_follow_up")
        batch_op.drop_index(batch_op.f("ix_referral_deleted_at"))

    op.drop_table("referral")
    with op.batch_alter_table("service_contact_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_contact_person_service_id"))
        batch_op.drop_index(batch_op.f("ix_service_contact_person_organization_id"))
        batch_op.drop_index(batch_op.f("ix_service_contact_person_deleted_at"))

    op.drop_table("service_contact_person")
    with op.batch_alter_table("directory_service", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_directory_service_organization_id"))
        batch_op.drop_index(batch_op.f("ix_directory_service_location_id"))
        batch_op.drop_index(batch_op.f("ix_directory_service_deleted_at"))
        batch_op.drop_index("ix_directory_service_browse")

    op.drop_table("directory_service")
    with op.batch_alter_table("service_location", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_location_organization_id"))
        batch_op.drop_index(batch_op.f("ix_service_location_deleted_at"))

    op.drop_table("service_location")
    with op.batch_alter_table("service_organization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_organization_deleted_at"))

    op.drop_table("service_organization")
