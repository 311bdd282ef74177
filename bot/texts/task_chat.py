"""Texts of /nhiemvu: a member's tasks and their status, a coordinator's progress board and
late list, and an admin's import, new task, edits, deadlines and export in the chat."""

CMD = "Nhiệm vụ của kế hoạch, cập nhật tiến độ"
BUTTON = "📋 Nhiệm vụ"
TITLE = "Nhiệm vụ"
TITLE_MINE = "Cập nhật nhiệm vụ"

# ---- a member's tasks ------------------------------------------------------------------
NO_ORGANISATION = (
    "Hồ sơ của anh/chị chưa có đơn vị công tác nên Trợ lý chưa biết nhiệm vụ nào giao cho "
    "anh/chị. Anh/chị vui lòng cập nhật đơn vị bằng /hoso hoặc báo điều phối viên."
)
NO_TASKS = "Hiện {org} chưa được giao nhiệm vụ nào của kế hoạch."
MINE_HEADER = "Nhiệm vụ của {org} ({count}){page}:"
PAGE_OF = " — trang {page}/{pages}"
MINE_ITEM = "{number}. Nhiệm vụ {task}: {title}\n    {due} · {status}"
MINE_OPEN = "Chọn một nhiệm vụ để xem và cập nhật trạng thái."
MINE_GONE = "Nhiệm vụ này không còn giao cho đơn vị của anh/chị."
DETAIL_TITLE = "Nhiệm vụ {number} — kế hoạch “{plan}”"
DETAIL_FIELD = "{label}: {value}"
DETAIL_LABELS = {
    "title": "Nội dung",
    "result": "Kết quả",
    "timing": "Thời gian thực hiện",
    "org": "Đơn vị",
    "due": "Hạn",
    "status": "Trạng thái",
    "note": "Vướng mắc",
    "updated": "Cập nhật lần cuối",
}
DETAIL_ASK = "Trạng thái hiện nay của nhiệm vụ?"
NEW_STATUS = {
    "not_started": "Chưa bắt đầu",
    "in_progress": "Đang thực hiện",
    "done": "Hoàn thành",
    "blocked": "Vướng mắc",
}
ASK_REASON = "Anh/chị ghi ngắn gọn vướng mắc (tối đa {limit} ký tự):"
REASON_TOO_SHORT = "Anh/chị vui lòng ghi rõ vướng mắc (ít nhất {minimum} ký tự)."
REASON_TOO_LONG = "Nội dung dài {count} ký tự; anh/chị rút gọn còn tối đa {limit} ký tự."
STATUS_SAVED = "Đã ghi: nhiệm vụ {task} của {org} — {status}."
MORE_TASKS = "Nhiệm vụ khác"
NOT_YOURS = "Anh/chị không còn cập nhật được nhiệm vụ này (đơn vị hoặc vai trò đã thay đổi)."

# ---- due dates -------------------------------------------------------------------------
NO_DUE = "chưa có hạn"
DUE = "hạn {date}"
DUE_LEFT = "hạn {date} (còn {days} ngày)"
DUE_TODAY = "hạn {date} (hôm nay)"
DUE_LATE = "hạn {date} (quá hạn {days} ngày)"

# ---- a coordinator's board -------------------------------------------------------------
BOARD_HEADER = "Tiến độ nhiệm vụ — {scope}: {tasks} nhiệm vụ, {total} lượt giao đơn vị{page}"
BOARD_TOTAL = "Tổng: {counts}"
COUNTS = (
    "hoàn thành {done} · đang thực hiện {in_progress} · vướng mắc {blocked} · "
    "chưa bắt đầu {not_started} · quá hạn {late}"
)
BOARD_ITEM = "{number}. {task} {title}\n    {total} đơn vị: {counts}"
BOARD_EMPTY = "Chưa có nhiệm vụ nào giao cho đơn vị trong phạm vi {scope}."
BOARD_NOTHING = "Chưa có nhiệm vụ nào giao cho đơn vị trong phạm vi anh/chị phụ trách ({scope})."
TASK_LABEL = "{task} {title}"
LATE_BUTTON = "⏰ Quá hạn ({count})"
MINE_BUTTON = "Nhiệm vụ của {org}"
IMPORT_BUTTON = "📥 Nhập kế hoạch"
NEW_BUTTON = "➕ Thêm nhiệm vụ"
EXPORT_BUTTON = "📊 Xuất XLSX"
TASK_HEADER = "Nhiệm vụ {number} — kế hoạch “{plan}”\n{title}"
TASK_LEAD = "Cơ quan chủ trì: {lead} · thời gian: {timing}"
TASK_COUNTS = "{total} đơn vị trong phạm vi: {counts}"
TASK_ORG_LINE = "  – {org}: {status}; {due}"
TASK_NO_ORG = "Chưa giao cho đơn vị nào trong phạm vi."
TASK_GONE = "Nhiệm vụ này không còn trong kế hoạch hoặc ngoài phạm vi của anh/chị."
LATE_HEADER = "Đơn vị quá hạn{what} ({count}){page}:"
LATE_OF_TASK = " — nhiệm vụ {task}"
LATE_ITEM = "{number}. {org} — nhiệm vụ {task}: quá hạn {days} ngày (hạn {date})\n    {people}"
LATE_PEOPLE = "Đầu mối: {names}"
LATE_NO_PEOPLE = "Chưa có đầu mối"
LATE_NONE = "Không có đơn vị nào quá hạn."
EDIT_TITLE_BUTTON = "✏️ Sửa nội dung"
EDIT_RESULT_BUTTON = "✏️ Sửa kết quả"
DEADLINE_BUTTON = "📅 Đặt/dời hạn"
ADD_ORG_BUTTON = "➕ Giao thêm đơn vị"
REMOVE_ORG_BUTTON = "➖ Thôi giao đơn vị"
ONLY_ADMIN = "Việc này chỉ quản trị viên làm được."

# ---- import in chat --------------------------------------------------------------------
ASK_FILE = (
    "Anh/chị gửi tệp bảng nhiệm vụ (XLSX, CSV UTF-8, DOCX hoặc Markdown) dưới dạng tệp "
    "đính kèm. Trợ lý sẽ cho xem báo cáo chạy thử trước khi nhập."
)
FILE_UNAVAILABLE = (
    "Kênh trò chuyện này chưa nhận được tệp. Anh/chị vui lòng gửi tệp qua Telegram hoặc "
    "trang trò chuyện web, hoặc dùng lệnh mangluoi tasks import trên máy chủ."
)
FILE_FAILED = "Trợ lý chưa tải được tệp; anh/chị vui lòng gửi lại."
ASK_PLAN = (
    "Nhập tệp {file} vào kế hoạch nào? Anh/chị chọn kế hoạch có sẵn (cập nhật theo số thứ tự) "
    "hoặc gõ tên kế hoạch mới."
)
NEW_PLAN_BUTTON = "Kế hoạch mới “{name}”"
PLAN_NAME_BAD = "Tên kế hoạch cần từ {minimum} đến {limit} ký tự."
IMPORT_NEXT = "Chọn “Nhập” để lưu, hoặc “Hủy” để bỏ."
IMPORT_YES = "Nhập"
IMPORT_DONE = "Đã nhập."

# ---- a new task ------------------------------------------------------------------------
NO_PLAN = "Chưa có kế hoạch nào; anh/chị nhập bảng nhiệm vụ của kế hoạch trước."
ASK_NEW_PLAN = "Thêm nhiệm vụ vào kế hoạch nào?"
ASK_GROUP = "Nhiệm vụ thuộc nhóm nào?"
GROUP_LABEL = "{number}. {title}"
NO_GROUP = "Không thuộc nhóm"
ASK_NUMBER = "Số thứ tự của nhiệm vụ trong kế hoạch (ví dụ 5.4)?"
NUMBER_BAD = "Số thứ tự gồm chữ số và dấu chấm, tối đa {limit} ký tự, ví dụ 5.4."
NUMBER_TAKEN = "Kế hoạch đã có nhiệm vụ số {number}; anh/chị chọn số khác."
ASK_TASK_TITLE = "Nội dung nhiệm vụ (tối đa {limit} ký tự)?"
TITLE_BAD = "Nội dung nhiệm vụ cần từ {minimum} đến {limit} ký tự."
ASK_LEAD = "Cơ quan chủ trì? Anh/chị gõ một phần tên để tìm (ví dụ: Nội vụ, Ia Grai)."
ASK_LEAD_AGAIN = "Không tìm thấy đơn vị “{text}”; anh/chị gõ tên khác."
PICK_ORG = "Chọn đơn vị ({count} đơn vị khớp “{text}”):"
PICK_ORG_MORE = "Chỉ hiện {shown} đơn vị đầu; anh/chị gõ tên rõ hơn để thu hẹp."
ASK_TIMING = (
    "Thời gian thực hiện, ghi như kế hoạch (ví dụ: 30/6/2026, Quý III/2026, Năm 2026, "
    "Hằng năm, Thường xuyên):"
)
TIMING_BAD = "Thời gian thực hiện tối đa {limit} ký tự."
TIMING_READ = "Trợ lý hiểu thời gian là: {kind}{due}."
TIMING_DUE = ", hạn {date}"
CONFIRM_NEW = (
    "Kiểm tra lại nhiệm vụ mới:\nKế hoạch: {plan}\nNhóm: {group}\nSố thứ tự: {number}\n"
    "Nội dung: {title}\nCơ quan chủ trì: {lead}\nThời gian: {timing}\n{reading}"
)
SAVE = "💾 Lưu"
CREATED = "Đã thêm nhiệm vụ {number} vào kế hoạch “{plan}”, giao cho {lead}."

# ---- edits, deadlines, organisations, export --------------------------------------------
ASK_EDIT = {
    "title": "Nội dung mới của nhiệm vụ {number} (tối đa {limit} ký tự)? Hiện nay:\n{value}",
    "result": "Kết quả mới của nhiệm vụ {number} (tối đa {limit} ký tự)? Hiện nay:\n{value}",
}
RESULT_BAD = "Kết quả cần từ {minimum} đến {limit} ký tự."
EDITED = {
    "title": "Đã sửa nội dung nhiệm vụ {number}.",
    "result": "Đã sửa kết quả nhiệm vụ {number}.",
}
EMPTY_VALUE = "(trống)"
ASK_DEADLINE_WHO = "Đặt hạn cho đơn vị nào của nhiệm vụ {number}?"
ALL_ORGS = "Tất cả {count} đơn vị"
ONE_ORG = "Một đơn vị (gõ tên)"
ASK_DEADLINE_ORG = "Anh/chị gõ một phần tên đơn vị được giao nhiệm vụ {number}:"
NOT_ASSIGNED_ORG = "Không có đơn vị “{text}” trong số đơn vị được giao nhiệm vụ {number}."
NO_ORGS = "Nhiệm vụ {number} chưa giao cho đơn vị nào; anh/chị giao đơn vị trước."
ASK_DEADLINE_DATE = "Hạn mới cho {who}, ghi ngày/tháng/năm (ví dụ {example}):"
WHO_ALL = "tất cả đơn vị của nhiệm vụ {number}"
DATE_PROBLEMS = {
    "unreadable": "Trợ lý chưa đọc được “{text}” là một ngày",
    "missing_year": "Anh/chị ghi thêm năm",
    "no_such_day": "Tháng {month} chỉ có {limit} ngày",
    "not_leap": "Năm {year} không có ngày 29/02",
    "no_such_month": "Không có tháng {month}",
    "year_out_of_range": "Năm {year} nằm ngoài khoảng Trợ lý nhận",
}
DATE_AGAIN = "{reason}; anh/chị ghi theo dạng ngày/tháng/năm, ví dụ {example}."
DATE_PAST = "Ngày {date} đã qua; anh/chị chọn một ngày từ hôm nay trở đi."
ASK_ADD_ORG = "Giao thêm nhiệm vụ {number} cho đơn vị nào? Anh/chị gõ một phần tên:"
ALREADY_ASSIGNED = "{org} đã được giao nhiệm vụ {number}."
ASK_REMOVE_ORG = "Thôi giao nhiệm vụ {number} cho đơn vị nào?"
ASK_REMOVE_SEARCH = (
    "Nhiệm vụ {number} giao cho {count} đơn vị; anh/chị gõ một phần tên đơn vị cần thôi giao:"
)
ASK_EXPORT_PLAN = "Xuất tiến độ của kế hoạch nào?"
EXPORTED = "Tiến độ kế hoạch “{plan}”: {rows} dòng (nhiệm vụ × đơn vị)."
