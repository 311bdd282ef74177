"""Texts of the plan's tasks: import report, lists, details, deadlines, export."""

CLI_HELP = "nhiệm vụ của kế hoạch: nhập bảng, xem, đặt hạn, xuất XLSX / plan tasks"
CLI_ERROR = "Lỗi: {error}"
# Help of `mangluoi tasks …`, Vietnamese first.
CLI_ACTIONS = {
    "import": "nhập bảng nhiệm vụ (XLSX, CSV, DOCX, Markdown) / import a plan's table",
    "list": "danh sách nhiệm vụ của kế hoạch / list the tasks",
    "show": "chi tiết một nhiệm vụ và các đơn vị thực hiện / one task in full",
    "set-deadline": "đặt hoặc dời hạn một nhiệm vụ / set or move a deadline",
    "assign": "giao thêm, thôi giao hoặc chuyển đơn vị / change who does a task",
    "export": "xuất tiến độ ra tệp XLSX / export progress as XLSX",
    "days-off": "ngày nghỉ thêm (nghỉ bù…): add, remove, list / the admin's days off",
    "reminders": "ngày nhắc hạn riêng của một nhiệm vụ / a task's own reminder days",
}
CLI_OPTIONS = {
    "file": "tệp bảng nhiệm vụ: .xlsx, .csv, .docx hoặc .md / the plan's file",
    "import_plan": "tên kế hoạch (mặc định: tên tệp) / plan name (default: the file's name)",
    "plan": "tên kế hoạch; cần khi có nhiều kế hoạch / plan name, if there are several",
    "dry_run": "chỉ xem báo cáo, không lưu / report only, save nothing",
    "kind": "chỉ nhiệm vụ có loại thời hạn này / only tasks of this timing kind",
    "number": "số thứ tự nhiệm vụ trong kế hoạch, ví dụ 5.2 / the task's number",
    "date": "hạn mới, ngày/tháng/năm, ví dụ 30/06/2026 / the new deadline",
    "org": "chỉ đặt hạn cho một đơn vị được giao / only this organisation",
    "year": "năm của hạn (nhiệm vụ hằng năm; mặc định: năm của ngày) / the deadline's year",
    "yearly": (
        "ngày/tháng hạn mỗi năm, ví dụ 30/11, hoặc default để về ngày mặc định / the yearly day"
    ),
    "add": "giao thêm cho đơn vị này / assign to this organisation",
    "remove": "thôi giao cho đơn vị này / take the task from this organisation",
    "move": "chuyển từ đơn vị này sang đơn vị kia / move from one organisation to another",
    "format": "định dạng tệp (hiện chỉ có xlsx) / file format",
    "out": "tệp lưu kết quả (mặc định: nhiem-vu-NĂMTHÁNGNGÀY.xlsx) / output file",
    "days_off": "thêm, bỏ hoặc xem ngày nghỉ / add, remove or list days off",
    "day": "ngày nghỉ, ngày/tháng/năm, ví dụ 02/01/2026 / the day off",
    "name": 'tên ngày nghỉ, ví dụ "Nghỉ bù Tết Dương lịch" / its name',
    "offsets": (
        'số ngày nhắc trước hạn, ví dụ "7, 1, 0" (số âm: quá hạn), hoặc default để theo '
        "cấu hình chung / days before the deadline, or default"
    ),
}
CLI_ACTION_METAVAR = "VIỆC"
CLI_METAVARS = {
    "file": "TỆP",
    "plan": "TÊN",
    "number": "SỐ",
    "date": "NGÀY",
    "org": "ĐƠN_VỊ",
    "year": "NĂM",
    "yearly": "NGÀY/THÁNG",
    "name": "TÊN",
    "offsets": "NGÀY,…",
}
CLI_MOVE_METAVARS = ("TỪ", "SANG")
# What `--yearly` accepts to go back to the configured yearly day.
YEARLY_RESET_WORDS = ("default", "mac-dinh", "mặc-định", "mặc định")
EXPORT_FILE_NAME = "nhiem-vu-{date}.xlsx"
CONFIG_BAD_YEARLY_DAY = "'{value}' phải là ngày/tháng có thật, ví dụ '15/12'"
CONFIG_BAD_OFFSETS = (
    "cần ít nhất một số ngày, mỗi số từ -{limit} đến {limit}, ví dụ [14, 7, 3, 1, 0, -1]"
)

# One sentence per file that cannot be imported (nothing is imported then).
FILE_PROBLEMS = {
    "too_large": "Tệp quá lớn ({size} MB); Trợ lý chỉ nhận bảng nhiệm vụ đến {limit} MB.",
    "empty": "Tệp trống, không có gì để nhập.",
    "encrypted": (
        "Tệp đang được đặt mật khẩu; anh/chị vui lòng gỡ mật khẩu (lưu lại không mật khẩu) "
        "rồi gửi lại."
    ),
    "legacy": (
        "Đây là tệp Word/Excel đời cũ (.doc, .xls); anh/chị vui lòng lưu lại dạng DOCX hoặc "
        "XLSX rồi gửi lại."
    ),
    "not_supported": "Trợ lý chỉ đọc được bảng nhiệm vụ dạng XLSX, CSV, DOCX hoặc Markdown.",
    "not_utf8": "Tệp CSV không ở bảng mã UTF-8; anh/chị vui lòng lưu lại dạng CSV UTF-8.",
    "damaged": "Không mở được tệp: tệp bị hỏng hoặc không đúng định dạng.",
    "no_table": "Tệp không có bảng nào; bảng nhiệm vụ cần nằm trong một bảng.",
    "no_header": (
        "Không tìm thấy dòng tiêu đề của bảng nhiệm vụ (cần có các cột Số TT, Nhiệm vụ, "
        "Cơ quan chủ trì)."
    ),
    "no_tasks": "Bảng có dòng tiêu đề nhưng không có nhiệm vụ nào.",
}
NO_FILE = "Không đọc được tệp {path} ({error})."

KINDS = {
    "date": "theo ngày",
    "month": "theo tháng",
    "quarter": "theo quý",
    "year": "trong năm",
    "yearly": "hằng năm",
    "continuous": "thường xuyên",
    "open": "chờ văn bản/yêu cầu",
    "needs_date": "cần đặt hạn",
}
PROBLEMS = {
    "empty": "không ghi thời gian",
    "unreadable": "không đọc được thời gian",
    "bad_date": "ngày không hợp lệ",
}
SKIPPED = {
    "no_title": "có số nhưng không có nội dung nhiệm vụ",
    "duplicate": "trùng số với dòng trước",
    "orphan": "dòng viết tiếp nhưng không có nhiệm vụ phía trước",
}
ORG_KINDS = {
    "so_nganh": "sở, ban, ngành",
    "ubnd_huyen": "UBND cấp huyện",
    "ubnd_xa": "UBND cấp xã",
    "doanh_nghiep": "doanh nghiệp",
}
FIELDS = {
    "title": "nội dung",
    "lead": "cơ quan chủ trì",
    "partners": "cơ quan phối hợp",
    "result": "kết quả",
    "timing_text": "thời gian",
    "group_id": "nhóm",
    "unnumbered": "số thứ tự",
    "in_plan": "có lại trong tệp",
}
STATUS = {
    "not_started": "Chưa thực hiện",
    "in_progress": "Đang thực hiện",
    "done": "Đã hoàn thành",
    "blocked": "Gặp vướng mắc",
}

REPORT_HEADER = "Nhập nhiệm vụ từ tệp {source} vào kế hoạch “{plan}”{new}{dry}"
REPORT_NEW_PLAN = " (kế hoạch mới)"
REPORT_DRY = " — CHẠY THỬ, chưa lưu gì"
REPORT_FOUND = "• Tìm thấy {groups} nhóm, {tasks} nhiệm vụ ({tables} bảng)."
REPORT_UNNUMBERED = "• Dòng không đánh số, đã đặt số: {numbers}."
REPORT_MERGED = "• Gộp {count} dòng bị ngắt trang: {items}."
REPORT_MERGED_ITEM = "{number} (bảng {table}, dòng {line})"
REPORT_BLANK = "• Bỏ qua {count} dòng trống."
REPORT_SKIPPED = "• Không nhập {count} dòng: {items}."
REPORT_SKIPPED_NUMBER = " (số {number})"
REPORT_SKIPPED_ITEM = "bảng {table} dòng {line}{number}: {reason}"
REPORT_IGNORED_TABLES = "• Bỏ qua {count} bảng không phải bảng nhiệm vụ."
REPORT_KINDS = "• Thời gian: {items}."
REPORT_KIND_ITEM = "{kind} {count}"
REPORT_NEEDS_DATE = "• Cần đặt hạn ({count}): {items}."
REPORT_NEEDS_DATE_ITEM = "{number} ({reason}{detail})"
REPORT_NO_NEEDS_DATE = "• Không có nhiệm vụ nào cần đặt hạn."
REPORT_UNMATCHED = "• Cơ quan chủ trì không khớp đơn vị nào ({count}):"
REPORT_UNMATCHED_ITEM = "   – {number}: “{text}”{suggestion}"
REPORT_SUGGESTION = " → gần nhất: {name}"
REPORT_NO_SUGGESTION = " → không có đơn vị gần giống"
REPORT_ALL_MATCHED = "• Mọi cơ quan chủ trì đều khớp đơn vị."
REPORT_UNASSIGNED = "• Chưa giao cho đơn vị nào: {numbers}."
REPORT_ASSIGNED = "• Giao cho: {items}."
REPORT_ASSIGNED_ITEM = "{count} {kind}"
REPORT_NOBODY_ASSIGNED = "• Chưa giao cho đơn vị nào."
REPORT_FOCAL = (
    "• Đầu mối: {points} thành viên ở {with_points}/{orgs} đơn vị; {without} đơn vị "
    "chưa có đầu mối{names}."
)
REPORT_FOCAL_PEOPLE = (
    "• Không liên lạc được: {unreachable}; đã rời mạng lưới: {left}; "
    "thành viên chưa có đơn vị: {loose}."
)
REPORT_CHANGES = "• Mới {created} · cập nhật {updated} · giữ nguyên {unchanged}."
REPORT_UPDATED = "• Đã cập nhật: {items}."
REPORT_UPDATED_ITEM = "{number} ({fields})"
REPORT_DROPPED = "• Không còn trong tệp (ngừng nhắc, giữ lịch sử): {numbers}."
REPORT_NOTHING_CHANGED = "• Không có gì thay đổi so với lần nhập trước."
REPORT_DEADLINES = "• Thêm {count} hạn cho các đơn vị."
REPORT_DRY_NEXT = "Chạy lại không có --dry-run để lưu."
MORE = " và {count} khác"

NO_PLAN = "Chưa có kế hoạch nào; nhập bảng nhiệm vụ trước: mangluoi tasks import TỆP --plan TÊN"
PLAN_UNKNOWN = "Không có kế hoạch “{plan}”. Các kế hoạch: {plans}."
PLAN_CHOOSE = "Có nhiều kế hoạch, anh/chị chọn một bằng --plan: {plans}."
TASK_UNKNOWN = "Kế hoạch “{plan}” không có nhiệm vụ số {number}."
ORG_UNKNOWN = "Không tìm thấy đơn vị “{name}” trong số đơn vị được giao nhiệm vụ {number}."
ORG_NOT_FOUND = "Không tìm thấy đơn vị “{name}”."
ORG_AMBIGUOUS = "“{name}” khớp nhiều đơn vị: {names}. Anh/chị ghi rõ hơn."
BAD_DATE = (
    "“{value}” không phải ngày hợp lệ; anh/chị ghi theo dạng ngày/tháng/năm, ví dụ 30/06/2026."
)
BAD_DAY_MONTH = "“{value}” không phải ngày/tháng hợp lệ; ví dụ 15/12."
BAD_YEAR = "Nhiệm vụ {number} là nhiệm vụ hằng năm: anh/chị ghi thêm --year NĂM."
NOT_YEARLY = "Nhiệm vụ {number} không phải nhiệm vụ hằng năm."
NO_ASSIGNMENT = "Nhiệm vụ {number} chưa giao cho đơn vị nào; hạn chưa đặt được."
DEADLINE_SET = "Đã đặt hạn {date} cho nhiệm vụ {number} ({count} đơn vị)."
YEARLY_DAY_SET = "Nhiệm vụ {number}: hạn hằng năm là ngày {day}; {count} hạn mới được thêm."
YEARLY_DAY_RESET = "Nhiệm vụ {number}: hạn hằng năm trở lại ngày mặc định {day}."
ASSIGNED = "Đã giao nhiệm vụ {number} cho {org}."
UNASSIGNED = "Đã thôi giao nhiệm vụ {number} cho {org}."
REASSIGNED = "Đã chuyển nhiệm vụ {number} từ {old} sang {new}."

LIST_HEADER = "Kế hoạch “{plan}”: {count} nhiệm vụ"
LIST_GROUP = "{number}. {title}"
LIST_TASK = "  {number}{mark} {title} — {lead} — {timing} — {orgs} đơn vị{due}"
LIST_UNNUMBERED_MARK = "*"
LIST_UNNUMBERED_NOTE = "(* dòng không đánh số trong kế hoạch, số do Trợ lý đặt)"
LIST_NEXT_DUE = " — hạn gần nhất {date}"
LIST_EMPTY = "Không có nhiệm vụ nào khớp."
NO_TIMING = "(không ghi)"

SHOW_TITLE = "Nhiệm vụ {number}{mark} — kế hoạch “{plan}”"
SHOW_UNNUMBERED = " (không đánh số trong kế hoạch)"
SHOW_GROUP = "Nhóm {number}: {title}"
SHOW_FIELD = "{label}: {value}"
SHOW_LABELS = {
    "title": "Nội dung",
    "lead": "Cơ quan chủ trì",
    "partners": "Cơ quan phối hợp (chỉ để biết, không nhắc)",
    "result": "Kết quả",
    "timing": "Thời gian thực hiện",
}
SHOW_KIND = "Loại thời hạn: {kind}{extra}"
SHOW_YEARLY_DAY = " (hạn ngày {day} mỗi năm)"
SHOW_ASSIGNED = "Đơn vị thực hiện ({count}):"
SHOW_ASSIGNMENT = "  – {org}: {status}; hạn {deadlines}; {people}"
SHOW_PEOPLE = "đầu mối: {names}"
PERSON_PHONE = "{name} ({phone})"
SHOW_NO_DEADLINE = "chưa có"
SHOW_NO_PEOPLE = "chưa có đầu mối"
SHOW_MOVED = "     hạn cũ: {items}"
SHOW_NONE_ASSIGNED = "Chưa giao cho đơn vị nào."
SHOW_NOT_IN_PLAN = "Nhiệm vụ này không còn trong tệp kế hoạch nhập gần nhất."

EXPORT_SAVED = "Đã xuất {rows} dòng (nhiệm vụ × đơn vị) vào {path}."
SHEET_TASKS = "Nhiệm vụ"
EXPORT_TITLE = "Tiến độ nhiệm vụ kế hoạch “{plan}” — xuất ngày {date}"
EXPORT_COLUMNS = (
    "Số TT",
    "Nhiệm vụ",
    "Cơ quan chủ trì (theo kế hoạch)",
    "Đơn vị thực hiện",
    "Loại đơn vị",
    "Thời gian thực hiện",
    "Hạn",
    "Trạng thái",
    "Cập nhật lần cuối",
    "Người cập nhật",
    "Đầu mối",
)
EXPORT_NO_ORG = "(chưa giao)"
