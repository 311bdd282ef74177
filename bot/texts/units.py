"""Texts of choosing an administrative unit (commune or district)."""

ASK_COMMUNE = (
    "Anh/chị ở xã, phường hay thị trấn nào?\nGõ tên (ví dụ: Ia Sao), hoặc bấm “Chọn theo huyện”."
)
ASK_COMMUNE_NO_DISTRICTS = "Anh/chị ở xã hay phường nào? Gõ tên (ví dụ: Ia Sao)."
ASK_DISTRICT = "Chọn huyện, thị xã hoặc thành phố (bấm nút, gõ số hoặc gõ tên):"
BY_DISTRICT = "🗺 Chọn theo huyện"
SEARCH_AGAIN = "🔎 Tìm tên khác"
FOUND = "Tìm thấy các đơn vị sau. Vui lòng chọn đúng đơn vị (bấm nút hoặc gõ số):"
FOUND_ONE = "Tìm thấy đơn vị này. Đúng không? Bấm để xác nhận, hoặc tìm tên khác:"
NOT_FOUND = (
    "Không tìm thấy “{text}”. Vui lòng kiểm tra lại chính tả (gõ không dấu cũng được), "
    "hoặc bấm “Chọn theo huyện”."
)
NOT_FOUND_NO_DISTRICTS = "Không tìm thấy “{text}”. Vui lòng kiểm tra lại chính tả."
NOT_IN_SCOPE = "Đơn vị này nằm ngoài phạm vi phụ trách."
NEW_RESULTS = "Kết quả tìm “{text}”:"
PAGE_OF = "(trang {page}/{pages}, {total} đơn vị)"
NEXT_PAGE = "Trang sau ▶"
PREV_PAGE = "◀ Trang trước"
ASK_COMMUNE_OF = "Chọn xã, phường, thị trấn thuộc {district}:"
NOTHING_IN_SCOPE = "Không có đơn vị nào trong phạm vi phụ trách."

# `mangluoi units migrate`
MIGRATE_ONLY_2025 = "Chỉ hỗ trợ chuyển từ danh mục 2024 sang 2025 (--to 2025)."
MIGRATE_HEADER = "Chuyển đơn vị hành chính từ danh mục 2024 sang 2025{dry}:"
MIGRATE_DRY = " (chạy thử, không lưu)"
MIGRATE_KINDS = {
    "member": "thành viên",
    "scope": "phạm vi điều phối viên",
    "team": "Tổ CNSCĐ",
    "invite": "link mời",
    "request": "yêu cầu chuyển địa bàn",
}
MIGRATE_MOVED = "• Đã chuyển {count} {kind}"
MIGRATE_NOTHING = "• Không có gì cần chuyển."
MIGRATE_PROBLEMS = "Cần người quyết định ({count}):"
MIGRATE_PROBLEM = "• {kind} #{row_id} “{label}” (mã cũ {old_code}): {reason}"
MIGRATE_REASONS = {
    "district": "cấp huyện không còn trong danh mục 2025; chọn xã/phường mới bằng tay",
    "split": "xã cũ được chia vào nhiều đơn vị ({candidates}); chọn đơn vị đúng bằng tay",
    "unknown": "không có trong bảng chuyển đổi",
    "village_clash": "xã mới đã có tổ ở cùng thôn, làng; cần gộp hoặc đổi tên",
}
MIGRATE_NO_PROBLEMS = "Không có trường hợp nào cần quyết định bằng tay."
MIGRATE_NEXT = 'Tiếp theo: đặt [units] catalog = "2025" trong tệp cấu hình rồi khởi động lại bot.'
MIGRATE_DRY_NEXT = "Chạy lại không có --dry-run để lưu thay đổi."

# Notes shown beside a search hit found under an old name, by models.unit_catalog.Change.
MERGED_2024_NOTE = "{old} đã sáp nhập vào {new} từ ngày 01/11/2024."
OLD_UNIT_NOTE = "{old} (cũ) nay thuộc {new}."
OLD_DISTRICT_NOTE = "có địa bàn của {old} (cũ)"
FORMER_NAME_NOTES = {
    "merged_2024": MERGED_2024_NOTE,
    "catalog_2025": OLD_UNIT_NOTE,
    "old_district": OLD_DISTRICT_NOTE,
}
