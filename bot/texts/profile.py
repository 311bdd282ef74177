"""Texts of one's own record (/hoso) and personal data (/xuatdulieu, /xoadulieu)."""

TITLE = "Hồ sơ của bạn"
CMD = "Xem và sửa hồ sơ của bạn"
BUTTON = "👤 Hồ sơ"
CMD_EXPORT = "Nhận bản sao dữ liệu cá nhân của bạn"
CMD_ERASE = "Xóa dữ liệu cá nhân, rời mạng lưới"
HEADER = "Hồ sơ của bạn trong Mạng lưới chuyển đổi số:"
PENDING_CHANGE = "⏳ Đang chờ duyệt chuyển địa bàn sang: {unit}"
CONSENT_LINE = "Đồng ý xử lý dữ liệu lúc {when} (bản thông báo {version})."
ASK_WHAT = "Bạn muốn sửa gì?"
EDIT_NAME = "✏️ Họ tên"
EDIT_PHONE = "✏️ Điện thoại"
EDIT_POSITION = "✏️ Chức vụ"
MOVE = "📍 Chuyển địa bàn"
EXPORT = "📤 Xuất dữ liệu"
ERASE = "🗑 Xóa dữ liệu"
DONE = "✔️ Xong"
CLOSED = "Đã đóng hồ sơ. Gõ /hoso khi cần xem lại."
ASK_POSITION = "Chức vụ mới của bạn?"
SAVED = "✅ Đã lưu."
MOVE_REQUESTED = (
    "Đã gửi yêu cầu chuyển địa bàn sang {unit}. Điều phối viên sẽ duyệt; trong lúc chờ, "
    "bạn vẫn nhận tin của địa bàn cũ."
)
MOVED_PENDING = "Đã đổi địa bàn trong đăng ký của bạn sang {unit}."
SAME_UNIT = "Đây là địa bàn hiện tại của bạn rồi."

NO_DATA = (
    "Bạn chưa đăng ký nên hệ thống không lưu thông tin cá nhân nào của bạn, ngoài mã tài "
    "khoản nhắn tin để trả lời tin nhắn."
)
EXPORT_TEXT = "📤 Đây là toàn bộ dữ liệu mạng lưới đang lưu về bạn (tệp JSON đính kèm):\n{summary}"

ERASE_TITLE = "Xóa dữ liệu cá nhân"
ERASE_WARNING = (
    "⚠️ Xóa dữ liệu cá nhân:\n"
    "• Họ tên, số điện thoại, chức vụ và các tài khoản nhắn tin của bạn sẽ bị xóa.\n"
    "• Bạn sẽ rời Mạng lưới và không nhận tin nhắn nào nữa.\n"
    "• Các số liệu thống kê chung vẫn được giữ nhưng không còn gắn với bạn.\n"
    "Việc này không hoàn tác được. Bạn chắc chắn chứ?"
)
ERASE_YES = "🗑 Xóa vĩnh viễn"
ERASE_NO = "Không xóa"
ERASE_KEPT = "Đã giữ nguyên dữ liệu của bạn."
ERASED = (
    "Đã xóa dữ liệu cá nhân của bạn. Cảm ơn bạn đã đồng hành cùng Mạng lưới chuyển đổi số. "
    "Nếu muốn tham gia lại, bạn gõ /dangky."
)
ERASED_NAME = "(đã xóa)"
