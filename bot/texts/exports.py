"""Texts of the spreadsheets (column headers, sheet names)."""

SHEET_MEMBERS = "Thành viên"
MEMBERS_TITLE = "Danh sách thành viên Mạng lưới chuyển đổi số — {scope} — xuất ngày {date}"
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
