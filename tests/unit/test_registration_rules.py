"""Rules of registration that need no database: what is still missing, categories, phones,
invite states and the seeded departments."""

from datetime import UTC, datetime, timedelta

from handlers.registration.places import missing
from models import registrations
from models.invites import Invite, InviteProblem, problem
from models.organisations import SO_TTTT, TT_CNTT, seed_rows
from rendering.members import show_phone

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def test_missing_follows_the_order_of_questions() -> None:
    data: dict[str, object] = {}
    assert missing(data) == "name"
    data.update(name="Nguyễn Văn An", phone="+84905123456")
    assert missing(data) == "category"
    data["category"] = "cong_chuc_xa"
    assert missing(data) == "unit"
    data["unit"] = ["2024", "23767"]
    assert missing(data) == "position"
    data["position"] = "Công chức Văn phòng - Thống kê"
    assert missing(data) is None


def test_missing_asks_what_each_category_needs() -> None:
    base = {"name": "Nguyễn Văn An", "phone": "+84905123456", "position": "Chuyên viên"}
    assert missing({**base, "category": "so_tttt"}) is None
    assert missing({**base, "category": "dau_moi_so_nganh"}) == "org"
    assert missing({**base, "category": "doanh_nghiep", "org_new": "Công ty ABC"}) is None
    team_member = {**base, "category": "to_cnscd", "unit": ["2024", "23767"]}
    assert missing(team_member) == "team"
    assert missing({**team_member, "team_id": None}) is None


def test_categories_keep_the_demo_keys_and_drop_districts_in_2025() -> None:
    keys = [c.key for c in registrations.CATEGORIES]
    for key in ("so_tttt", "dau_moi_huyen", "cong_chuc_xa", "to_cnscd"):
        assert key in keys
    assert len(keys) == 8
    assert "dau_moi_huyen" in [c.key for c in registrations.categories_for("2024")]
    assert "dau_moi_huyen" not in [c.key for c in registrations.categories_for("2025")]


def test_phone_is_shown_the_way_people_write_it() -> None:
    assert show_phone("+84905123456") == "0905 123 456"
    assert show_phone(None) == "—"


def test_invite_problems() -> None:
    invite = Invite(code="abc", created_by=1, expires_at=NOW + timedelta(days=1), max_uses=2)
    assert problem(invite, NOW) is None
    assert problem(None, NOW) == InviteProblem.UNKNOWN
    assert problem(invite, NOW + timedelta(days=2)) == InviteProblem.EXPIRED
    invite.uses = 2
    assert problem(invite, NOW) == InviteProblem.USED_UP
    invite.revoked_at = NOW
    assert problem(invite, NOW) == InviteProblem.REVOKED


def test_seeded_departments_are_unique_and_include_the_network_core() -> None:
    rows = seed_rows()
    keys = [row["key"] for row in rows]
    assert len(keys) == len(set(keys))
    assert {SO_TTTT, TT_CNTT, "van-phong-ubnd", "so-noi-vu", "so-tai-chinh"} <= set(keys)
    assert all(row["kind"] == "so_nganh" and row["name"] for row in rows)
