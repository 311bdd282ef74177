"""Texts of the plan's targets (/chitieu), the attendance confirmation after a training, the
village totals import, and the targets' spreadsheet and chart."""

CMD_TARGETS = "chỉ tiêu Kế hoạch: đầu mối, tập huấn, Tổ CNSCĐ"
BUTTON_TARGETS = "🎯 Chỉ tiêu"
PLAN = "Kế hoạch 1690"

SCOPE_PROVINCE = "Toàn tỉnh"
PERCENT = "{value}%"
NO_PERCENT = "—"

# The plan's own words (section III "MỤC TIÊU KẾ HOẠCH"; the teams from IV.6.b and V.1.đ).
TARGET_FOCAL = (
    "Mục tiêu (mục III.1.c): 100% các sở, ban, ngành; Ủy ban nhân dân các huyện, thành phố; "
    "Ủy ban nhân dân các xã, phường, thị trấn bố trí bộ phận hoặc đầu mối thực hiện nhiệm vụ, "
    "giải pháp chuyển đổi số tại cơ quan, đơn vị."
)
TARGET_TRAINING = (
    "Mục tiêu (mục III.2.b): 100% đội ngũ nhân lực thực hiện nhiệm vụ chuyển đổi số từ tỉnh "
    "đến cơ sở hằng năm được bồi dưỡng, tập huấn nâng cao năng lực."
)
TARGET_TEAMS = (
    "Mục tiêu: mỗi thôn, làng, tổ dân phố có Tổ công nghệ số cộng đồng (mục IV.6.b, V.1.đ: "
    "phát huy hiệu quả hoạt động của Tổ công nghệ số cộng đồng)."
)

TITLE = "🎯 Chỉ tiêu {plan} — {scope} — {date}"
FOCAL_HEAD = "1️⃣ Bố trí bộ phận hoặc đầu mối chuyển đổi số (mục III.1.c):"
FOCAL_LINE = "• {level}: {done}/{total} ({percent})"
LEVELS = {
    "department": "Sở, ban, ngành",
    "district": "UBND huyện, thị xã, thành phố",
    "commune": "UBND xã, phường, thị trấn",
}
TRAINING_HEAD = "2️⃣ Bồi dưỡng, tập huấn năm {year} (mục III.2.b):"
TRAINING_LINE = (
    "• {done}/{total} thành viên đã tham gia ít nhất một lớp ({percent}); {sessions} lớp."
)
TEAMS_HEAD = "3️⃣ Tổ công nghệ số cộng đồng ở thôn, làng, tổ dân phố:"
TEAMS_SHARE = (
    "• {done}/{total} thôn có Tổ CNSCĐ ({percent}); đã nhập số thôn {known}/{communes} xã."
)
TEAMS_COUNTS = (
    "• {done} thôn có Tổ CNSCĐ, ở {with_team}/{communes} xã; "
    "chưa nhập số thôn nên chưa tính tỷ lệ."
)
NOTHING_IN_SCOPE = "Phạm vi của anh/chị chưa gắn với huyện hay xã nào nên chưa có chỉ tiêu để xem."

BUTTON_FOCAL = "📋 Đơn vị chưa có đầu mối"
BUTTON_TRAINING = "🎓 Tập huấn"
BUTTON_TEAMS = "🏘 Tổ CNSCĐ theo xã"
BUTTON_XLSX = "📥 Tải Excel"
BUTTON_CHART = "📊 Biểu đồ"
BUTTON_VILLAGES = "📤 Nhập số thôn"
BUTTON_PRESENCE = "✅ Xác nhận có mặt"
MORE = "Xem thêm ▶"
PREV = "◀ Trang trước"
OVERVIEW = "↩ Tổng quan"
PAGE = "(trang {page}/{pages})"

FOCAL_PAGE_HEAD = "📋 Đơn vị chưa có thành viên nào được duyệt làm đầu mối: {count}"
FOCAL_NONE = "Mọi đơn vị trong phạm vi đã có ít nhất một thành viên được duyệt. 🎉"
COMMITTEE = "UBND {name}"
FOCAL_ITEM = {
    "department": "• {name}",
    "district": "• UBND {name}",
    "commune": "• UBND {name}{district}",
}
IN_DISTRICT = " ({district})"

TRAINING_PAGE_HEAD = "🎓 Tập huấn năm {year}: {done}/{total} thành viên ({percent})"
TRAINING_RULE = (
    "Tính người đã tham gia ít nhất một lớp tập huấn đã diễn ra trong năm: theo danh sách "
    "xác nhận có mặt nếu đã xác nhận, nếu chưa thì theo trả lời “Tham gia”."
)
BY_DISTRICT = "Theo huyện:"
BY_COMMUNE = "Theo xã:"
BY_UNIT = "Theo huyện, xã:"
BY_CATEGORY = "Theo nhóm thành viên:"
AREA_LINE = "• {name}: {done}/{total} ({percent})"
PROVINCIAL = "Cấp tỉnh (sở, ban, ngành, doanh nghiệp)"
CATEGORY_NONE = "Chưa rõ nhóm"

TEAMS_PAGE_HEAD = "🏘 Tổ CNSCĐ: {done} thôn, làng, tổ dân phố có Tổ"
TEAMS_LINE_SHARE = "• {name}: {done}/{total} thôn ({percent})"
TEAMS_LINE_COUNT = "• {name}: {done} thôn có Tổ (chưa có số thôn)"

XLSX_READY = "📥 Bảng chỉ tiêu {plan}, {scope}, ngày {date}."
PICTURE_READY = "📊 Biểu đồ chỉ tiêu {plan}, {scope}, ngày {date}."
PICTURE_FAILED = (
    "Xin lỗi, Trợ lý chưa vẽ được biểu đồ lúc này. Anh/chị vui lòng thử lại sau ít phút."
)

# The spreadsheet.
SHEET_SUMMARY = "Tổng hợp"
SHEET_FOCAL = "Đầu mối"
SHEET_TRAINING = "Tập huấn"
SHEET_TEAMS = "Tổ CNSCĐ"
SHEET_TITLE = "Chỉ tiêu {plan} — {what} — {scope} — ngày {date}"
WHAT_SUMMARY = "tổng hợp"
WHAT_FOCAL = "đầu mối chuyển đổi số"
WHAT_TRAINING = "bồi dưỡng, tập huấn năm {year}"
WHAT_TEAMS = "Tổ công nghệ số cộng đồng theo xã"
SUMMARY_COLUMNS = ("Chỉ tiêu", "Mục tiêu của Kế hoạch", "Đạt", "Tổng số", "Tỷ lệ (%)")
SUMMARY_FOCAL = "Đầu mối — {level}"
SUMMARY_TRAINING = "Thành viên đã tập huấn năm {year}"
SUMMARY_TEAMS = "Thôn, làng, tổ dân phố có Tổ CNSCĐ"
FOCAL_COLUMNS = ("STT", "Cấp", "Đơn vị", "Huyện", "Thành viên được duyệt", "Có đầu mối")
TRAINING_COLUMNS = ("STT", "Huyện/xã", "Nhóm thành viên", "Thành viên", "Đã tập huấn", "Tỷ lệ (%)")
TEAMS_COLUMNS = ("STT", "Huyện", "Xã", "Thôn có Tổ CNSCĐ", "Tổng số thôn", "Tỷ lệ (%)")
HAS_FOCAL = {True: "Có", False: "Chưa"}
UNKNOWN_TOTAL = "chưa nhập"
FILE_NAME = "chi-tieu-{scope}-{date}.{ext}"
FILE_SCOPE_PROVINCE = "toan-tinh"
FILE_SCOPE_UNIT = {"district": "huyen-{code}", "commune": "xa-{code}"}

# The chart.
CHART_TITLE = "Chỉ tiêu {plan} — {scope} — ngày {date}"
CHART_FOCAL = "Đơn vị có bộ phận hoặc đầu mối chuyển đổi số (%)"
CHART_TRAINING = "Thành viên đã được bồi dưỡng, tập huấn năm {year} (%)"
CHART_TEAMS_SHARE = "Thôn, làng, tổ dân phố có Tổ CNSCĐ (%)"
CHART_TEAMS_COUNT = "Thôn, làng, tổ dân phố có Tổ CNSCĐ (số thôn; chưa nhập đủ số thôn)"
CHART_LEVELS = {
    "department": "Sở, ban, ngành",
    "district": "UBND huyện",
    "commune": "UBND xã",
}
CHART_PROVINCIAL = "Cấp tỉnh"
CHART_NOTHING = "Chưa có số liệu"
CHART_SHARE_LABEL = "{done}/{total} ({percent})"
CHART_COUNT_LABEL = "{done} thôn"
CHART_AXIS_SHARE = "Tỷ lệ (%)"
CHART_AXIS_COUNT = "Số thôn"

# Confirming attendance after a training (/tinhhinh → the announcement).
PRESENCE_HEAD = "✅ Xác nhận có mặt: “{title}”, {when}\nCó mặt: {present}/{total} người. {state}"
PRESENCE_FROM_ANSWERS = "Chưa xác nhận: đang lấy theo trả lời “Tham gia”."
PRESENCE_CONFIRMED = "Đã xác nhận {confirmed}/{total} người, lần cuối {when} ({by})."
PRESENCE_HINT = "Bấm tên (hoặc gõ số) để đổi ✅ có mặt / ⬜ vắng. {page}"
PRESENCE_PERSON = "{mark} {name} — {unit}"
MARK_PRESENT = "✅"
MARK_ABSENT = "⬜"
PRESENCE_SAVE = "💾 Xác nhận danh sách"
PRESENCE_SAVED = "Đã xác nhận danh sách có mặt: {present}/{total} người."
PRESENCE_MARKED_IN = "Đã ghi {name}: có mặt."
PRESENCE_MARKED_OUT = "Đã ghi {name}: vắng."
PRESENCE_NOT_STARTED = (
    "Buổi tập huấn diễn ra lúc {when}; anh/chị vui lòng xác nhận có mặt sau giờ bắt đầu."
)
PRESENCE_ONLY_TRAINING = "Chỉ xác nhận có mặt được cho thông báo tập huấn đã gửi đi."
PRESENCE_NOBODY = "Buổi tập huấn này không có người nhận nào trong phạm vi của anh/chị."
PRESENCE_NOT_RECIPIENT = "Người này không thuộc danh sách của anh/chị, Trợ lý đã không ghi."
PRESENCE_LIST_HEAD = "Chọn buổi tập huấn năm {year} để xác nhận có mặt:"
PRESENCE_LIST_ITEM = "#{id} {title} ({when})"
PRESENCE_LIST_EMPTY = (
    "Năm nay chưa có buổi tập huấn nào đã diễn ra có người nhận trong phạm vi của anh/chị."
)
PRESENCE_BACK = "↩ Báo cáo thông báo"
PRESENCE_TO_LIST = "↩ Các buổi tập huấn"
PRESENCE_NO_UNIT = "cấp tỉnh"
PRESENCE_BY_UNKNOWN = "không rõ người xác nhận"

# Importing village totals.
VILLAGES_TITLE = "nhập số thôn"
VILLAGES_ASK = (
    "📤 Anh/chị gửi tệp CSV hoặc Excel (XLSX), mỗi dòng một xã: mã xã hoặc tên xã, rồi số "
    "thôn, làng, tổ dân phố. Ví dụ:\nMã xã,Số thôn\n23767,12\nXã Ia Sao,9"
)
VILLAGES_NOT_A_FILE = "Anh/chị vui lòng gửi tệp CSV hoặc XLSX (gõ “Hủy” để thôi)."
VILLAGES_CANNOT_FETCH = (
    "Kênh này chưa cho Trợ lý tải tệp. Anh/chị dùng Telegram hoặc lệnh mangluoi."
)
VILLAGES_FETCH_FAILED = "Trợ lý chưa tải được tệp. Anh/chị vui lòng gửi lại."
VILLAGES_SAVED = "Đã nhập số thôn cho {count} xã."
VILLAGES_PREVIEW = "Xem trước: sẽ nhập số thôn cho {count} xã (chưa ghi gì)."
VILLAGES_BAD_HEAD = "{count} dòng không nhập được:"
VILLAGES_BAD_LINE = "• Dòng {line} “{text}”: {reason}"
VILLAGES_BAD_MORE = "… và {count} dòng khác."
ROW_PROBLEMS = {
    "no_number": "thiếu số thôn",
    "bad_number": "số thôn phải là số nguyên từ 0 đến 1000",
    "unknown_commune": "không thấy xã này trong danh mục đơn vị",
    "ambiguous": "nhiều xã trùng tên; ghi mã xã, hoặc thêm tên huyện sau dấu phẩy",
    "not_a_commune": "mã này không phải của một xã, phường, thị trấn",
    "duplicate": "xã này đã có ở dòng trước",
}
FILE_PROBLEMS = {
    "unreadable": "Trợ lý không đọc được tệp này. Anh/chị vui lòng gửi tệp CSV (UTF-8) hoặc XLSX.",
    "empty": "Tệp không có dòng nào có số liệu.",
    "too_many_rows": "Tệp có quá nhiều dòng (tối đa 5000 dòng).",
}

# Command line.
CLI_HELP = "chỉ tiêu của Kế hoạch: đầu mối, tập huấn, Tổ CNSCĐ / the plan's targets"
CLI_SHOW_HELP = "xuất chỉ tiêu ra văn bản, Excel hoặc biểu đồ / write the targets out"
CLI_IMPORT_HELP = "nhập số thôn của các xã từ tệp CSV/XLSX / import village totals"
CLI_SCOPE_HELP = "phạm vi: district:MÃ hoặc commune:MÃ; bỏ trống = toàn tỉnh / the scope"
CLI_FORMAT_HELP = "định dạng: text, xlsx hoặc png / output format"
CLI_OUT_HELP = "tệp ghi ra; bỏ trống với text = in ra màn hình / output file"
CLI_FILE_HELP = "tệp CSV hoặc XLSX: mã hoặc tên xã, số thôn / the file"
CLI_DRY_RUN_HELP = "chỉ kiểm tra, không ghi / check only"
CLI_WROTE = "Đã ghi {path} ({size} byte)."
CLI_BAD_SCOPE = (
    "Phạm vi “{scope}” không hợp lệ: dùng district:MÃ hoặc commune:MÃ của danh mục {catalog}."
)
CLI_NEEDS_OUT = "Định dạng {format} cần --out TỆP."
CLI_FILE_MISSING = "Không mở được tệp {path}."

CLI_SCOPE_METAVAR = "district:MÃ"
CLI_FILE_METAVAR = "TỆP"
