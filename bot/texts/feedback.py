"""Texts of the feedback conversation (/gopy)."""

TITLE = "Gửi góp ý"
CMD = "Gửi góp ý hoặc báo lỗi cho quản trị viên"
CMD_LIST = "Xem các góp ý mới nhất"
BUTTON = "💬 Góp ý"
ASK_TOPIC = "Bạn muốn gửi nội dung gì cho quản trị viên?"
TOPICS = {
    "idea": "Góp ý về trợ lý",
    "bug": "Báo lỗi",
    "other": "Nội dung khác",
}
ASK_TEXT = "Mời bạn nhập nội dung ({topic}). Tối đa {limit} ký tự."
TOO_SHORT = "Nội dung hơi ngắn, bạn viết rõ hơn một chút nhé (ít nhất {minimum} ký tự)."
TOO_LONG = "Nội dung dài {length} ký tự, vượt quá {limit} ký tự. Bạn rút gọn giúp mình nhé."
THANKS = "Cảm ơn bạn! Góp ý đã được gửi tới quản trị viên."
LIST_EMPTY = "Chưa có góp ý nào."
LIST_HEADER = "Góp ý mới nhất:"
LIST_ITEM = "• {time} — {topic}: {text}"
