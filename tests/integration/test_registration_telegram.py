"""Registration through the real Telegram channel (PTB) against the fake Bot API server:
an invite deep link, inline buttons, the share-contact keyboard for the phone."""

from __future__ import annotations

from datetime import timedelta

from bot.texts import registration as t
from bot.texts import telegram as tt
from models import invites, members
from tests.fakes.telegram_server import FakeTelegramServer
from tests.utils.telegram import TelegramApps, button_data

ADMIN, HOA = 9000, 1001


class Conversation:
    """Counts the messages sent to one chat, so each step reads only the new ones."""

    def __init__(self, server: FakeTelegramServer, chat_id: int) -> None:
        self.server = server
        self.chat_id = chat_id
        self.seen = 0

    async def expect(self, count: int) -> list[dict]:
        """Wait for `count` new messages and return them."""
        self.seen += count
        messages = await self.server.wait_for_messages(self.chat_id, self.seen)
        return messages[self.seen - count : self.seen]


async def test_invite_link_and_shared_contact_on_telegram(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer
) -> None:
    app = await telegram_app(admins=[f"telegram:{ADMIN}"])
    async with app.sessions() as session:
        identity = await members.get_identity(session, channel="telegram", external_id=str(ADMIN))
        assert identity is not None and identity.member_id is not None
        invite = await invites.create(
            session,
            created_by=identity.member_id,
            expires_at=app.services.clock() + timedelta(days=7),
            max_uses=5,
            auto_approve=True,
            category="khong_chuyen_trach_cntt",
            unit_catalog="2024",
            unit_code="23767",
        )
        await session.commit()
    hoa = Conversation(fake_telegram, HOA)

    fake_telegram.push_text(HOA, f"/start {invite.code}", first_name="Hoa")
    invited, consent = await hoa.expect(2)
    assert "Không chuyên trách cấp xã" in invited["text"]
    assert "Xã Ia Sao, Huyện Ia Grai" in invited["text"]
    fake_telegram.push_callback(HOA, button_data(consent, "Tôi đồng ý"))
    [ask_name] = await hoa.expect(1)
    assert ask_name["text"] == t.ASK_NAME
    fake_telegram.push_text(HOA, "Nay H'Hoa")
    ask_phone, choose = await hoa.expect(2)
    assert ask_phone["reply_markup"]["keyboard"][0][0]["request_contact"] is True
    assert choose["text"] == tt.OR_CHOOSE
    fake_telegram.push_contact(HOA, "84 905 111 222", first_name="Hoa")
    [ask_position] = await hoa.expect(1)
    fake_telegram.push_callback(HOA, button_data(ask_position, "Công nghệ thông tin"))
    [review] = await hoa.expect(1)
    assert "0905 111 222" in review["text"] and "(theo link mời)" in review["text"]
    fake_telegram.push_callback(HOA, button_data(review, "Gửi đăng ký"))
    [welcome] = await hoa.expect(1)
    assert welcome["text"].startswith(t.AUTO_APPROVED.format(name="Nay H'Hoa"))

    async with app.sessions() as session:
        identity = await members.get_identity(session, channel="telegram", external_id=str(HOA))
        assert identity is not None and identity.member_id is not None
        member = await members.get_member(session, member_id=identity.member_id)
    assert member is not None
    assert (member.status, member.phone, member.unit_code) == ("active", "+84905111222", "23767")
    assert telegram_app.errors == []
