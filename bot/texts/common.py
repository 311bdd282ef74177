"""Texts shared by every feature: greetings, menus, errors, conversation controls."""

BACK = "◀️ Quay lại"
CANCEL = "✖️ Hủy"
SKIP = "Bỏ qua"
YES = "Có"
NO = "Không"

WELCOME_MEMBER = (
    "Xin chào {name}! Đây là Trợ lý Mạng lưới chuyển đổi số tỉnh Gia Lai.\n"
    "Mời anh/chị gõ lệnh hoặc chọn nút bên dưới."
)
WELCOME_PENDING = (
    "Xin chào {name}! Đăng ký của anh/chị đang chờ điều phối viên duyệt. "
    "Trợ lý sẽ báo ngay khi có kết quả."
)
WELCOME_GUEST = (
    "Xin chào! Đây là Trợ lý Mạng lưới chuyển đổi số tỉnh Gia Lai.\n"
    "Anh/chị chưa là thành viên mạng lưới. Để tham gia, vui lòng gõ /dangky "
    "(chỉ mất vài phút) hoặc mở link mời do điều phối viên gửi."
)
MENU_HEADER = "Các lệnh có thể dùng:"
MENU_HINT = "Gõ một lệnh (ví dụ /help) hoặc chọn một nút bên dưới."
UNKNOWN_COMMAND = "Trợ lý chưa hiểu lệnh /{command}."
FREE_TEXT_OUTSIDE = "Trợ lý chưa hiểu tin nhắn này."
GUEST_ONLY = (
    "Anh/chị đã là thành viên mạng lưới, không cần làm bước này nữa. "
    "Để cập nhật thông tin, vui lòng dùng /hoso."
)
NOT_ALLOWED = "Xin lỗi, lệnh này chỉ dành cho {role}. Xem các lệnh dùng được bằng /help."
NOT_SUPPORTED = "Xin lỗi, Trợ lý chưa hỗ trợ {what}. Vui lòng gõ chữ hoặc chọn một nút."
WHAT_STICKER = "nhãn dán (sticker)"
WHAT_VOICE = "tin nhắn thoại"
WHAT_LOCATION = "chia sẻ vị trí"
WHAT_PHOTO = "ảnh ở bước này"
WHAT_DOCUMENT = "tệp đính kèm ở bước này"
WHAT_CONTACT = "danh bạ ở bước này"
WHAT_OTHER = "loại tin nhắn này"
ERROR_TRY_AGAIN = (
    "Xin lỗi, đã có lỗi khi xử lý tin nhắn. Dữ liệu của anh/chị không bị mất; "
    "vui lòng thử lại sau ít phút."
)
BUSY_TRY_AGAIN = "Tin nhắn trước đang được xử lý, vui lòng thử lại."
GROUP_INVITE = (
    "Trợ lý chỉ trò chuyện riêng để giữ kín thông tin cá nhân. "
    "Vui lòng nhắn riêng cho @{bot_username}."
)
GROUP_INVITE_NO_NAME = "Trợ lý chỉ trò chuyện riêng. Vui lòng nhắn riêng cho Trợ lý."

OWN_NAME_TITLE = "Cập nhật họ tên"
ASK_OWN_NAME = (
    "Xin chào! Tài khoản này đã được cấp quyền {role} nhưng chưa có họ tên. "
    "Vui lòng nhập họ và tên đầy đủ của anh/chị (ví dụ: Nguyễn Văn An):"
)
USE_DISPLAY_NAME = "Dùng tên {name}"

CANCELLED = "Đã hủy. Thông tin đang nhập dở đã được bỏ đi."
NOTHING_TO_CANCEL = "Hiện không có thao tác nào để hủy."
EXPIRED = "Thao tác “{title}” đã được hủy vì để lâu không trả lời. Anh/chị có thể bắt đầu lại."
IN_CONVERSATION = (
    "Anh/chị đang làm dở “{title}”. Vui lòng trả lời câu hỏi bên dưới, hoặc gõ /huy để dừng."
)
PICK_AN_OPTION = "Vui lòng chọn một trong các lựa chọn bên dưới (bấm nút hoặc gõ số thứ tự)."
OLD_BUTTON = "Nút này đã cũ nên không dùng được nữa."
STEP_FIRST = "Đây là bước đầu tiên rồi."

ROLE_NAMES = {
    "guest": "người chưa đăng ký",
    "member": "thành viên mạng lưới",
    "coordinator": "điều phối viên",
    "admin": "quản trị viên",
}

CMD_START = "Bắt đầu, xem lời chào"
CMD_HELP = "Xem các lệnh dùng được"
CMD_CANCEL = "Hủy thao tác đang làm"

ROLE_REFUSAL_ROLE_NAMES = {
    "member": "thành viên đã được duyệt",
    "coordinator": "điều phối viên",
    "admin": "quản trị viên",
}

# Typed answers to the last choices shown (a number or a label instead of a button).
CHOICE_NOT_SHOWN = "Xin lỗi, số {number} không có trong các lựa chọn Trợ lý gửi gần nhất."
CHOICES_AGAIN = "Các lựa chọn của tin nhắn “{heading}”:"
CHOICES_AGAIN_PLAIN = "Các lựa chọn hiện tại:"
CHOICES_HINT = "Anh/chị vui lòng gõ số thứ tự hoặc bấm nút bên dưới."
NOTHING_TO_PICK = (
    "Hiện không có lựa chọn nào đang chờ anh/chị trả lời, nên Trợ lý chưa hiểu số {number}."
)
