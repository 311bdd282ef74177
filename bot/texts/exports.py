"""Texts of the files people download and print (sheet names, titles, column headers)."""

# ---- the member directory (/thanhvien → Xuất Excel) ----------------------------------------
SHEET_MEMBERS = "Thành viên"
MEMBERS_TITLE = (
    "Danh sách thành viên Mạng lưới chuyển đổi số — phạm vi: {scope} — {count} người — "
    "xuất ngày {date}"
)
MEMBERS_SEARCH_TITLE = (
    "Thành viên Mạng lưới chuyển đổi số tìm theo “{query}” — phạm vi: {scope} — "
    "{count} người — xuất ngày {date}"
)
# File names: ASCII only; {scope}, {query} and {name} are already folded to a-z, 0-9 and "-".
MEMBERS_FILE = "thanh-vien-{scope}-{date}.xlsx"
MEMBERS_SEARCH_FILE = "thanh-vien-{scope}-tim-{query}-{date}.xlsx"
MEMBER_COLUMNS = (
    "STT",
    "Họ và tên",
    "Điện thoại",
    "Nhóm thành viên",
    "Cơ quan, đơn vị",
    "Huyện",
    "Xã",
    "Tổ CNSCĐ",
    "Chức vụ",
    "Trạng thái",
    "Vai trò",
    "Ngày đăng ký",
    "Ngày duyệt",
)
STATUS = {
    "pending": "Chờ duyệt",
    "active": "Đang hoạt động",
    "rejected": "Không được duyệt",
    "deleted": "Đã xóa dữ liệu",
}
ROLE = {"member": "Thành viên", "coordinator": "Điều phối viên", "admin": "Quản trị viên"}

# ---- the attendance sheet of a training or meeting (/tinhhinh → XLSX) ----------------------
SHEET_TITLE = "Điểm danh"
SHEET_HEADING = "DANH SÁCH THAM DỰ: {title}"
SHEET_EVENT = "Thời gian: {when}. Địa điểm: {place}"
SHEET_NO_VALUE = "chưa định"
SHEET_SUMMARY = (
    "Đăng ký tham gia: {count} người. Người không tham gia và người chưa trả lời "
    "ở trang tính “{other}”."
)
SHEET_COLUMNS = ("STT", "Họ và tên", "Đơn vị", "Số điện thoại", "Kênh nhận", "Ký tên")
SHEET_NOBODY = "Chưa có ai đăng ký tham gia."
SHEET_PRESENT = "Tổng số có mặt: ........ / {count} người."
SHEET_SIGNER = "Người lập danh sách (ký, ghi rõ họ tên)"
SHEET_FOOTER = "Trang &P/&N"

OTHERS_TITLE = "Không tham gia, chưa trả lời"
OTHERS_HEADING = "KHÔNG THAM GIA VÀ CHƯA TRẢ LỜI: {title}"
OTHERS_SUMMARY = "Không tham gia: {no} người. Chưa trả lời: {silent} người."
OTHERS_COLUMNS = (
    "STT",
    "Họ và tên",
    "Đơn vị",
    "Số điện thoại",
    "Kênh nhận",
    "Trả lời",
    "Thời gian trả lời",
)
OTHERS_NOBODY = "Mọi người nhận đều đã đăng ký tham gia."
SHEET_ANSWERS = {"yes": "Tham gia", "no": "Không tham gia", "": "Chưa trả lời"}
SHEET_REASON = "Không tham gia ({reason})"
# "Kênh nhận": the messenger the announcement went out on; empty when nothing was sent, the
# state added when it has not (yet) arrived.
SHEET_CHANNEL_UNKNOWN = "Không rõ"
SHEET_CHANNEL_STATES = {
    "queued": "{channel} (đang chờ gửi)",
    "uncertain": "{channel} (có thể đã nhận)",
    "failed": "{channel} (gửi lỗi)",
    "unreachable": "{channel} (không liên lạc được)",
}

# ---- a member's own data (/xuatdulieu) ------------------------------------------------------
PERSONAL_TITLE = (
    "Dữ liệu cá nhân của {name} trên Mạng lưới chuyển đổi số tỉnh Gia Lai, xuất ngày {date}"
)
PERSONAL_FILE = "du-lieu-ca-nhan-{name}-{date}.json"
