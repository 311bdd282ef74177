"""Texts of the operator's commands: backup and restore."""

BACKUP_HELP = "sao lưu CSDL SQLite khi Trợ lý đang chạy / back up the database (live)"
BACKUP_OUT_HELP = "tệp sao lưu sẽ tạo (không ghi đè tệp có sẵn) / the new backup file"
RESTORE_HELP = "khôi phục CSDL SQLite từ một bản sao lưu / restore the database from a backup"
RESTORE_FROM_HELP = "tệp sao lưu (do `mangluoi backup` tạo) / the backup file"
RESTORE_YES_HELP = "xác nhận ghi đè CSDL đang có / confirm overwriting the current database"

SIZE_MB = "{size:.1f} MB"
BACKUP_DONE = "Đã sao lưu cơ sở dữ liệu vào {path} ({size}, bản cấu trúc {revision})."
RESTORE_DONE = "Đã khôi phục {source} vào {path} ({size}, bản cấu trúc {revision})."
RESTORE_OLDER = " Khi khởi động, Trợ lý sẽ nâng cấp cấu trúc (hoặc: mangluoi db upgrade)."

POSTGRES_BACKUP = (
    "CSDL là PostgreSQL: sao lưu bằng pg_dump --format=custom --file={out} '{dsn}' "
    "(mật khẩu qua PGPASSWORD hoặc ~/.pgpass)."
)
POSTGRES_RESTORE = (
    "CSDL là PostgreSQL: khôi phục bằng pg_restore --clean --if-exists --dbname='{dsn}' "
    "{source} (dừng Trợ lý trước; mật khẩu qua PGPASSWORD hoặc ~/.pgpass)."
)
NO_FILE_DATABASE = "database.url không trỏ tới một tệp SQLite; không có gì để sao lưu."

MISSING = "Không tìm thấy tệp {path}."
ALREADY_THERE = "{path} đã có; hãy chọn tên tệp khác (bản sao lưu không ghi đè tệp cũ)."
NOT_SQLITE = "{path} không phải là tệp cơ sở dữ liệu SQLite."
DAMAGED = "{path} bị hỏng, không dùng được ({detail})."
NOT_OURS = "{path} không phải cơ sở dữ liệu của Trợ lý (thiếu bảng {detail})."
UNKNOWN_REVISION = (
    "{path} ở bản cấu trúc {detail} mà phiên bản này không biết; "
    "hãy dùng phiên bản Trợ lý mới hơn để khôi phục."
)
IN_USE = "{path} đang được dùng (Trợ lý đang chạy?); hãy dừng Trợ lý rồi chạy lại."
NEEDS_YES = (
    "{path} đã có dữ liệu; khôi phục sẽ thay toàn bộ bằng bản sao lưu. "
    "Chạy lại với --yes nếu đúng ý."
)
CANNOT_WRITE = "Không ghi được {path} ({error})."
