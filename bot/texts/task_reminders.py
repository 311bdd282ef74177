"""Texts of deadline reminders (what members receive and how their answers are confirmed),
of the escalation to coordinators and admins, and of the days-off command line."""

REMINDER_TITLE = "⏰ Nhắc hạn nhiệm vụ {number}: {title}"
REMINDER_ORG = "Đơn vị: {org}"
REMINDER_DUE = "Hạn: {date} — {when}"
DAYS_LEFT = "còn {days} ngày"
DUE_TODAY = "hôm nay là hạn"
DAYS_LATE = "quá hạn {days} ngày"
REMINDER_RESULT = "Kết quả cần có: {result}"
REMINDER_ASK = "Anh/chị cho biết tiến độ của đơn vị:"
ANSWERS = {
    "done": "Đã hoàn thành",
    "doing": "Đang thực hiện",
    "blocked": "Vướng mắc",
    "later": "Nhắc lại sau",
}

LATER_SET = "Trợ lý sẽ nhắc lại nhiệm vụ {task} lúc {when}."
ALREADY_DONE = "Nhiệm vụ {task} của {org} đã được ghi hoàn thành; anh/chị không cần cập nhật thêm."
DEADLINE_MOVED = (
    "Hạn của nhiệm vụ {task} đã thay đổi{now}. Anh/chị dùng /nhiemvu để xem và cập nhật."
)
DEADLINE_NOW = " (nay là {date})"
REASON_TITLE = "Vướng mắc của nhiệm vụ"

ESCALATION_TITLE = "⚠️ Nhiệm vụ {number} quá hạn (hạn {date}): {title}"
ESCALATION_COUNT = "{count} đơn vị chưa hoàn thành:"
ESCALATION_ORG = "– {org}: {status}, quá hạn {days} ngày"
ESCALATION_PEOPLE = "    Đầu mối: {names}"
ESCALATION_NOBODY = "    Chưa có đầu mối"
ESCALATION_MORE = "… và {count} đơn vị khác (xem /nhiemvu → Quá hạn)."
ESCALATION_BUTTON = "Nhắc lại ngay"
NUDGED = "Đã xếp hàng nhắc lại nhiệm vụ {task} tới {people} người của {orgs} đơn vị."
NUDGED_BEFORE = "Hôm nay các đơn vị đã được nhắc lại nhiệm vụ {task}; Trợ lý không gửi lặp lại."
NUDGE_NOBODY = (
    "Các đơn vị chậm nhiệm vụ {task} chưa có đầu mối nào trên Trợ lý; anh/chị liên hệ trực "
    "tiếp (xem /nhiemvu → Quá hạn)."
)
NOBODY_LATE = "Các đơn vị trong phạm vi của anh/chị đã hoàn thành nhiệm vụ {task}."
NOT_COORDINATOR = "Chỉ điều phối viên và quản trị viên dùng được nút này."
ESCALATION_GONE = "Thông báo quá hạn này không còn dùng được."

# ---- days off in /nhiemvu (admins) -------------------------------------------------------
DAYS_OFF_BUTTON = "📅 Ngày nghỉ"
UPCOMING_HEADER = (
    "Ngày nghỉ trong {days} ngày tới (không kể thứ Bảy, Chủ nhật). Tin nhắc hạn rơi vào ngày "
    "nghỉ được gửi vào ngày làm việc liền trước:"
)
UPCOMING_NONE = "Không có ngày lễ hay ngày nghỉ nào trong {days} ngày tới."
UPCOMING_ADMIN = " (quản trị viên thêm)"
UPCOMING_HOW = (
    "Thêm, bỏ ngày nghỉ (nghỉ bù…) bằng các nút dưới đây hoặc lệnh "
    "mangluoi tasks days-off add|remove|list"
)
DAY_OFF_ADD_BUTTON = "➕ Thêm ngày nghỉ"
DAY_OFF_REMOVE_BUTTON = "➖ Bỏ ngày nghỉ đã thêm"
ASK_DAY_OFF_DATE = "Ngày nghỉ thêm là ngày nào? Ví dụ: {example}."
ASK_DAY_OFF_NAME = "Tên của ngày nghỉ {date} (ví dụ: Nghỉ bù Tết Dương lịch)?"
ASK_DAY_OFF_REMOVE = "Bỏ ngày nghỉ nào? Tin nhắc hạn sẽ lại được gửi vào ngày đó."
DAY_OFF_CHOICE = "{date} — {name}"
DAY_OFF_NONE_AHEAD = "Không có ngày nghỉ nào do quản trị viên thêm từ hôm nay trở đi."

# ---- days off (command line) --------------------------------------------------------------
DAYS_OFF_HEADER = "Ngày nghỉ do quản trị viên thêm ({count}):"
DAYS_OFF_ITEM = "  {date} ({weekday}) — {name}"
DAYS_OFF_NONE = "Chưa có ngày nghỉ nào do quản trị viên thêm."
DAY_OFF_ADDED = "Đã thêm ngày nghỉ {date}: {name}."
DAY_OFF_RENAMED = "Đã đổi tên ngày nghỉ {date}: {name}."
DAY_OFF_REMOVED = "Đã bỏ ngày nghỉ {date}."
DAY_OFF_MISSING = "Ngày {date} không có trong danh sách ngày nghỉ do quản trị viên thêm."
DAY_OFF_BAD_DATE = "Ngày “{text}” không đọc được; ví dụ đúng: 02/01/2026."
DAY_OFF_BAD_NAME = "Tên ngày nghỉ cần từ 1 đến {limit} ký tự."
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
OFFSETS_BAD = (
    "“{text}” không đọc được; ghi các số ngày trước hạn, cách nhau bởi dấu phẩy, mỗi số từ "
    '-{limit} đến {limit} (số âm: số ngày quá hạn), ví dụ "7, 1, 0".'
)
OFFSETS_OWN = "Nhiệm vụ {number} được nhắc trước hạn (ngày): {offsets}."
OFFSETS_DEFAULT = "Nhiệm vụ {number} được nhắc theo cấu hình chung (ngày trước hạn): {offsets}."

# ---- a task's own reminder days in /nhiemvu (admins) ---------------------------------------
REMINDER_DAYS_BUTTON = "⏰ Lịch nhắc"
SCHEDULE_BEFORE = "trước hạn {days} ngày"
SCHEDULE_ON_THE_DAY = "đúng ngày hạn"
SCHEDULE_AFTER = "sau {days} ngày"
SCHEDULE_WEEKLY = "hằng tuần"
SCHEDULE_EVERY = "cứ {days} ngày một lần"
SCHEDULE_THEN = " rồi "
SCHEDULE_HEAD = "Nhắc {before}"
SCHEDULE_LATE = "{head}; quá hạn: {late}"
SCHEDULE_ONLY_LATE = "Nhắc khi quá hạn: {late}"
SCHEDULE_NO_LATE = "{head}; không nhắc khi đã quá hạn"
SCHEDULE_DEFAULT = " (mặc định)"
SCHEDULE_OWN = " (riêng của nhiệm vụ này)"
SHOW_REMINDER_DAYS = (
    "Lịch nhắc hạn của nhiệm vụ {number}:\n{schedule}.\n"
    "Tin nhắc rơi vào ngày nghỉ được gửi vào ngày làm việc liền trước."
)
CHANGE_DAYS_BUTTON = "✏️ Đổi ngày nhắc"
USE_DEFAULT_BUTTON = "↩️ Dùng mặc định"
ASK_REMINDER_DAYS = (
    "Anh/chị gõ các số ngày nhắc trước hạn của nhiệm vụ {number}, cách nhau bởi dấu phẩy "
    "(0: đúng ngày hạn; số âm: số ngày quá hạn), ví dụ: 7, 3, 1, 0"
)
REMINDER_DAYS_BAD = (
    "Trợ lý chưa đọc được “{text}”; anh/chị ghi các số từ -{limit} đến {limit}, cách nhau "
    "bởi dấu phẩy, ví dụ: 7, 3, 1, 0."
)
REMINDER_DAYS_SET = "Đã đổi lịch nhắc nhiệm vụ {number}: {schedule}."
REMINDER_DAYS_RESET = "Nhiệm vụ {number} trở về lịch nhắc mặc định: {schedule}."
