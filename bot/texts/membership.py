"""Texts of managing members: describing them, approval, roles, directory, organisations."""

STATUS = {
    "pending": "chờ duyệt",
    "active": "đang hoạt động",
    "rejected": "không được duyệt",
    "deleted": "đã xóa dữ liệu",
}
ROLE = {"member": "Thành viên", "coordinator": "Điều phối viên", "admin": "Quản trị viên"}
LINE_NAME = "👤 {value}"
LINE_PHONE = "📱 {value}"
LINE_CATEGORY = "🏷 {value}"
LINE_ORG = "🏢 {value}"
LINE_UNIT = "📍 {value}"
LINE_TEAM = "👥 {value}"
LINE_POSITION = "💼 {value}"
LINE_STATUS = "Trạng thái: {status} · Vai trò: {role}"
LINE_REGISTERED = "Đăng ký lúc: {when}"
SCOPE_PROVINCE = "toàn tỉnh"
SCOPE_UNIT = "{unit}"
LINE_SCOPE = "Phạm vi phụ trách: {scope}"

# approvals
CMD_PENDING = "Xem đăng ký đang chờ duyệt"
BUTTON_PENDING = "⏳ Chờ duyệt"
APPROVE = "✅ Duyệt"
REJECT = "❌ Từ chối"
NONE_PENDING = "Không có đăng ký nào đang chờ duyệt trong phạm vi phụ trách. 👍"
PENDING_HEADER = "Có {total} đăng ký đang chờ duyệt trong phạm vi phụ trách:"
PENDING_MORE = "Còn {more} đăng ký nữa; duyệt xong, gõ /choduyet để xem tiếp."
PENDING_ITEM = "⏳ Đăng ký #{id}\n{details}"
CHANGE_ITEM = "🔁 {name} xin chuyển địa bàn:\nTừ: {old}\nSang: {new}"
CHANGE_HEADER = "Yêu cầu chuyển địa bàn đang chờ duyệt:"
APPROVED_DONE = "Đã duyệt {name}. {told}"
ALREADY_DECIDED = "Đăng ký này đã được xử lý rồi ({status})."
NOT_FOUND = "Không tìm thấy đăng ký này nữa."
OUT_OF_SCOPE = "Xin lỗi, việc này nằm ngoài phạm vi phụ trách."
REJECT_TITLE = "Từ chối đăng ký"
ASK_REASON = "Lý do từ chối {name}? Bấm một lý do hoặc gõ lý do khác (người đăng ký sẽ đọc):"
REASONS = (
    "Không thuộc Mạng lưới chuyển đổi số",
    "Thông tin chưa chính xác",
    "Đăng ký trùng",
)
REASON_BAD = "Lý do cần từ 3 đến 200 ký tự."
REJECTED_DONE = "Đã từ chối {name} với lý do: {reason}. {told}"
TELL_APPROVED = (
    "🎉 Đăng ký của anh/chị đã được duyệt. Chào mừng anh/chị đến với Mạng lưới chuyển đổi số "
    "tỉnh Gia Lai! Gõ /help để xem các lệnh dùng được."
)
TELL_REJECTED = (
    "Rất tiếc, đăng ký của anh/chị chưa được duyệt. Lý do: {reason}.\n"
    "Anh/chị có thể sửa thông tin và đăng ký lại bằng lệnh /dangky."
)
TELL_CHANGE_APPROVED = "✅ Yêu cầu chuyển địa bàn sang {unit} đã được duyệt."
TELL_CHANGE_REJECTED = "Yêu cầu chuyển địa bàn sang {unit} chưa được duyệt. Lý do: {reason}."
CHANGE_APPROVED_DONE = "Đã duyệt yêu cầu chuyển địa bàn của {name}. {told}"
CHANGE_REJECTED_DONE = "Đã từ chối yêu cầu chuyển địa bàn của {name}. {told}"
# Whether the person decided on was told (the decision goes at once, even in quiet hours).
TOLD = "Trợ lý đã gửi thông báo cho người đăng ký."
NOT_TOLD = (
    "Trợ lý không liên lạc được với người đăng ký qua kênh nào (có thể đã chặn Trợ lý); "
    "anh/chị vui lòng báo trực tiếp."
)
NOTIFY_CHANGE = "🔁 Yêu cầu chuyển địa bàn chờ duyệt:\n{details}\nSang: {new}"
SEE_MENU = "📋 Xem menu"

# roles
CMD_ROLES = "Phân quyền cho thành viên"
ROLES_TITLE = "Phân quyền"
ASK_WHO = "Đổi vai trò của ai? Gõ tên hoặc số điện thoại:"
WHO_NONE = "Không tìm thấy thành viên nào khớp “{text}”. Vui lòng thử cách gõ khác."
WHO_PICK = "Chọn thành viên:"
NOT_YOURSELF = "Anh/chị không thể tự đổi vai trò cho bản thân."
ASK_ROLE = "{name} hiện là {role}. Chọn vai trò mới:"
ASK_SCOPE_KIND = "Điều phối viên phụ trách phạm vi nào?"
SCOPE_KINDS = {"province": "Toàn tỉnh", "district": "Một huyện", "commune": "Một xã"}
ASK_SCOPE_DISTRICT = "Điều phối viên phụ trách huyện, thị xã, thành phố nào?"
ASK_SCOPE_COMMUNE = "Điều phối viên phụ trách xã, phường, thị trấn nào? Gõ tên:"
CONFIRM_ROLE = "Đổi vai trò của {name}: {old} → {new}{scope}. Xác nhận?"
CONFIRM_SCOPE = " ({scope})"
CONFIRM = "✅ Xác nhận"
ROLE_DONE = "Đã đổi vai trò của {name} thành {role}{scope}."
ROLE_SAME = "{name} đã là {role}{scope} rồi, không có gì thay đổi."
TELL_ROLE = (
    "Vai trò của anh/chị trong mạng lưới đã đổi thành: {role}{scope}. Gõ /help để xem lệnh mới."
)

# directory
CMD_DIRECTORY = "Tìm và xuất danh sách thành viên"
BUTTON_DIRECTORY = "📇 Thành viên"
DIRECTORY_TITLE = "Danh sách thành viên"
ASK_QUERY = (
    "Gõ tên, số điện thoại hoặc tên xã/huyện để tìm thành viên trong phạm vi phụ trách "
    "({scope}), hoặc chọn:"
)
ALL = "📋 Tất cả"
EXPORT = "📥 Xuất Excel"
PREV = "◀️ Trang trước"
NEXT = "Trang sau ▶️"
SEARCH_OTHER = "🔎 Tìm khác"
RESULTS = "{title}: {total} thành viên (trang {page}/{pages})"
RESULTS_ALL = "Tất cả"
RESULTS_FOR = "Kết quả “{query}”"
NO_RESULTS = "Không có thành viên nào khớp “{query}” trong phạm vi phụ trách."
RESULT_LINE = "{number}. {name} — {phone} — {unit} — {status}"
EXPORTED = "Đã xuất {count} thành viên ra tệp Excel."
EXPORT_EMPTY = "Không có thành viên nào để xuất."
EXPORT_FILE = "thanh-vien-{date}.xlsx"

# organisations
CMD_ORGS = "Danh sách cơ quan, doanh nghiệp"
ORGS_TITLE = "Cơ quan, doanh nghiệp"
ORGS_SUMMARY = (
    "Sở, ban, ngành: {departments} · UBND huyện: {districts} · UBND xã: {communes} · "
    "Doanh nghiệp: {enterprises}"
)
ORGS_ENTERPRISES = "Doanh nghiệp trong mạng lưới:"
ORGS_NONE = "(chưa có)"
ADD_ENTERPRISE = "➕ Thêm doanh nghiệp"
ADD_DEPARTMENT = "➕ Thêm sở, ban, ngành"
DONE = "Xong"
ASK_ORG_NAME = "Gõ tên đầy đủ của {kind}:"
ORG_KIND_NAMES = {"so_nganh": "sở, ban, ngành", "doanh_nghiep": "doanh nghiệp"}
ORG_ADDED = "Đã thêm: {name}."
ORG_NAME_BAD = "Tên cần từ 3 đến 200 ký tự."
