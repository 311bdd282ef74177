"""The feedback conversation end to end through the dispatcher."""

from sqlalchemy import select

from models.feedback import Feedback
from tests.utils.chat import ChatDriver


async def test_feedback_flow_stores_feedback(chat: ChatDriver, app) -> None:
    await chat.send("xa", "/gopy")
    assert "Anh/chị muốn gửi" in chat.text("xa")
    await chat.press("xa", "Báo lỗi")
    await chat.send("xa", "Nút bấm không chạy trên điện thoại của tôi")
    assert "Cảm ơn" in chat.text("xa")
    async with app.sessions() as session:
        rows = (await session.execute(select(Feedback))).scalars().all()
    assert [(row.topic, row.text) for row in rows] == [
        ("bug", "Nút bấm không chạy trên điện thoại của tôi")
    ]
