"""Texts of announcements: composing (/thongbao), what members receive, acknowledgements,
attendance answers, reminders and the sender's report (/tinhhinh)."""

# ---- commands ---------------------------------------------------------------------------
CMD_COMPOSE = (
    "Xem lại thông báo đã nhận và trả lời; điều phối viên soạn, gửi thông báo, lịch tập huấn"
)
CMD_STATUS = "Xem tình hình các thông báo đã gửi"
BUTTON_COMPOSE = "📣 Thông báo"
BUTTON_STATUS = "📊 Tình hình"
FLOW_TITLE = "Soạn thông báo"
FIX_TITLE = "Đính chính thông báo"
REASON_TITLE = "Lý do không tham gia"

KINDS = {
    "training": "Tập huấn",
    "meeting": "Giao ban",
    "workshop": "Hội thảo",
    "notice": "Thông báo chung",
}
KIND_HEADINGS = {
    "training": "🎓 TẬP HUẤN",
    "meeting": "🗓 GIAO BAN",
    "workshop": "🧑‍🏫 HỘI THẢO",
    "notice": "📢 THÔNG BÁO",
}

# ---- composing ----------------------------------------------------------------------------
ASK_KIND = "Anh/chị muốn gửi loại thông báo nào?"
ASK_TITLE = "Tiêu đề của thông báo là gì? (tối đa {limit} ký tự)"
TITLE_TOO_SHORT = "Tiêu đề hơi ngắn, vui lòng viết rõ hơn."
TITLE_TOO_LONG = "Tiêu đề dài {count} ký tự, vượt quá {limit} ký tự. Vui lòng rút gọn."
ASK_BODY = (
    "Mời anh/chị nhập nội dung thông báo (tối đa {limit} ký tự). "
    "Có thể xuống dòng; nội dung được gửi đúng như đã viết."
)
BODY_TOO_LONG = (
    "Nội dung dài {count} ký tự, vượt quá giới hạn {limit} ký tự của Telegram "
    "(thừa {excess} ký tự). Vui lòng rút gọn rồi gửi lại."
)
ASK_FILE = (
    "Có đính kèm ảnh hoặc tệp (giấy mời, kế hoạch…) không? "
    "Gửi ảnh/tệp ngay bây giờ, hoặc chọn “Không đính kèm”."
)
NO_FILE = "Không đính kèm"
KEEP_FILE = "Giữ tệp đã gửi: {name}"
FILE_UNAVAILABLE = (
    "Kênh này chưa nhận được tệp đính kèm. Vui lòng gửi thông báo không kèm tệp, "
    "hoặc soạn trên Telegram để đính kèm."
)
ASK_PHOTO = (
    "Có đính kèm ảnh (giấy mời, kế hoạch chụp lại…) không? "
    "Gửi ảnh ngay bây giờ, hoặc chọn “Không đính kèm”."
)
PHOTO_ONLY = (
    "Kênh này chỉ nhận được ảnh đính kèm. Vui lòng gửi ảnh, hoặc soạn trên Telegram "
    "hay trang trò chuyện web để đính kèm tệp."
)
PHOTO_TOO_BIG = "Ảnh quá lớn (hơn {limit} MB). Vui lòng gửi ảnh nhỏ hơn."
NOT_AN_IMAGE = "Trợ lý không đọc được ảnh này (không phải tệp ảnh). Vui lòng gửi ảnh khác."
FILE_TOO_BIG = "Tệp quá lớn ({size} MB); giới hạn là {limit} MB."
FILE_FAILED = "Chưa tải được tệp này. Vui lòng gửi lại."
FILE_SAVED = "Đã nhận tệp “{name}”."
ASK_WHEN = (
    "Thời gian diễn ra? Nhập theo dạng ngày/tháng/năm giờ:phút, ví dụ {example} (giờ Việt Nam)."
)
# Why a typed date and time is not a moment (codes of models.datetimes), then how to retype.
WHEN_REFUSED = "Trợ lý chưa đọc được thời gian “{text}”"
WHEN_PROBLEMS = {
    "missing_time": "thiếu giờ (mới có ngày {date})",
    "missing_date": "thiếu ngày (mới có giờ {time})",
    "missing_year": "ngày {date} thiếu năm",
    "no_such_day": "không có ngày {date}, tháng {month} chỉ có {limit} ngày",
    "not_leap": "không có ngày {date}, năm {year} không phải năm nhuận",
    "no_such_month": "tháng {month} không có, một năm chỉ có 12 tháng",
    "no_such_time": "giờ {time} không có, giờ chỉ từ 00:00 đến 23:59",
    "weekday_mismatch": "ngày {date} là {weekday}, không phải {typed_weekday}",
    "year_out_of_range": "năm {year} có lẽ gõ nhầm",
}
WHEN_AGAIN = "Vui lòng gõ lại ngày và giờ, ví dụ: {example} hoặc {short}."
FEBRUARY_DAYS = "28 hoặc 29"
WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def explain_when(code: str, values: dict[str, int | None], *, text: str) -> str:
    """The sentence saying why a typed date and time is refused."""
    day, month, year = values.get("day"), values.get("month"), values.get("year")
    hour, minute = values.get("hour"), values.get("minute")
    date = f"{day:02d}/{month:02d}" if day is not None and month is not None else ""
    if date and year is not None:
        date += f"/{year}"
    weekday, typed = values.get("weekday"), values.get("typed_weekday")
    refused = WHEN_REFUSED.format(text=text)
    template = WHEN_PROBLEMS.get(code)
    if template is None:
        return refused + "."
    reason = template.format(
        date=date,
        day=day,
        month=month,
        year=year,
        limit=FEBRUARY_DAYS if month == 2 and year is None else values.get("limit"),
        time=f"{hour:02d}:{minute:02d}" if hour is not None and minute is not None else "",
        weekday=WEEKDAY_NAMES[weekday] if weekday is not None else "",
        typed_weekday=WEEKDAY_NAMES[typed] if typed is not None else "",
    )
    return f"{refused}: {reason}."


WHEN_PAST = "Thời gian {when} đã qua. Vui lòng nhập một thời điểm trong tương lai."
ASK_PLACE = "Địa điểm hoặc đường link họp trực tuyến?"
PLACE_TOO_LONG = "Địa điểm dài {count} ký tự, tối đa {limit} ký tự."
ASK_RSVP = "Có đề nghị thành viên trả lời tham gia / không tham gia không?"
RSVP_YES = "Có, hỏi tham gia"
RSVP_NO = "Không cần"

# ---- audience --------------------------------------------------------------------------------
AUDIENCE_HEADER = "Chọn người nhận. Hiện tại: {summary}\nSố người nhận: {count}."
AUDIENCE_EVERYONE = "toàn bộ mạng lưới trong phạm vi phụ trách ({scope})"
AUDIENCE_PROVINCE = "toàn tỉnh"
AUDIENCE_UNITS = "đơn vị: {names}"
AUDIENCE_CATEGORIES = "nhóm: {names}"
AUDIENCE_TEAMS = "tổ: {names}"
AUDIENCE_ROLES = "vai trò: {names}"
AUDIENCE_MORE = "{names} và {more} khác"
PICK_UNITS = "🏘 Huyện / xã"
PICK_CATEGORIES = "🏷 Nhóm thành viên"
PICK_TEAMS = "👥 Tổ CNSCĐ"
PICK_ROLES = "🎖 Vai trò"
CLEAR_AUDIENCE = "♻️ Gửi toàn bộ (bỏ chọn)"
AUDIENCE_CLEARED = "Đã bỏ mọi lựa chọn: gửi tới toàn bộ mạng lưới trong phạm vi phụ trách."
PAGE_SHOWN = "Trang {page}."
TO_PREVIEW = "👀 Xem trước"
DONE = "✔️ Xong"
NEXT_PAGE = "Trang sau ▶"
PREV_PAGE = "◀ Trang trước"
PICK_COMMUNES = "Chọn từng xã ▸"
ASK_UNITS_DISTRICTS = (
    "Chọn huyện (bấm lần nữa để bỏ). Để chọn từng xã, bấm “Chọn từng xã”. "
    "Cũng có thể gõ tên huyện/xã để tìm."
)
ASK_UNITS_COMMUNES = "Chọn xã (bấm lần nữa để bỏ), hoặc gõ tên xã để tìm."
ASK_DISTRICT_FOR_COMMUNES = "Chọn huyện để xem danh sách xã:"
ASK_COMMUNES_OF = "Các xã của {district} (bấm để chọn hoặc bỏ):"
UNIT_NOT_FOUND = "Không tìm thấy “{text}” trong phạm vi phụ trách."
UNIT_TOGGLED_ON = "Đã chọn {name}."
UNIT_TOGGLED_OFF = "Đã bỏ {name}."
NO_UNITS = "Phạm vi phụ trách không có huyện/xã nào để chọn trong danh mục hiện hành."
ASK_CATEGORIES = "Chọn nhóm thành viên (bấm lần nữa để bỏ):"
ASK_TEAMS = "Chọn Tổ công nghệ số cộng đồng (bấm lần nữa để bỏ):"
NO_TEAMS = "Chưa có Tổ CNSCĐ nào trong phạm vi phụ trách."
ASK_ROLES = "Chọn vai trò (bấm lần nữa để bỏ):"
ROLE_NAMES = {
    "member": "Thành viên",
    "coordinator": "Điều phối viên",
    "admin": "Quản trị viên",
}
CHECK = "✅ "
OUTSIDE_SCOPE = "Có đơn vị hoặc tổ nằm ngoài phạm vi phụ trách nên không thể gửi."
NOT_A_SENDER = "Anh/chị không còn quyền gửi thông báo."
# Why an announcement cannot be saved, by models.announcement_rules.Refusal.
REFUSALS = {"not_a_sender": NOT_A_SENDER, "outside_scope": OUTSIDE_SCOPE}

# ---- preview and sending -------------------------------------------------------------------
PREVIEW_HEADER = "👀 Bản xem trước — thành viên sẽ nhận đúng như sau:"
PREVIEW_COUNTS = (
    "Sẽ gửi tới {members} thành viên.\n"
    "Theo kênh: {channels}.\n"
    "Không liên lạc được (đã chặn bot hoặc chưa có kênh): {unreachable}."
)
PREVIEW_NO_CHANNEL = "chưa có"
CHANNEL_NAMES = {"telegram": "Telegram", "zalo": "Zalo", "webchat": "Web chat"}
PREVIEW_EMPTY = "Không có thành viên nào phù hợp. Vui lòng chọn lại người nhận."
PREVIEW_TOO_LONG = (
    "Toàn bộ tin nhắn dài {count} ký tự, vượt giới hạn {limit} ký tự. Vui lòng rút gọn nội dung."
)
PREVIEW_QUIET = "Lưu ý: đang trong giờ nghỉ ({start}–{end}); tin không khẩn sẽ được gửi từ {end}."
PREVIEW_BUTTON = "Đây chỉ là bản xem trước; nút sẽ hoạt động khi thông báo được gửi đi."
SEND_NOW = "🚀 Gửi ngay"
SEND_URGENT = "⚡ Gửi ngay, kể cả giờ nghỉ (khẩn)"
SCHEDULE = "⏰ Hẹn giờ gửi"
EDIT_AUDIENCE = "👥 Sửa người nhận"
EDIT_BODY = "✏️ Sửa nội dung"
ASK_SCHEDULE = "Gửi vào lúc nào? Nhập ngày/tháng/năm giờ:phút, ví dụ {example}."
SCHEDULE_AFTER_EVENT = "Thời điểm gửi phải trước thời gian diễn ra ({when})."
QUEUED_NOW = (
    "✅ Đã xếp hàng gửi thông báo #{id} tới {members} thành viên. "
    "Tin đang được gửi dần theo giới hạn của từng kênh; xem tình hình bằng /tinhhinh."
)
QUEUED_LATER = (
    "✅ Đã hẹn gửi thông báo #{id} lúc {when} tới khoảng {members} thành viên. "
    "Có thể hủy lịch trong /tinhhinh."
)
# When quiet hours hold what was just queued: say when it really goes.
QUEUED_HELD = (
    "✅ Đã xếp hàng thông báo #{id} tới {members} thành viên. Đang trong giờ nghỉ "
    "({start}–{end}) nên tin sẽ gửi lúc {when}; xem tình hình bằng /tinhhinh."
)
QUEUED_LATER_HELD = (
    "✅ Đã hẹn gửi thông báo #{id} tới khoảng {members} thành viên. Giờ hẹn {asked} nằm "
    "trong giờ nghỉ ({start}–{end}) nên tin sẽ gửi lúc {when}. "
    "Anh/chị có thể hủy lịch trong /tinhhinh."
)

# ---- what members receive ----------------------------------------------------------------------
LINE_WHEN = "🕘 Thời gian: {when}"
LINE_PLACE = "📍 Địa điểm: {place}"
LINE_FROM = "— Người gửi: {name}"
ASK_ACK = "Vui lòng bấm “Đã nhận” để xác nhận."
ASK_ATTEND = "Vui lòng cho biết anh/chị có tham gia không."
ACK = "Đã nhận"
ATTEND = "Tham gia"
NOT_ATTEND = "Không tham gia"
CORRECTION_HEADING = "✏️ ĐÍNH CHÍNH"
CORRECTION_OF = "Đính chính cho thông báo “{title}” ({when}):"
FILE_CAPTION = "{heading}: {title} (tệp đính kèm)"
REMINDER = (
    "⏰ Nhắc lịch: {kind} “{title}” diễn ra lúc {when}{place}. "
    "Anh/chị đã đăng ký tham gia; nếu không thể đến, vui lòng bấm “Không tham gia”."
)
NUDGE = (
    "Anh/chị chưa cho biết có tham gia {kind} “{title}” ({when}{place}) không. "
    "Vui lòng chọn bên dưới."
)
PLACE_SUFFIX = " tại {place}"
CHASE_ACK = (
    "🔔 Nhắc lại: anh/chị chưa xác nhận đã nhận {kind} “{title}” (gửi ngày {date}). "
    "Vui lòng bấm “Đã nhận”."
)
CHASE_RSVP = (
    "🔔 Nhắc lại: anh/chị chưa cho biết có tham gia {kind} “{title}” ({when}{place}) không. "
    "Vui lòng chọn bên dưới."
)

# ---- answers ---------------------------------------------------------------------------------
ACKED = "Cảm ơn anh/chị đã xác nhận đã nhận “{title}”."
ALREADY_ACKED = "Anh/chị đã xác nhận đã nhận “{title}” lúc {when}."
NOT_FOR_YOU = "Thông báo này không gửi tới tài khoản của anh/chị."
ANNOUNCEMENT_GONE = "Không tìm thấy thông báo này nữa."
ATTEND_RECORDED = "Đã ghi nhận: anh/chị sẽ tham gia “{title}” lúc {when}."
NOT_ATTEND_RECORDED = "Đã ghi nhận: anh/chị không tham gia “{title}”."
ANSWER_CLOSED = "“{title}” đã bắt đầu lúc {when} nên không thay đổi câu trả lời được nữa."
NO_RSVP = "Thông báo này không hỏi tham gia."
ASK_REASON = "Anh/chị có thể cho biết lý do không tham gia (không bắt buộc):"
REASON_TOO_LONG = "Lý do dài {count} ký tự, tối đa {limit} ký tự."
REASON_THANKS = "Cảm ơn anh/chị. Lý do đã được chuyển tới người tổ chức."
REASON_SKIPPED = "Đã ghi nhận anh/chị không tham gia."

# ---- a member's announcements (/thongbao) ------------------------------------------------
MINE_OPEN = "📥 Thông báo đã nhận"
MINE_NOT_COMPOSER = "Soạn và gửi thông báo chỉ dành cho điều phối viên."
MINE_HEADER = "Các thông báo gửi tới anh/chị gần đây (chọn để xem lại và trả lời):"
MINE_EMPTY = "Chưa có thông báo nào gửi tới anh/chị."
MINE_ITEM = "{title} ({date}) · {state}"
MINE_STATES = {
    "yes": "🙋 tham gia",
    "no": "🙅 không tham gia",
    "unanswered": "❔ chưa trả lời",
    "acked": "✅ đã nhận",
    "unacked": "❔ chưa xác nhận",
}
MINE_ACKED_AT = "Anh/chị đã xác nhận đã nhận lúc {when}."
MINE_NOT_ACKED = "Anh/chị chưa xác nhận đã nhận."
MINE_NO_ANSWER = "Anh/chị chưa trả lời."
MINE_ANSWER = "Anh/chị đã trả lời: {answer} (lúc {when})."
MINE_ANSWERS = {"yes": "tham gia", "no": "không tham gia"}
MINE_REASON = "Lý do: {reason}"
MINE_CHANGE = "Có thể đổi câu trả lời đến {when}."
MINE_STARTED = "Sự kiện đã bắt đầu lúc {when}; không thay đổi câu trả lời được nữa."
MINE_BACK = "📥 Các thông báo khác"

# ---- report (/tinhhinh) --------------------------------------------------------------------
LIST_EMPTY = "Anh/chị chưa gửi thông báo nào. Dùng /thongbao để soạn."
LIST_HEADER = "Các thông báo gần đây (chọn để xem tình hình):"
LIST_ITEM = "#{id} {kind}: {title} ({when})"
STATES = {
    "scheduled": "hẹn gửi lúc {when}",
    "releasing": "đang gửi",
    "sent": "đã xếp hàng xong lúc {when}",
    "cancelled": "đã hủy",
}
REPORT_HEADER = "📊 #{id} {kind}: “{title}”\nTrạng thái: {state}."
REPORT_EVENT = "Diễn ra: {when}{place}."
REPORT_TOTALS = (
    "Người nhận: {total}\n"
    "✅ Đã gửi: {sent} · ⏳ Đang chờ gửi: {queued} · ❌ Lỗi: {failed} · "
    "🚫 Không liên lạc được: {unreachable}\n"
    "{channels}"
    "{uncertain}"
    "👁 Đã xác nhận: {acked}/{total}"
)
# The messengers the sent messages went out on: shown only when some were sent.
REPORT_CHANNELS = "📨 Đã gửi qua: {channels}\n"
CHANNEL_COUNT = "{channel} {count}"
CHANNEL_SEPARATOR = " · "
# A message that left before the bot kept which messenger it went out on.
CHANNEL_UNKNOWN = "không rõ kênh"
# Sends that timed out after leaving: shown only when there are some.
REPORT_UNCERTAIN = "❔ Có thể đã nhận (mạng chậm): {count}\n"
REPORT_RSVP = "🙋 Tham gia: {yes} · 🙅 Không tham gia: {no} · ❔ Chưa trả lời: {none}"
REPORT_BY_DISTRICT = "Theo huyện:"
REPORT_DISTRICT_LINE = (
    "• {name}: {total} người — gửi {sent}, lỗi {failed}, không liên lạc {unreachable}; "
    "xác nhận {acked}"
)
REPORT_DISTRICT_RSVP = "; tham gia {yes}, không {no}"
REPORT_COMMUNE_LINE = (
    "   ◦ {name}: {total} người — gửi {sent}, lỗi {failed}, không liên lạc {unreachable}; "
    "xác nhận {acked}"
)
UNIT_NONE = "Không thuộc huyện/xã (cấp tỉnh)"
UNIT_DISTRICT_LEVEL = "{name} (cấp huyện)"
BY_COMMUNE = "🏘 {name} theo xã"
COMMUNES_HEADER = "📊 #{id} “{title}” — {district}, theo xã:"
COMMUNES_NONE = "Không có người nhận nào ở {district} trong phạm vi của anh/chị."
BACK_TO_REPORT = "📊 Về tình hình thông báo"
REMIND_BUTTON = "🔔 Nhắc những người chưa trả lời"
CHASE_QUEUED = "🔔 Đã xếp hàng nhắc {count} người chưa trả lời “{title}”."
CHASE_NOTHING_NEW = "Trợ lý không gửi thêm tin nhắc nào cho “{title}”."
CHASE_BEFORE = "{count} người đã được nhắc trước đó nên không nhắc lại."
CHASE_UNREACHABLE = "{count} người không liên lạc được (đã chặn Trợ lý hoặc chưa có kênh)."
CHASE_HELD = "Đang trong giờ nghỉ ({start}–{end}) nên tin nhắc sẽ gửi lúc {when}."
CHASE_NONE = "Mọi người nhận trong phạm vi của anh/chị đã trả lời. 👏"
CHASE_NOT_SENT = "Thông báo này chưa được gửi nên chưa nhắc được."
SHOW_UNACKED = "👁 Ai chưa xác nhận"
DOWNLOAD_XLSX = "📥 Danh sách tham dự (XLSX)"
SEND_FIX = "✏️ Đính chính"
CANCEL_SCHEDULED = "🛑 Hủy lịch gửi"
REFRESH = "🔄 Làm mới"
BACK_TO_LIST = "📋 Danh sách thông báo"
UNACKED_HEADER = "Chưa xác nhận ({total} người), trang {page}/{pages}:"
UNACKED_ITEM = "{number}. {name} — {unit}{phone} — {delivery}{channel}"
UNACKED_CHANNEL = " qua {channel}"
UNACKED_CHANNEL_UNKNOWN = " (không rõ kênh)"
UNACKED_NONE = "Mọi người nhận đã xác nhận. 👏"
DELIVERY_NAMES = {
    "sent": "đã gửi",
    "queued": "đang chờ gửi",
    "failed": "gửi lỗi",
    "uncertain": "có thể đã nhận (mạng chậm)",
    "unreachable": "không liên lạc được",
}
NOT_YOURS = "Chỉ xem được thông báo do chính anh/chị gửi."
CANCELLED_OK = "Đã hủy lịch gửi thông báo #{id}."
CANCEL_TOO_LATE = "Thông báo #{id} đã bắt đầu gửi nên không hủy được; có thể gửi đính chính."
XLSX_READY = "Danh sách tham dự “{title}” ({count} người trả lời)."
FIX_NOT_SENT = "Thông báo này chưa được gửi nên chưa cần đính chính; có thể hủy và soạn lại."
ASK_FIX_BODY = "Nội dung đính chính cho “{title}” (gửi tới đúng những người đã nhận):"
FIX_PREVIEW = "Bản đính chính sẽ gửi tới {count} người đã nhận thông báo #{id}:"
SEND_FIX_NOW = "🚀 Gửi đính chính"
FIX_QUEUED = "✅ Đã xếp hàng gửi đính chính #{id} tới {count} người."

# ---- the command line (mangluoi broadcast) -------------------------------------------------
CLI_HELP = "xếp một thông báo từ tệp TOML vào hàng gửi / queue an announcement from a file"
CLI_MISSING = "Thiếu “{key}” trong tệp thông báo."
CLI_NOT_TEXT = "“{key}” trong tệp thông báo không đúng dạng."
CLI_TOO_LONG = "“{key}” dài {count} ký tự, vượt quá {limit} ký tự."
CLI_BAD_TIME = "“{key}”: {reason} Dùng dạng dd/mm/yyyy hh:mm."
CLI_PAST = "“{key}” = “{value}” đã qua."
CLI_NO_FILE = "Không đọc được tệp đính kèm {path} ({error})."
CLI_UNREADABLE = "Không đọc được {path} ({error})."
CLI_BAD_TOML = "{path}: TOML không hợp lệ ({error})."
CLI_BAD_KIND = "Loại “{kind}” không có; chọn một trong: {kinds}."
CLI_UNKNOWN = "Không biết các giá trị: {values}."
CLI_NO_SENDER = (
    "Không tìm thấy người gửi “{sender}” (dùng “telegram:<user id>” hoặc số điện thoại "
    "của một điều phối viên / quản trị viên)."
)
CLI_ATTACHED = "📎 Kèm tệp: {name}"
CLI_DRY_RUN = "(Chạy thử --dry-run: chưa lưu, chưa gửi.)"
CLI_SAVED = (
    "Đã lưu thông báo #{id}, gửi từ {when}. Bot đang chạy sẽ gửi dần theo giới hạn của "
    "từng kênh; xem tình hình bằng /tinhhinh."
)
CLI_SAVED_HELD = (
    "Đã lưu thông báo #{id}. Giờ gửi nằm trong giờ nghỉ ({start}–{end}) nên tin sẽ gửi "
    "lúc {when}. Bot đang chạy sẽ gửi dần theo giới hạn của từng kênh; xem tình hình bằng "
    "/tinhhinh."
)
CLI_ERROR = "Lỗi: {error}"
