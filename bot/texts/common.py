"""Texts shared by every feature: greetings, menus, errors, conversation controls."""

BACK = "◀️ Quay lại"
CANCEL = "✖️ Hủy"
SKIP = "Bỏ qua"
YES = "Có"
NO = "Không"

WELCOME_MEMBER = (
    "Xin chào {name}! Đây là trợ lý của Mạng lưới chuyển đổi số tỉnh Gia Lai.\n"
    "Bạn có thể dùng các lệnh dưới đây hoặc chọn nút."
)
WELCOME_PENDING = (
    "Xin chào {name}! Đăng ký của bạn đang chờ điều phối viên duyệt. "
    "Bạn sẽ nhận được tin nhắn ngay khi có kết quả."
)
WELCOME_GUEST = (
    "Xin chào! Đây là trợ lý của Mạng lưới chuyển đổi số tỉnh Gia Lai.\n"
    "Bạn chưa là thành viên của mạng lưới. Để tham gia, hãy gõ /dangky (chỉ mất vài phút), "
    "hoặc mở đường link mời mà điều phối viên gửi cho bạn."
)
MENU_HEADER = "Các lệnh bạn có thể dùng:"
MENU_HINT = "Gõ một lệnh (ví dụ /help) hoặc chọn một nút bên dưới."
UNKNOWN_COMMAND = "Mình chưa hiểu lệnh /{command}."
FREE_TEXT_OUTSIDE = "Mình chưa hiểu tin nhắn này."
GUEST_ONLY = (
    "Bạn đã là thành viên của mạng lưới rồi, không cần làm bước này nữa. "
    "Muốn cập nhật thông tin, bạn dùng /hoso nhé."
)
NOT_ALLOWED = "Xin lỗi, lệnh này chỉ dành cho {role}. Bạn có thể xem các lệnh của mình bằng /help."
NOT_SUPPORTED = "Xin lỗi, mình chưa hỗ trợ {what}. Bạn vui lòng gõ chữ hoặc chọn một nút nhé."
WHAT_STICKER = "nhãn dán (sticker)"
WHAT_VOICE = "tin nhắn thoại"
WHAT_LOCATION = "chia sẻ vị trí"
WHAT_PHOTO = "ảnh ở bước này"
WHAT_DOCUMENT = "tệp đính kèm ở bước này"
WHAT_CONTACT = "danh bạ ở bước này"
WHAT_OTHER = "loại tin nhắn này"
ERROR_TRY_AGAIN = (
    "Xin lỗi, đã có lỗi khi xử lý tin nhắn của bạn. Dữ liệu của bạn không bị mất; "
    "vui lòng thử lại sau ít phút."
)
BUSY_TRY_AGAIN = "Tin nhắn trước của bạn đang được xử lý, vui lòng thử lại."
GROUP_INVITE = (
    "Mình chỉ trò chuyện riêng để giữ kín thông tin cá nhân. "
    "Vui lòng nhắn riêng cho @{bot_username} nhé."
)
GROUP_INVITE_NO_NAME = "Mình chỉ trò chuyện riêng. Vui lòng nhắn riêng cho mình nhé."

CANCELLED = "Đã hủy. Thông tin bạn đang nhập dở đã bỏ đi."
NOTHING_TO_CANCEL = "Hiện bạn không có thao tác nào để hủy."
EXPIRED = (
    "Thao tác “{title}” trước đó đã hết hạn vì để lâu không trả lời "
    "nên mình đã hủy. Bạn có thể bắt đầu lại."
)
IN_CONVERSATION = "Bạn đang làm dở “{title}”. Hãy trả lời câu hỏi bên dưới, hoặc gõ /huy để dừng."
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
CMD_HELP = "Xem các lệnh bạn dùng được"
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
