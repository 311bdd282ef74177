"""Texts of the feedback conversation (/gopy) and the admins' list (/xemgopy)."""

TITLE = "Gửi góp ý"
CMD = "Gửi góp ý hoặc báo lỗi cho quản trị viên"
CMD_LIST = "Xem các góp ý mới nhất"
BUTTON = "💬 Góp ý"
ASK_TOPIC = "Anh/chị muốn gửi nội dung gì cho quản trị viên?"
TOPICS = {
    "idea": "Góp ý về Trợ lý",
    "bug": "Báo lỗi",
    "other": "Nội dung khác",
}
ASK_TEXT = "Mời anh/chị nhập nội dung ({topic}). Tối đa {limit} ký tự."
TOO_SHORT = "Nội dung hơi ngắn, vui lòng viết rõ hơn (ít nhất {minimum} ký tự)."
TOO_LONG = "Nội dung dài {length} ký tự, vượt quá {limit} ký tự. Vui lòng rút gọn."
THANKS = "Cảm ơn anh/chị! Góp ý đã được gửi tới quản trị viên."
LIST_EMPTY = "Chưa có góp ý nào."
LIST_HEADER = "Góp ý mới nhất:"
LIST_ITEM = "• {time} — {sender} — {topic}: {text}"
SENDER = "{name} ({unit})"
SENDER_NO_UNIT = "{name}"
SENDER_GUEST = "Người chưa đăng ký ({channel})"
SENDER_GUEST_NAMED = "{name}, chưa đăng ký ({channel})"
SENDER_ERASED = "Người đã xóa dữ liệu"
