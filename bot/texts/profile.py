"""Texts of one's own record (/hoso) and personal data (/xuatdulieu, /xoadulieu)."""

TITLE = "Hồ sơ cá nhân"
CMD = "Xem và sửa hồ sơ cá nhân"
BUTTON = "👤 Hồ sơ"
CMD_EXPORT = "Nhận bản sao dữ liệu cá nhân"
CMD_ERASE = "Xóa dữ liệu cá nhân, rời mạng lưới"
HEADER = "Hồ sơ của anh/chị trong Mạng lưới chuyển đổi số:"
PENDING_CHANGE = "⏳ Đang chờ duyệt chuyển địa bàn sang: {unit}"
CONSENT_LINE = "Đồng ý xử lý dữ liệu lúc {when} (bản thông báo {version})."
ASK_WHAT = "Anh/chị muốn sửa mục nào?"
EDIT_NAME = "✏️ Họ tên"
EDIT_PHONE = "✏️ Điện thoại"
EDIT_POSITION = "✏️ Chức vụ"
MOVE = "📍 Chuyển địa bàn"
EXPORT = "📤 Xuất dữ liệu"
ERASE = "🗑 Xóa dữ liệu"
DONE = "✔️ Xong"
CLOSED = "Đã đóng hồ sơ. Gõ /hoso khi cần xem lại."
ASK_POSITION = "Chức vụ mới của anh/chị?"
SAVED = "✅ Đã lưu."
MOVE_REQUESTED = (
    "Đã gửi yêu cầu chuyển địa bàn sang {unit}. Điều phối viên sẽ duyệt; trong lúc chờ, "
    "anh/chị vẫn nhận tin của địa bàn cũ."
)
MOVED_PENDING = "Đã đổi địa bàn trong đăng ký sang {unit}."
SAME_UNIT = "Đây đã là địa bàn hiện tại của anh/chị."

NO_DATA = (
    "Anh/chị chưa đăng ký nên hệ thống không lưu thông tin cá nhân nào, ngoài mã tài "
    "khoản nhắn tin để trả lời tin nhắn."
)
EXPORT_TEXT = "📤 Dữ liệu Mạng lưới đang lưu về anh/chị (lập lúc {when}):\n{summary}"
EXPORT_ROLE = "🎖 {role} · {status}"
EXPORT_REGISTERED = "🗓 Đăng ký: {date}"
EXPORT_APPROVED = " · duyệt: {date}"
EXPORT_CONSENT = "✅ Đồng ý xử lý dữ liệu: {when} (bản {version})"
EXPORT_NO_CONSENT = "✅ Đồng ý xử lý dữ liệu: chưa ghi nhận"
EXPORT_CONTENTS = "📎 Tệp {file} gồm: hồ sơ{parts}."
EXPORT_PARTS = {
    "accounts": "{count} tài khoản nhắn tin",
    "teams_led": "{count} tổ do anh/chị làm tổ trưởng",
    "unit_change_requests": "{count} yêu cầu chuyển địa bàn",
    "feedback": "{count} góp ý",
    "audit_log": "{count} mục nhật ký thay đổi",
}
EXPORT_HINT = "Sửa thông tin: /hoso · Xóa dữ liệu: /xoadulieu"
EXPORT_HINT_PENDING = "Sửa đăng ký: /dangky · Xóa dữ liệu: /xoadulieu"

ERASE_TITLE = "Xóa dữ liệu cá nhân"
ERASE_WARNING = (
    "⚠️ Xóa dữ liệu cá nhân:\n"
    "• Họ tên, số điện thoại, chức vụ và các tài khoản nhắn tin của anh/chị sẽ bị xóa.\n"
    "• Anh/chị sẽ rời Mạng lưới và không nhận tin nhắn nào nữa.\n"
    "• Các số liệu thống kê chung vẫn được giữ nhưng không còn gắn với anh/chị.\n"
    "Việc này không hoàn tác được. Anh/chị có chắc chắn muốn xóa?"
)
ERASE_YES = "🗑 Xóa vĩnh viễn"
ERASE_NO = "Không xóa"
ERASE_KEPT = "Đã giữ nguyên dữ liệu."
ERASED = (
    "Đã xóa dữ liệu cá nhân của anh/chị. Cảm ơn anh/chị đã đồng hành cùng Mạng lưới "
    "chuyển đổi số. Nếu muốn tham gia lại, vui lòng gõ /dangky."
)
ERASED_NAME = "(đã xóa)"
