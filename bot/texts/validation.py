"""Why a typed full name, phone number or other answer was refused, and what to type instead."""

MESSAGES: dict[str, str] = {
    "name_empty": (
        "Anh/chị chưa nhập họ và tên. Vui lòng gõ đầy đủ họ, tên đệm và tên, ví dụ: Nguyễn Văn An."
    ),
    "name_one_word": (
        "Vui lòng nhập đầy đủ họ và tên (ít nhất 2 chữ), không chỉ tên gọi, "
        "ví dụ: Nguyễn Văn An hoặc Ksor H'Nga."
    ),
    "name_too_many_words": (
        "Họ và tên dài hơn 7 chữ. Vui lòng chỉ gõ họ và tên, không kèm chức vụ "
        "hay đơn vị, ví dụ: Trần Thị Bích Ngọc."
    ),
    "name_too_long": (
        "Họ và tên dài quá 80 ký tự. Vui lòng chỉ gõ họ và tên, ví dụ: Trần Thị Bích Ngọc."
    ),
    "name_digits": (
        "Họ và tên không được có chữ số. Vui lòng gõ lại chỉ bằng chữ cái, ví dụ: Nguyễn Văn An."
    ),
    "name_symbols": (
        "Họ và tên chỉ gồm chữ cái (có dấu hoặc không dấu), không có biểu tượng, "
        "dấu chấm hay dấu phẩy. Vui lòng gõ lại, ví dụ: Rơ Châm H'Nhí."
    ),
    "name_punctuation": (
        "Dấu gạch nối (-) hoặc dấu nháy (') chỉ được nằm giữa hai chữ cái của tên. "
        "Vui lòng gõ lại, ví dụ: Ksor H'Nga."
    ),
    "phone_empty": (
        "Anh/chị chưa nhập số điện thoại. Vui lòng gõ số di động, ví dụ: 0905 123 456."
    ),
    "phone_not_own": (
        "Đây là số điện thoại của người khác. Trợ lý chỉ nhận số của chính anh/chị: "
        "anh/chị bấm nút “Chia sẻ số điện thoại” bên dưới, hoặc gõ số di động của anh/chị, "
        "ví dụ: 0905 123 456."
    ),
    "phone_not_a_number": (
        "Chưa nhận ra số điện thoại trong tin nhắn này. Vui lòng chỉ gõ các chữ số "
        "của số di động, ví dụ: 0905 123 456."
    ),
    "phone_too_short": (
        "Số điện thoại này thiếu chữ số. Số di động Việt Nam có 10 chữ số, bắt đầu bằng 0, "
        "ví dụ: 0905 123 456."
    ),
    "phone_too_long": (
        "Số điện thoại này thừa chữ số. Số di động Việt Nam có 10 chữ số, bắt đầu bằng 0, "
        "ví dụ: 0905 123 456. Vui lòng chỉ gõ một số."
    ),
    "phone_landline": (
        "Đây là số điện thoại cố định (máy bàn). Vui lòng nhập số di động để nhận tin nhắn "
        "của mạng lưới, ví dụ: 0905 123 456."
    ),
    "phone_old_mobile": (
        "Đây là số di động 11 số theo đầu số cũ, đã được đổi sang 10 số từ năm 2018. "
        "Vui lòng nhập số mới, ví dụ: 0389 123 456 thay cho 01689 123 456."
    ),
    "phone_foreign": (
        "Số này không phải số điện thoại Việt Nam. Vui lòng nhập số di động Việt Nam, "
        "ví dụ: 0905 123 456 hoặc +84 905 123 456."
    ),
    "phone_not_mobile": (
        "Số này là tổng đài hoặc số dịch vụ, không phải số di động. Vui lòng nhập số di động, "
        "ví dụ: 0905 123 456."
    ),
    "phone_invalid": (
        "Số điện thoại này không đúng đầu số di động Việt Nam. Vui lòng kiểm tra lại, "
        "ví dụ: 0905 123 456."
    ),
}

OLD_MOBILE_WITH_NEW = (
    "Đây là số di động 11 số theo đầu số cũ, đã được đổi sang 10 số từ năm 2018. "
    "Số mới có lẽ là {new}. Vui lòng kiểm tra và gõ lại số mới."
)
UNKNOWN = "Thông tin vừa nhập chưa hợp lệ. Vui lòng kiểm tra và gõ lại."


def explain(code: str, *, suggestion: str | None = None) -> str:
    """The Vietnamese explanation for a refusal code (with the corrected number if known)."""
    if code == "phone_old_mobile" and suggestion:
        if len(suggestion) == 10 and suggestion.isdigit():
            suggestion = f"{suggestion[:4]} {suggestion[4:7]} {suggestion[7:]}"
        return OLD_MOBILE_WITH_NEW.format(new=suggestion)
    return MESSAGES.get(code, UNKNOWN)


# ---- free text (codes of models.validators.clean_text) -----------------------------------
# What each free-text answer is called in the sentences below.
FIELDS: dict[str, str] = {
    "position": "chức vụ",
    "organisation": "tên đơn vị, doanh nghiệp",
    "village": "tên thôn, làng, tổ dân phố",
    "team_name": "tên tổ",
    "search": "nội dung tìm kiếm",
    "reason": "lý do",
    "title": "tiêu đề",
    "place": "địa điểm",
    "body": "nội dung",
    "feedback": "nội dung góp ý",
    "day_off": "tên ngày nghỉ",
}
TEXT_MESSAGES: dict[str, str] = {
    "text_empty": "Anh/chị chưa nhập {field}.",
    "text_too_short": "{Field} quá ngắn: cần ít nhất {limit} ký tự. Anh/chị vui lòng viết rõ hơn.",
    "text_too_long": (
        "{Field} dài {length} ký tự, quá giới hạn {limit} ký tự. "
        "Anh/chị vui lòng viết ngắn gọn hơn."
    ),
    "text_no_letters": (
        "{Field} cần có chữ cái, không chỉ gồm biểu tượng, hình vui, chữ số hay dấu câu. "
        "Anh/chị vui lòng gõ lại bằng chữ."
    ),
    "text_control": (
        "{Field} có ký tự điều khiển không hiển thị được (thường do sao chép từ nơi khác). "
        "Anh/chị vui lòng gõ lại trực tiếp."
    ),
}


def explain_text(code: str, *, field: str, length: int = 0, limit: int = 0) -> str:
    """The Vietnamese explanation for refused free text (`field` is a key of FIELDS)."""
    name = FIELDS.get(field, "nội dung")
    template = TEXT_MESSAGES.get(code, UNKNOWN)
    return template.format(
        field=name, Field=name[:1].upper() + name[1:], length=length, limit=limit
    )
