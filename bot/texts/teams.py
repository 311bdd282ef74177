"""Texts of the community digital-technology teams (/todoi)."""

TITLE = "Tổ công nghệ số cộng đồng"
CMD = "Tổ công nghệ số cộng đồng: đăng ký, danh sách, sửa"
BUTTON = "👥 Tổ CNSCĐ"
NOT_FOR_YOU = (
    "Chức năng này dành cho điều phối viên và tổ trưởng Tổ công nghệ số cộng đồng. "
    "Nếu anh/chị là thành viên Tổ CNSCĐ, vui lòng cập nhật nhóm thành viên trong /hoso."
)
YOUR_TEAM = (
    "Anh/chị thuộc {team} ({village}, {commune}). Tổ trưởng: {leader}. Số thành viên: {count}."
)
ROOT = "Tổ công nghệ số cộng đồng — chọn việc cần làm:"
NEW = "➕ Đăng ký tổ mới"
LIST = "📋 Danh sách tổ"
OPEN_TEAM = "👥 {name}"

SUMMARY_DISTRICTS = "Tổ CNSCĐ theo huyện (số tổ · số thành viên):"
SUMMARY_DISTRICT_LINE = "• {district}: {teams} tổ · {members} thành viên"
SUMMARY_COMMUNES = "Tổ CNSCĐ {where} (số tổ · số thành viên):"
SUMMARY_COMMUNE_LINE = "• {commune}: {teams} tổ · {members} thành viên"
SUMMARY_EMPTY_COMMUNES = "Còn {count} xã, phường, thị trấn chưa có tổ nào."
SUMMARY_NONE = "Chưa có Tổ CNSCĐ nào trong phạm vi phụ trách."
WHERE_ALL = "trong phạm vi phụ trách"
WHERE_DISTRICT = "ở {district}"
PICK_COMMUNE_LABEL = "{commune} ({teams})"
PICK_DISTRICT_LABEL = "{district} ({teams})"

TEAMS_OF = "Tổ CNSCĐ ở {commune}:"
TEAM_LINE = "{number}. {name} — {village} — tổ trưởng: {leader} — {count} thành viên"
TEAMS_NONE = "{commune} chưa có Tổ CNSCĐ nào."
ADD_HERE = "➕ Thêm tổ ở xã này"
NO_LEADER = "chưa có"

TEAM_DETAIL = (
    "👥 {name}\n📍 {village}, {commune}\n⭐ Tổ trưởng: {leader}\nThành viên ({count}):\n{members}"
)
MEMBER_LINE = "• {name}{pending}"
MEMBER_PENDING = " (chờ duyệt)"
NO_MEMBERS = "(chưa có ai)"
EDIT_NAME = "✏️ Đổi tên tổ"
EDIT_VILLAGE = "✏️ Đổi thôn/làng"
EDIT_LEADER = "⭐ Đổi tổ trưởng"
INVITE = "🔗 Link mời thành viên"
DEACTIVATE = "⛔ Ngừng hoạt động"
TEAM_GONE = "Tổ này không còn hoạt động."
NOT_IN_SCOPE = "Tổ này nằm ngoài phạm vi phụ trách."

ASK_VILLAGE = (
    "Tổ thuộc thôn, làng hay tổ dân phố nào? Gõ tên (ví dụ: Làng Kép, Thôn 3, Tổ dân phố 5):"
)
VILLAGE_BAD = "Tên thôn, làng cần từ 2 đến 120 ký tự."
VILLAGE_TAKEN = "{village} đã có tổ “{team}”. Mỗi thôn, làng chỉ có một Tổ CNSCĐ."
ASK_NAME = "Tên tổ? Bấm gợi ý hoặc gõ tên khác:"
SUGGESTED_NAME = "Tổ CNSCĐ {village}"
NAME_BAD = "Tên tổ cần từ 3 đến 120 ký tự."
ASK_LEADER = "Ai là tổ trưởng? Chọn một thành viên Tổ CNSCĐ của xã, hoặc để sau:"
LEADER_LATER = "Chưa có, mời sau"
CONFIRM_NEW = "Đăng ký tổ mới:\n👥 {name}\n📍 {village}, {commune}\n⭐ Tổ trưởng: {leader}"
CREATE = "✅ Đăng ký tổ"
CREATED = (
    "Đã đăng ký {name}. Mời thành viên bằng link mời của tổ: mỗi người tự đăng ký qua link "
    "và được xếp ngay vào tổ."
)
MAKE_INVITE = "🔗 Tạo link mời"
SAVED = "Đã lưu."
ASK_NEW_NAME = "Tên mới của tổ?"
ASK_NEW_VILLAGE = "Tên mới của thôn, làng hoặc tổ dân phố?"
ASK_NEW_LEADER = "Chọn tổ trưởng mới trong các thành viên của tổ:"
REMOVE_LEADER = "Bỏ trống tổ trưởng"
ASK_DEACTIVATE = (
    "Ngừng hoạt động {name}? Tổ sẽ không còn trong danh sách; các thành viên vẫn giữ "
    "tư cách thành viên mạng lưới."
)
YES_DEACTIVATE = "⛔ Có, ngừng hoạt động"
KEEP = "Không, giữ lại"
DEACTIVATED = "Đã ngừng hoạt động {name}."
KEPT = "Đã giữ nguyên tổ."
ONLY_COORDINATOR = "Chỉ điều phối viên phụ trách mới làm được việc này."
