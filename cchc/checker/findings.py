"""A broken rule, and the registry of every rule the checker knows.

Rule ids are stable: scripts filter on them and the test corpus asserts them, so
an id is never renamed; a new check gets a new id. ``RULES`` documents each one
(``cchc check --rules`` prints it).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str
    where: str
    found: str
    expected: str
    message_vi: str

    def as_dict(self) -> dict:
        return asdict(self)


# rule id -> (severity, what the rule wants, in Vietnamese)
RULES: dict[str, tuple[str, str]] = {
    "page.size": (ERROR, "Khổ giấy A4 (210 × 297 mm)."),
    "page.orientation": (WARNING, "Trang đứng; chỉ phần có bảng rộng mới được xoay ngang."),
    "page.margin.top": (ERROR, "Lề trên trong khoảng cho phép."),
    "page.margin.bottom": (ERROR, "Lề dưới trong khoảng cho phép."),
    "page.margin.left": (ERROR, "Lề trái trong khoảng cho phép."),
    "page.margin.right": (ERROR, "Lề phải trong khoảng cho phép."),
    "page.numbers": (ERROR, "Có số trang (trường PAGE) ở đầu trang từ trang 2."),
    "page.numbers.position": (ERROR, "Số trang ở giữa, phía trên (phần đầu trang)."),
    "page.numbers.first_page": (ERROR, "Trang đầu không hiện số trang (trang đầu khác)."),
    "page.numbers.rendered": (ERROR, "In thử (LibreOffice): trang 1 không số, mỗi trang sau "
                                     "hiện đúng số của nó một lần ở đầu trang."),
    "page.numbers.duplicate": (ERROR, "Mỗi trang chỉ một số trang (không in hai lần, không "
                                      "vừa ở đầu vừa ở chân trang)."),
    "font.family": (ERROR, "Phông Times New Roman cho mọi chữ (run, kiểu, mặc định, chủ đề)."),
    "font.color": (WARNING, "Chữ màu đen."),
    "font.size.parent_body": (ERROR, "Cỡ chữ tên cơ quan chủ quản."),
    "font.size.issuing_body": (ERROR, "Cỡ chữ tên cơ quan ban hành."),
    "font.size.number": (ERROR, "Cỡ chữ số, ký hiệu."),
    "font.size.national_name": (ERROR, "Cỡ chữ Quốc hiệu."),
    "font.size.motto": (ERROR, "Cỡ chữ Tiêu ngữ."),
    "font.size.place_date": (ERROR, "Cỡ chữ địa danh, ngày tháng."),
    "font.size.type_name": (ERROR, "Cỡ chữ tên loại văn bản."),
    "font.size.subject": (ERROR, "Cỡ chữ trích yếu."),
    "font.size.body": (ERROR, "Cỡ chữ nội dung."),
    "font.size.table": (ERROR, "Cỡ chữ trong bảng."),
    "font.size.authority": (ERROR, "Cỡ chữ quyền hạn người ký."),
    "font.size.signer_title": (ERROR, "Cỡ chữ chức vụ người ký."),
    "font.size.signer_name": (ERROR, "Cỡ chữ họ tên người ký."),
    "font.size.recipients_label": (ERROR, "Cỡ chữ «Nơi nhận:»."),
    "font.size.recipients": (ERROR, "Cỡ chữ danh sách nơi nhận."),
    "font.size.page_number": (ERROR, "Cỡ chữ số trang."),
    "header.not_administrative": (WARNING, "Văn bản không có phần đầu của văn bản hành chính "
                                           "(tên cơ quan ban hành, số, ký hiệu): chỉ kiểm tra "
                                           "trang, phông chữ và nội dung."),
    "header.layout": (ERROR, "Phần đầu văn bản gồm hai cột: cơ quan bên trái, Quốc hiệu bên phải."),
    "header.parent_body.format": (ERROR, "Tên cơ quan chủ quản chữ in hoa, không đậm."),
    "header.issuing_body": (ERROR, "Có tên cơ quan ban hành."),
    "header.issuing_body.format": (ERROR, "Tên cơ quan ban hành chữ in hoa, đậm."),
    "header.issuing_body.line": (ERROR, "Đường kẻ ngang dưới tên cơ quan ban hành."),
    "header.issuing_body.line_length": (WARNING, "Đường kẻ dưới tên cơ quan ban hành dài "
                                                 "1/3–1/2 dòng chữ."),
    "header.number": (ERROR, "Dòng «Số: …/…» dưới tên cơ quan ban hành."),
    "header.number.symbol": (ERROR, "Ký hiệu đúng loại văn bản (Phụ lục III) hoặc mẫu công văn."),
    "header.number.leading_zero": (ERROR, "Số nhỏ hơn 10 ghi thêm số 0 phía trước."),
    "header.number.format": (ERROR, "Chữ «Số» đứng (không nghiêng)."),
    "header.national_name": (ERROR, "Quốc hiệu «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM»."),
    "header.national_name.format": (ERROR, "Quốc hiệu chữ in hoa, đậm, trên một dòng."),
    "header.motto": (ERROR, "Tiêu ngữ «Độc lập - Tự do - Hạnh phúc» dưới Quốc hiệu."),
    "header.motto.text": (ERROR, "Tiêu ngữ: gạch nối có cách chữ «Độc lập - Tự do - Hạnh phúc»."),
    "header.motto.format": (ERROR, "Tiêu ngữ chữ đậm."),
    "header.motto.line": (ERROR, "Đường kẻ ngang dưới Tiêu ngữ."),
    "header.motto.line_length": (WARNING, "Đường kẻ dưới Tiêu ngữ dài bằng dòng chữ."),
    "header.date": (ERROR, "Dòng địa danh, ngày tháng năm bên phải."),
    "header.date.format": (ERROR, "Mẫu «Địa danh, ngày … tháng … năm …»."),
    "header.date.leading_zero": (ERROR, "Ngày dưới 10 và tháng 1, 2 ghi thêm số 0 "
                                        "(tháng khác thì không)."),
    "header.date.invalid": (ERROR, "Ngày tháng có thật."),
    "header.date.italic": (ERROR, "Địa danh, ngày tháng chữ nghiêng."),
    "title.type_name": (ERROR, "Tên loại văn bản đúng với ký hiệu."),
    "title.type_name.format": (ERROR, "Tên loại căn giữa, in hoa, đậm."),
    "title.subject": (ERROR, "Có trích yếu dưới tên loại."),
    "title.subject.format": (ERROR, "Trích yếu căn giữa, đậm."),
    "title.subject.line": (WARNING, "Đường kẻ ngang dưới trích yếu."),
    "title.subject.line_length": (WARNING, "Đường kẻ dưới trích yếu dài 1/3–1/2 dòng chữ."),
    "body.justify": (ERROR, "Đoạn nội dung căn đều hai bên."),
    "body.first_line_indent": (ERROR, "Thụt đầu dòng 1–1,27 cm."),
    "body.spacing": (ERROR, "Cách đoạn tối thiểu 6 pt."),
    "body.line_spacing": (ERROR, "Giãn dòng từ đơn đến 1,5 dòng."),
    "body.heading_numbering": (ERROR, "Đánh số đề mục liên tục: I, II… rồi 1, 2… "
                                      "rồi a), b)… («đ)» sau «d)»)."),
    "signature.missing": (WARNING, "Có phần ký (chức vụ, họ tên người ký)."),
    "signature.orphaned": (WARNING, "Phần ký không đứng một mình ở trang cuối: cùng trang với "
                                   "đoạn cuối của nội dung."),
    "signature.authority": (ERROR, "Quyền hạn ký TM./KT./TL./TUQ./Q. chữ in hoa."),
    "signature.title": (ERROR, "Chức vụ người ký in hoa, đậm."),
    "signature.name_bold": (ERROR, "Họ tên người ký chữ đậm."),
    "recipients.label": (ERROR, "«Nơi nhận:» chữ đậm, nghiêng."),
    "recipients.items": (WARNING, "Mỗi nơi nhận một dòng «- …;»."),
    "recipients.last_line": (ERROR, "Dòng cuối «- Lưu: VT, …» kết thúc bằng dấu chấm."),
}


def finding(rule_id: str, where: str, found: str, expected: str, message: str) -> Finding:
    severity = RULES[rule_id][0]
    return Finding(rule_id, severity, where, found, expected, message)
