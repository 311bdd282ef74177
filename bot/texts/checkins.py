"""Texts of progress check-ins (/baocaotiendo): rounds created by coordinators, the prompt and
reminders members get, the few taps of a report, leave, and the list of who did not report."""

CMD = "Báo cáo tiến độ nhiệm vụ theo đợt"
BUTTON = "📝 Báo cáo tiến độ"
TITLE_MEMBER = "Báo cáo tiến độ"
TITLE_ADMIN = "Đợt báo cáo tiến độ"
TITLE_LEAVE = "Nghỉ phép"

# ---- the prompt, reminders and the close ------------------------------------------------
PROMPT = (
    "📝 Báo cáo tiến độ: {title}\n"
    "Anh/chị vui lòng báo cáo tiến độ các nhiệm vụ đơn vị của anh/chị phụ trách, "
    "từ {opens} đến {closes}. Chỉ cần vài lần bấm cho mỗi nhiệm vụ.\n"
    "Người yêu cầu: {author}"
)
PROMPT_OWN = (
    "📝 Báo cáo tiến độ: {title}\n"
    "Anh/chị vui lòng báo cáo tiến độ các nhiệm vụ đơn vị của anh/chị phụ trách (nếu có) "
    "và trả lời {own} câu hỏi chung của đợt, từ {opens} đến {closes}. "
    "Chỉ cần vài lần bấm.\n"
    "Người yêu cầu: {author}"
)
REMINDER = (
    "⏰ Nhắc báo cáo tiến độ: {title}\n"
    "Trợ lý chưa nhận được báo cáo của anh/chị. Hạn cuối: {closes}."
)
START = "Bắt đầu báo cáo"
LEAVE = "Đang nghỉ phép"
CLOSED_REPORT_HEADER = (
    "Đợt báo cáo “{title}” đã kết thúc lúc {closes}.\n"
    "Đã báo cáo: {submitted}/{expected} người ({rate}%){leave}."
)
CLOSED_LEAVE = "; {count} người nghỉ phép không tính"
CLOSED_ALL_DONE = "Mọi người đều đã báo cáo."
CLOSED_MISSING = "Chưa báo cáo ({count} người):"
CLOSED_DISTRICT = "• {district}"
CLOSED_COMMUNE = "  – {commune}: {names}"
CLOSED_MORE = "{count} người khác"
CLOSED_SEE_SUMMARY = "Danh sách đầy đủ: /tonghop → tải Excel."
NO_UNIT = "Chưa rõ đơn vị"
OUTSIDE_DISTRICT = "Cấp tỉnh"

# ---- a member's report --------------------------------------------------------------------
NOT_IN_ROUND = "Anh/chị không thuộc danh sách báo cáo của đợt này."
ROUND_GONE = "Đợt báo cáo này không còn nhận báo cáo."
ROUND_CLOSED = (
    "Đợt báo cáo “{title}” đã kết thúc lúc {closes}, Trợ lý không nhận thêm hoặc sửa báo cáo. "
    "Nếu cần bổ sung, anh/chị vui lòng liên hệ {author}."
)
ROUND_NOT_OPEN = "Đợt báo cáo “{title}” chưa mở; Trợ lý sẽ nhắn anh/chị lúc {opens}."
NO_TASKS_NOW = (
    "Đơn vị của anh/chị hiện không còn nhiệm vụ nào để báo cáo. "
    "Anh/chị vui lòng liên hệ {author} nếu cần."
)
ASK_STATUS = "Nhiệm vụ {number} ({index}/{total}): {title}\n{last}\nTrạng thái hiện nay?"
LAST_NONE = "Chưa có báo cáo trước."
LAST_ANSWER = "Lần trước: {answer}"
STATUS_NAMES = {
    "not_started": "Chưa bắt đầu",
    "in_progress": "Đang thực hiện",
    "done": "Hoàn thành",
    "blocked": "Vướng mắc",
}
SAME = "Không có gì thay đổi"
NOTHING_NEW = "Không có gì mới (cả đợt)"
ASK_PERCENT = (
    "Nhiệm vụ {number} đã thực hiện được bao nhiêu phần trăm? "
    "Bấm một mức hoặc gõ số, ví dụ 60 hoặc 60%."
)
PERCENT_BAD = "Anh/chị vui lòng gõ một số phần trăm từ 0 đến 100 (ví dụ 60 hoặc 60%)."
PERCENT_TOO_BIG = "Tỷ lệ {value}% không hợp lệ: tối đa là 100%. Anh/chị vui lòng gõ lại."
ASK_NOTE = "Ghi chú ngắn cho nhiệm vụ {number} (không bắt buộc, tối đa {limit} ký tự):"
SKIP = "Bỏ qua"
NOTE_TOO_LONG = "Ghi chú dài {count} ký tự; anh/chị rút gọn còn tối đa {limit} ký tự."
ASK_EVIDENCE = (
    "Minh chứng cho nhiệm vụ {number} (không bắt buộc): anh/chị gửi một ảnh hoặc một tệp "
    "(ảnh, PDF, Word, Excel; tối đa {limit} MB), hoặc bấm “Bỏ qua”."
)
ASK_EVIDENCE_AGAIN = (
    "Nhiệm vụ {number} đã kèm minh chứng. Anh/chị gửi ảnh hoặc tệp mới để thay "
    "(tối đa {limit} MB), hoặc chọn giữ hay bỏ minh chứng đã gửi."
)
EVIDENCE_KEEP = "Giữ minh chứng đã gửi"
EVIDENCE_REMOVE = "Bỏ minh chứng"
EVIDENCE_TEXT = (
    "Ở bước này Trợ lý cần một ảnh hoặc một tệp làm minh chứng. "
    "Anh/chị gửi ảnh/tệp, hoặc bấm “Bỏ qua” nếu không có."
)
EVIDENCE_TEXT_AGAIN = (
    "Ở bước này Trợ lý cần một ảnh hoặc một tệp làm minh chứng. "
    "Anh/chị gửi ảnh/tệp mới, hoặc chọn giữ hay bỏ minh chứng đã gửi."
)
EVIDENCE_TOO_BIG = (
    "Tệp này lớn {size} MB, quá giới hạn {limit} MB. Anh/chị gửi tệp nhỏ hơn "
    "(hoặc chụp ảnh), hoặc bấm “Bỏ qua”."
)
EVIDENCE_TYPE = (
    "Trợ lý chỉ nhận minh chứng là ảnh, PDF, Word (.docx) hoặc Excel (.xlsx); tệp “{name}” "
    "không thuộc các loại này. Anh/chị gửi tệp khác, hoặc bấm “Bỏ qua”."
)
EVIDENCE_EMPTY = "Tệp “{name}” không có nội dung. Anh/chị gửi tệp khác, hoặc bấm “Bỏ qua”."
EVIDENCE_FAILED = "Trợ lý chưa tải được tệp này; anh/chị vui lòng gửi lại, hoặc bấm “Bỏ qua”."
EVIDENCE_SAVED = "Đã nhận minh chứng “{name}”."
# Where only pictures can be sent to the bot (Zalo): the same questions, asking for a photo.
ASK_EVIDENCE_PHOTO = (
    "Minh chứng cho nhiệm vụ {number} (không bắt buộc): anh/chị gửi một ảnh "
    "(tối đa {limit} MB), hoặc chọn “Bỏ qua”."
)
ASK_EVIDENCE_PHOTO_AGAIN = (
    "Nhiệm vụ {number} đã kèm minh chứng. Anh/chị gửi ảnh mới để thay "
    "(tối đa {limit} MB), hoặc chọn giữ hay bỏ minh chứng đã gửi."
)
EVIDENCE_PHOTO_TEXT = (
    "Ở bước này Trợ lý cần một ảnh làm minh chứng. "
    "Anh/chị gửi ảnh, hoặc chọn “Bỏ qua” nếu không có."
)
EVIDENCE_PHOTO_TEXT_AGAIN = (
    "Ở bước này Trợ lý cần một ảnh làm minh chứng. "
    "Anh/chị gửi ảnh mới, hoặc chọn giữ hay bỏ minh chứng đã gửi."
)
EVIDENCE_PHOTO_TOO_BIG = (
    "Ảnh này lớn hơn giới hạn {limit} MB. Anh/chị gửi ảnh nhỏ hơn (hoặc chụp lại), "
    "hoặc chọn “Bỏ qua”."
)
EVIDENCE_PHOTO_FAILED = (
    "Trợ lý chưa tải được ảnh này; anh/chị vui lòng gửi lại ảnh, hoặc chọn “Bỏ qua”."
)
EVIDENCE_NOT_IMAGE = (
    "Trợ lý không đọc được ảnh này (không phải tệp ảnh JPEG, PNG, GIF hay WebP). "
    "Anh/chị gửi ảnh khác, hoặc chọn “Bỏ qua”."
)
EVIDENCE_PHOTO_ONLY = (
    "Trên kênh này Trợ lý chỉ nhận được ảnh. Anh/chị gửi ảnh (chụp màn hình tệp cũng được), "
    "gửi tệp qua Telegram hoặc trang trò chuyện web, hoặc chọn “Bỏ qua”."
)
ASK_BLOCKER = "Nhiệm vụ {number} đang vướng ở đâu? Anh/chị ghi ngắn gọn (tối đa {limit} ký tự):"
BLOCKER_TOO_SHORT = "Anh/chị vui lòng ghi rõ vướng mắc (ít nhất {minimum} ký tự)."
BLOCKER_TOO_LONG = "Nội dung dài {count} ký tự; anh/chị rút gọn còn tối đa {limit} ký tự."
SUMMARY_HEADER = "Báo cáo “{title}” của anh/chị:"
SUMMARY_ITEM = "{index}. Nhiệm vụ {number}: {answer}"
SUMMARY_ASK = "Anh/chị kiểm tra lại rồi bấm “Gửi báo cáo”, hoặc chọn một nhiệm vụ để sửa."
SUMMARY_ASK_OWN = "Anh/chị kiểm tra lại rồi bấm “Gửi báo cáo”, hoặc chọn một câu hỏi để sửa."
SUBMITTED_TASKS = "{count} nhiệm vụ"
SUBMITTED_OWN = "{count} câu hỏi chung"
SEND = "✅ Gửi báo cáo"
EDIT_ITEM = "Sửa nhiệm vụ {number}"
ANSWER_PERCENT = "{status}, {percent}%"
ANSWER_NOTE = "{answer} — {note}"
ANSWER_EVIDENCE = "{answer} — đã kèm minh chứng"
SUBMITTED = (
    "Đã gửi báo cáo “{title}” ({count}). Cảm ơn anh/chị.\n"
    "Anh/chị sửa được đến {closes} bằng /baocaotiendo → Sửa báo cáo."
)
MEMBER_LIST = "Các đợt báo cáo đang mở của anh/chị:"
MEMBER_ITEM = "• {title} — hạn {closes}: {state}"
MEMBER_STATE_DONE = "đã gửi"
MEMBER_STATE_TODO = "chưa gửi"
MEMBER_STATE_LEAVE = "đang nghỉ phép"
MEMBER_NONE = "Hiện không có đợt báo cáo tiến độ nào đang mở cho anh/chị."
EDIT_REPORT = "Sửa báo cáo: {title}"
START_REPORT = "Báo cáo: {title}"

# ---- leave ----------------------------------------------------------------------------
ASK_LEAVE = (
    "Anh/chị nghỉ phép đến hết ngày nào? Gõ ngày dạng dd/mm/yyyy, ví dụ {example}. "
    "Đến hết ngày đó Trợ lý không nhắc báo cáo và không tính anh/chị vào tỷ lệ báo cáo."
)
LEAVE_PAST = "Ngày {date} đã qua; anh/chị vui lòng gõ một ngày từ hôm nay trở đi."
LEAVE_TOO_FAR = "Trợ lý chỉ ghi nghỉ phép tối đa {days} ngày; anh/chị vui lòng gõ ngày gần hơn."
LEAVE_BAD = "Trợ lý chưa đọc được ngày “{text}”. Anh/chị gõ dạng dd/mm/yyyy, ví dụ {example}."
LEAVE_SAVED = (
    "Đã ghi: anh/chị nghỉ phép đến hết ngày {date}. Trợ lý tạm ngừng nhắc báo cáo đến ngày đó."
)
PROFILE_LEAVE = "Nghỉ phép (tạm ngừng nhắc báo cáo tiến độ) đến hết ngày {date}"
PROFILE_LEAVE_BUTTON = "🏖 Đang nghỉ phép"
PROFILE_END_LEAVE = "Đã đi làm lại"
LEAVE_ENDED = "Đã ghi: anh/chị đã đi làm lại; Trợ lý nhắc báo cáo tiến độ như thường."
LEAVE_NOT_MEMBER = "Chỉ thành viên đã được duyệt mới ghi được nghỉ phép."

# ---- coordinators ----------------------------------------------------------------------
ADMIN_MENU = "Đợt báo cáo tiến độ của anh/chị:"
ADMIN_EMPTY = "Anh/chị chưa tạo đợt báo cáo tiến độ nào."
ADMIN_ITEM = "{title} · {state}"
NEW_ROUND = "➕ Tạo đợt báo cáo mới"
MY_REPORTS = "📝 Báo cáo của đơn vị"
STATES = {
    "draft": "nháp",
    "scheduled": "chờ mở",
    "open": "đang mở",
    "closed": "đã kết thúc",
    "cancelled": "đã hủy",
}
RECURRENCES = {
    "none": "Một lần",
    "weekly": "Hằng tuần",
    "monthly": "Hằng tháng",
    "quarterly": "Hằng quý",
}
RECURRENCE_DETAIL = {
    "none": "một lần",
    "weekly": "hằng tuần, cùng thứ và giờ",
    "monthly": "hằng tháng, cùng ngày và giờ",
    "quarterly": "hằng quý, cùng ngày và giờ",
}
ROUND_DETAIL = (
    "Đợt báo cáo #{id}: {title}\n"
    "Trạng thái: {state}\n"
    "Thời gian: {opens} – {closes}\n"
    "Lặp lại: {recurrence}\n"
    "Đã báo cáo: {submitted}/{expected} người{leave}"
)
DETAIL_LEAVE = " ({count} người nghỉ phép)"
OPEN_NOW = "▶️ Mở ngay"
CLOSE_EARLY = "⏹ Đóng sớm"
CANCEL_ROUND = "🗑 Hủy đợt"
NOT_YOURS = "Anh/chị chỉ quản lý được các đợt báo cáo do anh/chị tạo."
ASK_TITLE = "Tên đợt báo cáo (tối đa {limit} ký tự), ví dụ: Báo cáo tiến độ tháng 3/2026"
TITLE_BAD = "Tên đợt báo cáo cần từ 3 đến {limit} ký tự."
ASK_OPENS = (
    "Đợt báo cáo mở lúc nào? Bấm “Mở ngay” hoặc gõ ngày giờ dạng dd/mm/yyyy hh:mm, "
    "ví dụ {example}."
)
ASK_CLOSES = "Đợt báo cáo kết thúc lúc nào? Gõ ngày giờ dạng dd/mm/yyyy hh:mm, ví dụ {example}."
CLOSES_BEFORE = "Thời điểm kết thúc phải sau lúc mở ({opens}) ít nhất 1 giờ."
CLOSES_TOO_FAR = "Một đợt báo cáo kéo dài tối đa {days} ngày."
WHEN_PAST = "Thời điểm {when} đã qua; anh/chị vui lòng gõ một thời điểm sắp tới."
ASK_REPEAT = "Đợt báo cáo có lặp lại không? Đợt sau tự mở với cùng người nhận và độ dài."
REPEAT_TOO_LONG = (
    "Đợt báo cáo kéo dài {length} ngày, đợt sau sẽ mở trước khi đợt này kết thúc. "
    "Anh/chị chọn cách lặp khác hoặc Quay lại để rút ngắn thời gian."
)
PREVIEW_HEADER = "Xem trước — tin nhắn thành viên sẽ nhận:"
PREVIEW_COUNTS = (
    "Sẽ hỏi {people} người; mỗi người {questions} câu hỏi (một câu cho mỗi nhiệm vụ của đơn vị)."
)
PREVIEW_COUNTS_OWN = (
    "Sẽ hỏi {people} người; mỗi người {questions} câu hỏi "
    "(một câu cho mỗi nhiệm vụ của đơn vị, cộng {own} câu hỏi chung)."
)
PREVIEW_OWN_ONLY = (
    "Trong đó {count} người chưa có đơn vị hoặc đơn vị chưa được giao nhiệm vụ: "
    "chỉ trả lời {own} câu hỏi chung."
)
PREVIEW_LATE = (
    "Người vào nhóm khi đợt đang mở (mới được duyệt, chuyển đơn vị, hết nghỉ phép) được hỏi "
    "thêm đến {until}; sau đó không thêm ai. Người rời nhóm giữa đợt vẫn được tính."
)
PREVIEW_QUESTIONS_RANGE = "{fewest}–{most}"
PREVIEW_WITHOUT = (
    "{count} người trong nhóm chưa có đơn vị hoặc đơn vị chưa được giao nhiệm vụ, "
    "và đợt không có câu hỏi chung: không hỏi những người này."
)
PREVIEW_WHEN = "Thời gian: {opens} – {closes}; lặp lại: {recurrence}."
PREVIEW_EMPTY = (
    "Không có ai trong nhóm này có nhiệm vụ hoặc câu hỏi chung để báo cáo. "
    "Anh/chị vui lòng chọn lại người nhận."
)
SAVE_SCHEDULED = "💾 Lưu, mở lúc {opens}"
EDIT_AUDIENCE = "Sửa người nhận"
OPENED = "Đã mở đợt báo cáo #{id} “{title}”: {queued} người được nhắn, hạn {closes}."
SCHEDULED = "Đã lưu đợt báo cáo #{id} “{title}”: tự mở lúc {opens}, kết thúc lúc {closes}."
CLOSED_EARLY = "Đã đóng đợt báo cáo #{id}. Trợ lý sẽ gửi anh/chị danh sách người chưa báo cáo."
CANCELLED = "Đã hủy đợt báo cáo #{id}; các tin nhắc chưa gửi đã được bỏ."
NOT_A_COORDINATOR = "Chỉ điều phối viên và quản trị viên tạo được đợt báo cáo."
OUTSIDE_SCOPE = "Có người nhận nằm ngoài phạm vi anh/chị phụ trách; anh/chị vui lòng chọn lại."

# ---- command line ----------------------------------------------------------------------
CLI_MISSING = "Thiếu khóa “{key}” trong tệp."
CLI_NOT_TEXT = "Khóa “{key}” phải là chữ."
CLI_BAD_TIME = "Khóa “{key}” = “{value}”: {reason}"
CLI_BAD_FILE = "Không đọc được tệp {path}: {error}"
CLI_BAD_REPEAT = "Khóa “repeat” phải là một trong: {values}."
CLI_NO_CREATOR = "Không tìm thấy người tạo “{creator}” (cần là điều phối viên hoặc quản trị viên)."

CLI_DRY_RUN = "(Chạy thử --dry-run: chưa lưu, chưa gửi.)"
CLI_ERROR = "Lỗi: {error}"
CLI_HELP = "đợt báo cáo tiến độ / progress check-in rounds"
CLI_OPEN_HELP = (
    "lưu một đợt báo cáo từ tệp TOML (Trợ lý đang chạy tự mở và gửi) / "
    "save a check-in round from a TOML file (the running bot opens it and sends the prompts)"
)
CLI_FILE_HELP = "tệp TOML của đợt báo cáo / the round's TOML file"
CLI_DRY_RUN_HELP = "chỉ kiểm tra và xem trước / only check and preview"

# ---- summaries (/tonghop, mangluoi report) ------------------------------------------------
SUMMARY_CMD = "Tổng hợp một đợt báo cáo tiến độ (chữ, Excel, biểu đồ)"
SUMMARY_BUTTON = "📊 Tổng hợp"
SUMMARY_TITLE = "Tổng hợp báo cáo tiến độ"
SUMMARY_PICK = "Chọn đợt báo cáo cần tổng hợp:"
SUMMARY_NONE = "Chưa có đợt báo cáo tiến độ nào đã mở để tổng hợp."
SUMMARY_ROUND = "{title} ({opens})"
TOTAL_HEADER = "Tổng hợp đợt #{id} “{title}” ({state}, {opens} – {closes})"
TOTAL_RATE = "Đã báo cáo: {submitted}/{expected} người ({rate}%){leave}"
TOTAL_DISTRICTS = "Theo huyện, xã:"
TOTAL_DISTRICT = "• {name}: {submitted}/{expected} ({rate}%)"
TOTAL_COMMUNE = "  – {name}: {submitted}/{expected} ({rate}%)"
TOTAL_TASKS = "Trạng thái theo nhiệm vụ:"
TOTAL_TASK = (
    "• {number}: hoàn thành {done} · đang thực hiện {in_progress} · vướng mắc {blocked} · "
    "chưa bắt đầu {not_started}"
)
TOTAL_NO_TASKS = "Chưa có câu trả lời nào."
TOTAL_BLOCKERS = "Vướng mắc ({count}):"
TOTAL_BLOCKER = "• {number} — {name} ({where}): {note}"
TOTAL_PAGE = "Trang {page}/{pages}"
PROVINCE_LEVEL = "Cấp tỉnh"
NEXT_PAGE = "Trang sau ▶️"
PREV_PAGE = "◀️ Trang trước"
XLSX_BUTTON = "📥 Tải Excel"
XLSX_SENT = "Bảng tổng hợp đợt #{id} (Excel)."
XLSX_NAME = "tong-hop-bao-cao-{id}.xlsx"
SHEET_RATE = "Tỷ lệ"
SHEET_TASKS = "Nhiệm vụ"
SHEET_BLOCKERS = "Vướng mắc"
RATE_COLUMNS = ("Huyện", "Xã", "Được hỏi", "Nghỉ phép", "Đã báo cáo", "Tỷ lệ (%)")
TASK_COLUMNS = (
    "Nhiệm vụ",
    "Nội dung",
    "Hoàn thành",
    "Đang thực hiện",
    "Vướng mắc",
    "Chưa bắt đầu",
)
SHEET_SILENT = "Chưa báo cáo"
SILENT_COLUMNS = ("Họ và tên", "Huyện", "Xã")
BLOCKER_COLUMNS = ("Nhiệm vụ", "Người báo cáo", "Huyện", "Xã", "Vướng mắc")
ALL_LABEL = "Toàn bộ"
REPORT_CLI_HELP = (
    "tổng hợp một đợt báo cáo tiến độ / summary of a check-in round (text | xlsx | png | csv)"
)
REPORT_ROUND_HELP = "số đợt báo cáo / the round's id"
REPORT_LATEST_HELP = "đợt mở gần nhất / the round opened last"
REPORT_FORMAT_HELP = (
    "text, xlsx, png (biểu đồ) hoặc csv (từng câu trả lời) / text, xlsx, png or csv"
)
REPORT_OUT_HELP = "ghi ra tệp (bắt buộc với xlsx) / write to a file (needed for xlsx)"
REPORT_NO_ROUND = "Không tìm thấy đợt báo cáo đã mở nào như vậy."
REPORT_NEEDS_OUT = "Định dạng {fmt} cần --out TỆP."
REPORT_WROTE = "Đã ghi {path} ({size} byte)."

# ---- a round's own questions ---------------------------------------------------------------
QUESTION_KINDS = {
    "status": "Trạng thái (4 mức)",
    "percent": "Tỷ lệ phần trăm",
    "number": "Một con số",
    "yes_no": "Có / Không",
    "text": "Trả lời ngắn",
}
ASK_QUESTIONS = (
    "Ngoài các nhiệm vụ của đơn vị, anh/chị có muốn hỏi thêm câu hỏi chung cho mọi người không "
    "(tối đa {limit} câu)? Khi có câu hỏi chung, người chưa được giao nhiệm vụ cũng được hỏi."
)
QUESTIONS_SO_FAR = "Câu hỏi chung đã thêm:"
QUESTION_LINE = "{index}. {text} ({kind})"
ADD_QUESTION = "➕ Thêm câu hỏi"
CLEAR_QUESTIONS = "Xóa các câu hỏi chung"
CONTINUE = "Tiếp tục ▶️"
QUESTIONS_FULL = "Đã đủ {limit} câu hỏi chung."
ASK_QUESTION_KIND = "Câu hỏi thêm được trả lời bằng gì?"
ASK_QUESTION_TEXT = (
    "Nội dung câu hỏi (tối đa {limit} ký tự), ví dụ: "
    "Số người dân được hướng dẫn cài VNeID trong tháng?"
)
QUESTION_BAD = "Câu hỏi cần từ 5 đến {limit} ký tự."
PREVIEW_FREE = "Thêm {count} câu hỏi chung cho mọi người: {texts}."
ASK_FREE = "Câu hỏi chung {index}/{total}: {text}"
FREE_HINTS = {
    "status": "",
    "yes_no": "",
    "percent": "Bấm một mức hoặc gõ số, ví dụ 60 hoặc 60%.",
    "number": "Gõ một số, ví dụ 12 hoặc 3,5.",
    "text": "Gõ câu trả lời ngắn (tối đa {limit} ký tự).",
}
YES = "Có"
NO = "Không"
NUMBER_BAD = "Anh/chị vui lòng gõ một số, ví dụ 12 hoặc 3,5."
REPLY_TOO_LONG = "Câu trả lời dài {count} ký tự; anh/chị rút gọn còn tối đa {limit} ký tự."
EDIT_QUESTION = "Sửa câu hỏi chung {index}"
SUMMARY_FREE = "{index}. {text}: {answer}"
TOTAL_FREE = "Câu hỏi chung:"
TOTAL_FREE_COUNTS = "• {text}: {counts}"
TOTAL_FREE_AVERAGE = "• {text}: trung bình {average} ({count} câu trả lời)"
TOTAL_FREE_TEXTS = "• {text}: {count} câu trả lời (xem Excel)"
SHEET_REPLIES = "Câu hỏi chung"
REPLY_COLUMNS = ("Họ và tên", "Câu hỏi", "Trả lời")
CLI_BAD_QUESTION = "Câu hỏi chung số {index}: cần “kind” ({kinds}) và “text” (5–{limit} ký tự)."
PNG_BUTTON = "📈 Biểu đồ"
PNG_SENT = "Biểu đồ tổng hợp đợt #{id}."
PNG_FAILED = "Trợ lý chưa vẽ được biểu đồ lúc này. Anh/chị vui lòng thử lại sau hoặc tải Excel."
PNG_NAME = "bieu-do-bao-cao-{id}.png"
CSV_NAME = "bao-cao-{id}.csv"
CHART_TITLE = "Đợt #{id} “{title}” ({opens}) — đã báo cáo {submitted}/{expected} ({rate}%)"
CHART_BY_DISTRICT = "Tỷ lệ báo cáo theo huyện (%)"
CHART_BY_COMMUNE = "Tỷ lệ báo cáo theo xã (%)"
CHART_LOWEST = " — {shown} nơi thấp nhất trong {total}"
CHART_FIRST = " — {shown} nhiệm vụ đầu trong {total}"
CHART_TASKS = "Trạng thái theo nhiệm vụ (số câu trả lời)"
CHART_TASK = "Nhiệm vụ {number}"
CHART_RATE_LABEL = "{submitted}/{expected} ({rate}%)"
CHART_AXIS_RATE = "Tỷ lệ đã báo cáo (%)"
CHART_AXIS_ANSWERS = "Số câu trả lời"
CHART_NOTHING = "Chưa có số liệu"
SHEET_ANSWERS = "Mọi câu trả lời"
ANSWER_COLUMNS = (
    "Họ và tên",
    "Huyện",
    "Xã",
    "Cơ quan, đơn vị",
    "Nhiệm vụ",
    "Tên nhiệm vụ",
    "Trạng thái",
    "Tiến độ (%)",
    "Ghi chú",
    "{evidence}",
    "Thời điểm báo cáo",
)
OWN_QUESTION_CELL = "Câu hỏi chung {index}"
EVIDENCE_BUTTON = "📎 Minh chứng ({count})"
EVIDENCE_LIST = (
    "Minh chứng đã gửi trong đợt “{title}” ({first}–{last} trong {count}); bấm để nhận tệp:"
)
EVIDENCE_ITEM = "{number} · {name} · {filename}"
EVIDENCE_NONE = "Đợt “{title}” chưa có minh chứng nào."
EVIDENCE_GONE = (
    "Tệp minh chứng này không còn: đã được thay, bỏ hoặc xóa theo thời hạn lưu giữ tệp."
)
EVIDENCE_SENT = "Minh chứng nhiệm vụ {number} của {name} ({answered})."
EVIDENCE_LINK_COLUMN = "Minh chứng: liên kết tải về (dùng được đến {until})"
EVIDENCE_NAME_COLUMN = "Minh chứng: tên tệp (nhận tệp trong Trợ lý: /tonghop → 📎 Minh chứng)"
NUDGE_BUTTON = "🔔 Nhắc những người chưa báo cáo"
NUDGED = "Đã xếp hàng nhắc {count} người chưa báo cáo đợt “{title}”."
NUDGED_REST = "{rest} người khác đã được nhắc trước đó hoặc Trợ lý chưa liên lạc được."
NUDGE_HELD = "Đang trong giờ nghỉ, tin nhắc sẽ được gửi lúc {when}."
NUDGED_BEFORE = (
    "{count} người chưa báo cáo đợt “{title}” đã được nhắc (hoặc Trợ lý chưa liên lạc được); "
    "Trợ lý không gửi lặp lại."
)
NUDGE_NOBODY = "Trong phạm vi của anh/chị, mọi người đã báo cáo hoặc đang nghỉ phép."
NUDGE_NOT_OPEN = "Đợt “{title}” không còn mở, Trợ lý không nhắc thêm."
TOTAL_CHANGES = "So với đợt trước #{id} ({opens}):"
TOTAL_NO_CHANGES = "• Không có nhiệm vụ nào đổi trạng thái, không có vướng mắc mới hay đã gỡ."
TOTAL_CHANGED = "Đổi trạng thái ({count}):"
TOTAL_CHANGE = "• {number} — {organisation}: {before} → {now}"
TOTAL_NEW_BLOCKERS = "Vướng mắc mới ({count}):"
TOTAL_NEW_BLOCKER = "• {number} — {organisation}: {note}"
TOTAL_RESOLVED = "Vướng mắc đã gỡ ({count}):"
TOTAL_RESOLVED_ONE = "• {number} — {organisation}: nay {now}"
NO_ANSWER_BEFORE = "chưa trả lời"
SHEET_CHANGES = "Thay đổi"
CHANGE_COLUMNS = ("Loại", "Nhiệm vụ", "Đơn vị", "Đợt trước", "Đợt này", "Ghi chú")
CHANGE_KINDS = {
    "changed": "Đổi trạng thái",
    "new_blocker": "Vướng mắc mới",
    "resolved": "Vướng mắc đã gỡ",
}
DIGEST_HEADER = "📋 Bản tin tuần của anh/chị {name} (từ {since}):"
DIGEST_LATE = "Nhiệm vụ quá hạn trong phạm vi ({count}):"
DIGEST_LATE_ONE = "• {number} — {organisation}: quá hạn {days} ngày (hạn {due})"
DIGEST_NO_LATE = "Không có nhiệm vụ quá hạn trong phạm vi."
DIGEST_MORE = "  … và {count} mục khác."
DIGEST_ROUND = (
    "Đợt báo cáo gần nhất anh/chị tạo: “{title}” ({opens}, {state}): "
    "đã báo cáo {submitted}/{expected} người ({rate}%)."
)
DIGEST_NO_ROUND = "Anh/chị chưa mở đợt báo cáo tiến độ nào."
DIGEST_BLOCKERS = "Vướng mắc mới trong tuần ({count}):"
DIGEST_BLOCKER = "• {number} — {organisation}: {note}"
DIGEST_NO_NOTE = "không ghi chú"
DIGEST_NO_BLOCKERS = "Không có vướng mắc mới trong tuần."
DIGEST_FOOTER = "Xem chi tiết: /tonghop, /nhiemvu."
SUMMARY_ROUND_ABOVE = "{title} ({opens}, cấp trên tạo)"
TOTAL_SCOPED = "Số liệu chỉ tính những người trong phạm vi của anh/chị."
