"""Texts of joining the network (/dangky, invite links): consent, questions, review."""

TITLE = "Đăng ký thành viên"
CMD = "Đăng ký tham gia Mạng lưới chuyển đổi số"
BUTTON = "📝 Đăng ký"

CONSENT = (
    "📋 Trước khi đăng ký, đề nghị anh/chị đọc thông báo về dữ liệu cá nhân "
    "(theo Nghị định 13/2023/NĐ-CP):\n"
    "• Thu thập: họ tên, số điện thoại di động, nhóm thành viên, cơ quan, xã/huyện, "
    "chức vụ, Tổ CNSCĐ (nếu có) và tài khoản nhắn tin của anh/chị.\n"
    "• Mục đích: liên lạc, gửi thông báo, tập huấn, nhiệm vụ và báo cáo của Mạng lưới "
    "chuyển đổi số tỉnh Gia Lai; thống kê mạng lưới.\n"
    "• Người xem: quản trị viên Sở TT&TT và điều phối viên phụ trách địa bàn.\n"
    "• Thời gian lưu: trong thời gian anh/chị là thành viên. Khi rời mạng lưới hoặc yêu cầu "
    "xóa, thông tin định danh bị xóa ngay; chỉ giữ số liệu thống kê không định danh.\n"
    "• Quyền của anh/chị: xem, sửa (/hoso), nhận bản sao (/xuatdulieu), xóa dữ liệu và rút lại "
    "đồng ý (/xoadulieu).\n"
    "Chưa có thông tin nào được lưu cho tới khi anh/chị bấm “Tôi đồng ý”."
)
AGREE = "✅ Tôi đồng ý"
DISAGREE = "Không đồng ý"
DISAGREED = (
    "Anh/chị chưa đồng ý nên Trợ lý không lưu thông tin gì. "
    "Khi muốn tham gia, vui lòng gõ /dangky."
)

INVITED = "Anh/chị được mời tham gia Mạng lưới chuyển đổi số với tư cách: {what}."
INVITE_PROBLEMS = {
    "unknown": "Mã mời này không đúng.",
    "revoked": "Link mời này đã bị thu hồi.",
    "expired": "Link mời này đã hết hạn.",
    "used_up": "Link mời này đã dùng hết số lượt.",
}
INVITE_FALLBACK = " Anh/chị có thể xin điều phối viên link mới, hoặc tự đăng ký bằng /dangky."

ASK_NAME = "Họ và tên đầy đủ của anh/chị? (ví dụ: Nguyễn Văn An, Ksor H'Nga)"
ASK_PHONE = (
    "Số điện thoại di động của anh/chị? Gõ số (ví dụ: 0905 123 456) "
    "hoặc bấm nút chia sẻ số điện thoại."
)
PHONE_TAKEN = (
    "Số điện thoại này đã được đăng ký cho một thành viên khác. Nếu đó là anh/chị trên ứng "
    "dụng khác, vui lòng dùng /hoso ở tài khoản đó; nếu không, vui lòng nhập số khác hoặc liên hệ "
    "điều phối viên."
)
ASK_CATEGORY = "Anh/chị tham gia mạng lưới với tư cách nào?"
CATEGORIES = {
    "so_tttt": "Sở Thông tin và Truyền thông",
    "trung_tam_cntt": "Trung tâm CNTT&TT tỉnh",
    "dau_moi_so_nganh": "Đầu mối CĐS của sở, ban, ngành",
    "dau_moi_huyen": "Đầu mối CĐS của UBND huyện/thị xã/thành phố",
    "cong_chuc_xa": "Cán bộ, công chức cấp xã",
    "khong_chuyen_trach_cntt": "Không chuyên trách cấp xã “Công nghệ thông tin”",
    "to_cnscd": "Thành viên Tổ công nghệ số cộng đồng",
    "doanh_nghiep": "Doanh nghiệp",
}
ASK_DEPARTMENT = "Anh/chị thuộc sở, ban, ngành nào? Bấm chọn, gõ số hoặc gõ tên:"
ASK_ENTERPRISE = "Tên doanh nghiệp của anh/chị? Bấm chọn nếu có trong danh sách, hoặc gõ tên:"
ASK_ENTERPRISE_EMPTY = "Tên doanh nghiệp của anh/chị? Gõ tên đầy đủ:"
ORG_NOT_FOUND = "Không tìm thấy “{text}”. Vui lòng chọn trong danh sách hoặc gõ lại tên."
ORG_TOO_SHORT = "Tên doanh nghiệp quá ngắn, vui lòng gõ tên đầy đủ."
ASK_DISTRICT_UNIT = "Anh/chị là đầu mối của huyện, thị xã hay thành phố nào?"
ASK_TEAM = "Anh/chị thuộc Tổ công nghệ số cộng đồng nào ở {commune}?"
NO_TEAM = "Tổ chưa có trong danh sách"
CONTINUE = "Tiếp tục ▶️"
NO_TEAMS_YET = (
    "{commune} chưa có Tổ CNSCĐ nào trên hệ thống. Anh/chị vẫn đăng ký được; "
    "điều phối viên sẽ xếp tổ sau."
)
ASK_POSITION = "Chức vụ hoặc chức danh của anh/chị? Bấm gợi ý hoặc gõ:"
POSITION_BAD = "Chức vụ cần từ 2 đến 120 ký tự. Vui lòng gõ lại."
POSITIONS = {
    "so_tttt": ("Lãnh đạo Sở", "Chuyên viên"),
    "trung_tam_cntt": ("Lãnh đạo Trung tâm", "Viên chức"),
    "dau_moi_so_nganh": ("Lãnh đạo", "Chuyên viên"),
    "dau_moi_huyen": ("Lãnh đạo UBND", "Chuyên viên Phòng Văn hóa và Thông tin"),
    "cong_chuc_xa": ("Lãnh đạo UBND xã", "Công chức Văn phòng - Thống kê"),
    "khong_chuyen_trach_cntt": ("Công nghệ thông tin",),
    "to_cnscd": ("Tổ trưởng", "Tổ phó", "Thành viên"),
    "doanh_nghiep": ("Lãnh đạo doanh nghiệp", "Nhân viên"),
}

REVIEW = "Vui lòng kiểm tra lại thông tin đăng ký:"
REVIEW_LINES = {
    "name": "👤 Họ tên: {value}",
    "phone": "📱 Điện thoại: {value}",
    "category": "🏷 Nhóm: {value}",
    "org": "🏢 Cơ quan: {value}",
    "unit": "📍 Địa bàn: {value}",
    "team": "👥 Tổ CNSCĐ: {value}",
    "position": "💼 Chức vụ: {value}",
}
REVIEW_HINT = "Đúng hết thì bấm “Gửi đăng ký”; muốn sửa mục nào thì bấm mục đó."
FROM_INVITE = " (theo link mời)"
NEW_ORG = "{name} (mới)"
NO_TEAM_VALUE = "chưa xếp tổ"
SUBMIT = "✅ Gửi đăng ký"
EDIT = {
    "name": "✏️ Họ tên",
    "phone": "✏️ Điện thoại",
    "category": "✏️ Nhóm",
    "org": "✏️ Cơ quan",
    "unit": "✏️ Địa bàn",
    "team": "✏️ Tổ",
    "position": "✏️ Chức vụ",
}

SUBMITTED = (
    "🎉 Cảm ơn {name}! Đăng ký đã được gửi.\n"
    "Điều phối viên phụ trách sẽ xem xét, thường trong 1–2 ngày làm việc. "
    "Trợ lý sẽ báo ngay khi được duyệt. Trong lúc chờ, có thể gõ /dangky "
    "để xem hoặc sửa thông tin."
)
AUTO_APPROVED = "🎉 Chào mừng {name} đến với Mạng lưới chuyển đổi số tỉnh Gia Lai!"
INVITE_LATE = (
    "Link mời đã hết hạn hoặc hết lượt trong lúc đăng ký, nên đăng ký của anh/chị "
    "sẽ được điều phối viên duyệt như bình thường."
)
ALREADY_MEMBER = "Anh/chị đã là thành viên mạng lưới. Để cập nhật thông tin, vui lòng dùng /hoso."
PENDING_ALREADY = (
    "Đăng ký của anh/chị ({name}) đang chờ điều phối viên duyệt. "
    "Anh/chị có muốn xem hoặc sửa thông tin đã gửi không?"
)
REJECTED_BEFORE = (
    "Đăng ký trước đây của anh/chị chưa được duyệt. "
    "Anh/chị có thể đăng ký lại với thông tin đã sửa."
)
EDIT_REGISTRATION = "✏️ Xem và sửa đăng ký"
REGISTER_AGAIN = "📝 Đăng ký lại"

NOTIFY_NEW = "🆕 Đăng ký mới chờ duyệt:\n{summary}\nGõ /choduyet để xem tất cả đăng ký đang chờ."
