"""Documents that are not a unit's self-report; the extractor must refuse each of them.

Each imitates the features of its kind (decree with Chương/Điều, công văn with "V/v",
quyết định with Căn cứ…/QUYẾT ĐỊNH:, đơn, biên bản, kế hoạch, the outline left blank,
a social-insurance form, a CV, a contract) with text of our own.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from openpyxl import Workbook

from .docx_writer import write_docx
from .model import Doc, Header, Heading, Para, Signature

KINDS = {
    "tuned": ["decree", "cong_van", "quyet_dinh", "don", "bien_ban", "empty_outline"],
    "sealed": ["ke_hoach", "bhxh_form", "cv", "hop_dong", "empty_outline_pdf", "cong_van_2"],
}


def P(text, bullet=None, **kw):
    return Para([("n", text)], bullet=bullet, **kw)


def H(label, title, level=1):
    return Heading(None, label, title, level)


def hdr(parent, unit, number, place_date, layout="table"):
    return Header(parent, unit, number, place_date, layout)


def decree(rng):
    blocks = [P("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;"),
              P("Theo đề nghị của Bộ trưởng Bộ Nội vụ;"),
              P("Chính phủ ban hành Nghị định quy định về công tác văn thư trong cơ quan.")]
    art = 1
    for ch, (title, arts) in enumerate([
            ("QUY ĐỊNH CHUNG", ["Phạm vi điều chỉnh", "Đối tượng áp dụng", "Giải thích từ ngữ"]),
            ("SOẠN THẢO, KÝ BAN HÀNH VĂN BẢN", ["Các loại văn bản hành chính",
                                                 "Thể thức văn bản", "Kỹ thuật trình bày"]),
            ("QUẢN LÝ VĂN BẢN", ["Nguyên tắc chung", "Đăng ký văn bản đi"]),
            ("ĐIỀU KHOẢN THI HÀNH", ["Hiệu lực thi hành", "Trách nhiệm thi hành"])], 1):
        blocks.append(P(f"Chương {['I', 'II', 'III', 'IV'][ch - 1]}", align="center", bold=True))
        blocks.append(P(title, align="center", bold=True))
        for a in arts:
            blocks.append(P(f"Điều {art}. {a}", bold=True))
            for k in range(rng.randint(1, 3)):
                blocks.append(P(f"{k + 1}. Cơ quan, tổ chức thực hiện {a.lower()} theo quy định "
                                f"tại Nghị định này và hướng dẫn của Bộ Nội vụ."))
            art += 1
    h = hdr("", ["CHÍNH PHỦ"], f"Số: {rng.randint(10, 99)}/2020/NĐ-CP",
            f"Hà Nội, ngày {rng.randint(1, 28)} tháng 3 năm 2020")
    h.parent = None
    return Doc("decree", h, ["NGHỊ ĐỊNH", "Về công tác văn thư"], blocks,
               refused=True)


def cong_van(rng, variant=1):
    unit = rng.choice([["SỞ XÂY DỰNG"], ["SỞ Y TẾ"], ["UBND HUYỆN TÂN YÊN"]])
    blocks = [P("V/v cung cấp hồ sơ phục vụ kiểm tra công tác CCHC năm 2023", italic=True),
              P("Kính gửi: Sở Nội vụ tỉnh Bắc Giang.", align="center"),
              P("Thực hiện Kế hoạch kiểm tra công tác cải cách hành chính năm 2023 của Chủ tịch "
                "UBND tỉnh, đơn vị xin gửi kèm theo Công văn này các tài liệu sau:"),
              P("Danh mục hồ sơ, tài liệu phục vụ kiểm tra;", bullet="-"),
              P("Báo cáo kết quả thực hiện theo Đề cương sẽ gửi trước ngày làm việc 05 ngày;",
                bullet="-"),
              P("Đề nghị Tổ kiểm tra thông báo lịch làm việc cụ thể để đơn vị chuẩn bị.")]
    if variant == 2:
        blocks = [P("V/v đề nghị lùi thời gian kiểm tra", italic=True),
                  P("Kính gửi: Ban Chỉ đạo cải cách hành chính tỉnh.", align="center"),
                  P("Do trùng lịch tiếp đoàn công tác của Bộ, đơn vị đề nghị lùi lịch kiểm tra "
                    "sang tuần sau. Tỷ lệ hồ sơ đúng hạn của đơn vị vẫn đạt 98,5%."),
                  P("Trân trọng đề nghị Ban Chỉ đạo xem xét, chấp thuận./.")]
    sym = "SXD" if unit[0] == "SỞ XÂY DỰNG" else ("SYT" if "Y TẾ" in unit[0] else "UBND")
    h = hdr("UBND TỈNH BẮC GIANG" if "SỞ" in unit[0] else None, unit,
            f"Số: {rng.randint(100, 999)}/{sym}-VP",
            f"Bắc Giang, ngày {rng.randint(1, 28)} tháng {rng.randint(4, 9)} năm 2023")
    return Doc("cong_van", h, [], blocks, Signature(["Nơi nhận:", "- Như trên;", "- Lưu: VT."],
                                                    "GIÁM ĐỐC", "Nguyễn Văn Hải"), refused=True)


def quyet_dinh(rng):
    blocks = [P("Về việc thành lập Tổ kiểm tra công tác cải cách hành chính năm 2023",
                align="center", bold=True),
              P("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", align="center", bold=True),
              P("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;"),
              P("Căn cứ Kế hoạch số 45/KH-UBND ngày 10/3/2023 của Chủ tịch UBND tỉnh;"),
              P("Theo đề nghị của Giám đốc Sở Nội vụ.", ),
              P("QUYẾT ĐỊNH:", align="center", bold=True),
              P("Điều 1. Thành lập Tổ kiểm tra công tác cải cách hành chính năm 2023 gồm các "
                "ông, bà có tên sau:"),
              P("Ông Nguyễn Văn A, Phó Giám đốc Sở Nội vụ, Tổ trưởng;", bullet="-"),
              P("Bà Trần Thị B, Trưởng phòng CCHC, Sở Nội vụ, Thành viên;", bullet="-"),
              P("Điều 2. Tổ kiểm tra có nhiệm vụ kiểm tra theo Đề cương kiểm tra kèm theo Kế "
                "hoạch; tự giải thể sau khi hoàn thành nhiệm vụ."),
              P("Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ và các ông, bà có tên tại "
                "Điều 1 căn cứ Quyết định thi hành./.")]
    h = hdr(None, ["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"], f"Số: {rng.randint(100, 999)}/QĐ-UBND",
            f"Bắc Giang, ngày {rng.randint(1, 28)} tháng 4 năm 2023")
    return Doc("quyet_dinh", h, ["QUYẾT ĐỊNH"], blocks,
               Signature(["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT, NC."],
                         "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Mai Sơn"), refused=True)


def don(rng):
    blocks = [P("Kính gửi: Ủy ban nhân dân xã Cao Xá, huyện Tân Yên.", align="center"),
              P("Tôi tên là: Nguyễn Thị Hoa, sinh năm 1975."),
              P("Địa chỉ thường trú: thôn Đông, xã Cao Xá, huyện Tân Yên, tỉnh Bắc Giang."),
              P("Số CCCD: 024175000123, cấp ngày 10/5/2021."),
              P("Tôi làm đơn này đề nghị UBND xã xem xét, giải quyết hồ sơ đăng ký biến động đất "
                "đai của gia đình tôi đã nộp tại Bộ phận một cửa từ ngày 12/02/2023 nhưng đến nay "
                "quá hạn 35 ngày chưa được trả kết quả."),
              P("Tôi xin cam đoan những nội dung trên là đúng sự thật."),
              P("Tân Yên, ngày 20 tháng 4 năm 2023", align="right", italic=True),
              P("Người làm đơn", align="right", bold=True),
              P("Nguyễn Thị Hoa", align="right")]
    h = hdr(None, [], "", "")
    h.layout = "none"
    return Doc("don", None, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                             "ĐƠN ĐỀ NGHỊ", "(V/v giải quyết hồ sơ đất đai quá hạn)"], blocks,
               refused=True)


def bien_ban(rng):
    blocks = [P("Vào hồi 8 giờ 00 phút, ngày 16 tháng 5 năm 2023, tại trụ sở Sở Xây dựng, "
                "Tổ kiểm tra CCHC của tỉnh làm việc với Sở Xây dựng."),
              H("I.", "THÀNH PHẦN"),
              P("Tổ kiểm tra: Ông Nguyễn Văn A - Tổ trưởng và 05 thành viên.", bullet="-"),
              P("Đơn vị được kiểm tra: Ông Lê Văn C - Giám đốc Sở và lãnh đạo các phòng.",
                bullet="-"),
              H("II.", "NỘI DUNG LÀM VIỆC"),
              P("Đại diện Sở Xây dựng báo cáo tóm tắt kết quả thực hiện theo Đề cương kiểm tra; "
                "tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,2%."),
              P("Tổ kiểm tra kiểm tra xác suất 30 hồ sơ TTHC, phát hiện 02 hồ sơ trả quá hạn."),
              H("III.", "KẾT LUẬN"),
              P("Đề nghị đơn vị khắc phục các tồn tại nêu trên, báo cáo kết quả trước ngày "
                "30/6/2023."),
              P("Biên bản kết thúc vào hồi 11 giờ 30 phút cùng ngày, đã đọc lại cho các thành "
                "phần dự họp nghe và nhất trí ký tên.")]
    h = hdr("UBND TỈNH BẮC GIANG", ["TỔ KIỂM TRA CCHC"], "Số: 05/BB-TKT",
            "Bắc Giang, ngày 16 tháng 5 năm 2023")
    return Doc("bien_ban", h, ["BIÊN BẢN", "Kiểm tra công tác cải cách hành chính tại Sở Xây dựng"],
               blocks, Signature(["THƯ KÝ"], "TỔ TRƯỞNG", "Nguyễn Văn A"), refused=True)


def ke_hoach(rng):
    blocks = [P("Thực hiện Kế hoạch cải cách hành chính năm 2023 của UBND tỉnh, UBND huyện ban "
                "hành Kế hoạch tự kiểm tra công tác CCHC như sau:"),
              H("I.", "MỤC ĐÍCH, YÊU CẦU"),
              P("Đánh giá đúng thực trạng công tác CCHC tại các cơ quan chuyên môn, UBND cấp xã.",
                bullet="-"),
              H("II.", "NỘI DUNG KIỂM TRA"),
              P("1. Công tác chỉ đạo, điều hành."), P("2. Cải cách thủ tục hành chính."),
              P("3. Cải cách tổ chức bộ máy."), P("4. Cải cách chế độ công vụ."),
              P("5. Xây dựng chính quyền điện tử, chính quyền số."),
              H("III.", "ĐỐI TƯỢNG, THỜI GIAN KIỂM TRA"),
              P("Quý III/2023: UBND các xã Cao Xá, Ngọc Thiện, Liên Sơn."),
              H("IV.", "TỔ CHỨC THỰC HIỆN"),
              P("Giao Phòng Nội vụ chủ trì, tham mưu thành lập Tổ kiểm tra; các xã được kiểm tra "
                "xây dựng báo cáo theo Đề cương gửi trước 05 ngày.")]
    h = hdr(None, ["ỦY BAN NHÂN DÂN", "HUYỆN LỤC NAM"], f"Số: {rng.randint(10, 300)}/KH-UBND",
            "Lục Nam, ngày 02 tháng 6 năm 2023")
    return Doc("ke_hoach", h, ["KẾ HOẠCH", "Tự kiểm tra công tác cải cách hành chính năm 2023"],
               blocks, Signature(["Nơi nhận:", "- Lưu: VT."], "CHỦ TỊCH", "Phạm Văn Đức"),
               refused=True)


OUTLINE = [("1.", "Công tác chỉ đạo, điều hành"), ("2.", "Cải cách thủ tục hành chính"),
           ("3.", "Cải cách tổ chức bộ máy hành chính nhà nước"), ("4.", "Cải cách chế độ công vụ"),
           ("5.", "Xây dựng và phát triển Chính quyền điện tử, chính quyền số"),
           ("6.", "Đánh giá tình hình và kết quả thực hiện các nhiệm vụ khác"),
           ("7.", "Kiểm tra việc khắc phục những tồn tại, kiến nghị của đợt kiểm tra trước"),
           ("8.", "Đánh giá ưu điểm, tồn tại, hạn chế"), ("9.", "Đề xuất, kiến nghị")]


def empty_outline(rng, unit=True):
    blocks = []
    for lab, t in OUTLINE:
        blocks.append(H(lab, t))
        if lab == "5.":
            blocks.append(H("5.1.", "Phát triển chính quyền số", 2))
            blocks.append(P("Số dịch vụ công trực tuyến toàn trình đang cung cấp/tổng số dịch vụ "
                            "công trực tuyến đủ điều kiện, đạt tỉ lệ: ……… %", bullet="-"))
            blocks.append(P("Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt: …… %",
                            bullet="-"))
            blocks.append(H("5.5.", "Kết quả đầu tư cho chuyển đổi số", 2))
            blocks.append(P("Tổng dự toán được giao cho chuyển đổi số năm 2023: ………….",
                            bullet="-"))
        else:
            blocks.append(P("……………………………………………………………………"))
    h = hdr("UBND TỈNH BẮC GIANG", ["SỞ ……………"], "Số:        /BC-……",
            "……………, ngày      tháng      năm 2023") if unit else None
    title = ["BÁO CÁO", "Kết quả thực hiện nhiệm vụ CCHC, ISO, CĐS năm 2023",
             "(Mẫu đề cương – đơn vị điền số liệu)"]
    return Doc("empty_outline", h, title, blocks, refused=True)


def cv(rng):
    blocks = [P("Họ và tên: Vũ Minh Khoa"), P("Ngày sinh: 14/02/1994"),
              P("Địa chỉ: phường Trần Phú, thành phố Bắc Giang"),
              H("", "HỌC VẤN"), P("2012 – 2016: Cử nhân Công nghệ thông tin, Đại học Thái Nguyên",
                                  bullet="•"),
              H("", "KINH NGHIỆM LÀM VIỆC"),
              P("2017 – nay: Chuyên viên Trung tâm Phục vụ hành chính công tỉnh; quản trị phần mềm "
                "một cửa điện tử, hỗ trợ số hóa hồ sơ TTHC.", bullet="•"),
              H("", "KỸ NĂNG"), P("Tin học văn phòng, quản trị cơ sở dữ liệu, tiếng Anh B2.",
                                   bullet="•")]
    return Doc("cv", None, ["SƠ YẾU LÝ LỊCH", "(Curriculum Vitae)"], blocks, refused=True)


def hop_dong(rng):
    blocks = [P("Căn cứ Bộ luật Dân sự ngày 24 tháng 11 năm 2015;"),
              P("Căn cứ nhu cầu và khả năng của hai bên."),
              P("Hôm nay, ngày 05 tháng 7 năm 2023, tại Sở Xây dựng tỉnh Bắc Giang, chúng tôi "
                "gồm:"),
              P("BÊN A: SỞ XÂY DỰNG TỈNH BẮC GIANG", bold=True),
              P("Đại diện: Ông Lê Văn C, chức vụ Giám đốc."),
              P("BÊN B: CÔNG TY CỔ PHẦN CÔNG NGHỆ SỐ KINH BẮC", bold=True),
              P("Đại diện: Bà Đỗ Thu Hà, chức vụ Giám đốc."),
              P("Điều 1. Nội dung hợp đồng", bold=True),
              P("Bên B cung cấp dịch vụ số hóa 12.000 hồ sơ TTHC cho Bên A."),
              P("Điều 2. Giá trị hợp đồng và phương thức thanh toán", bold=True),
              P("Giá trị hợp đồng: 820.500.000 đồng (Tám trăm hai mươi triệu năm trăm nghìn "
                "đồng)."),
              P("Điều 3. Thời gian thực hiện", bold=True),
              P("90 ngày kể từ ngày ký hợp đồng."),
              P("ĐẠI DIỆN BÊN A                                   ĐẠI DIỆN BÊN B", bold=True)]
    return Doc("hop_dong", None, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                  "Độc lập - Tự do - Hạnh phúc", "HỢP ĐỒNG DỊCH VỤ",
                                  "Số: 15/2023/HĐDV"], blocks, refused=True)


def bhxh_form(path: Path, rng):
    wb = Workbook()
    ws = wb.active
    ws.title = "TK1-TS"
    rows = [["BẢO HIỂM XÃ HỘI VIỆT NAM", "", "", "", "Mẫu TK1-TS"],
            ["TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN BẢO HIỂM XÃ HỘI, BẢO HIỂM Y TẾ"],
            ["I. Áp dụng đối với người tham gia tra cứu không thấy mã số BHXH"],
            ["[01]. Họ và tên (viết chữ in hoa):", "TRẦN VĂN BÌNH"],
            ["[02]. Ngày, tháng, năm sinh:", "12/08/1988", "[03]. Giới tính:", "Nam"],
            ["[04]. Quốc tịch:", "Việt Nam", "[05]. Dân tộc:", "Kinh"],
            ["[06]. Nơi đăng ký khai sinh:", "xã Ngọc Thiện, huyện Tân Yên, tỉnh Bắc Giang"],
            ["[07]. Số CCCD/ĐDCN/Hộ chiếu:", "024088001234"],
            ["[08]. Số điện thoại liên hệ:", "0912 345 678"],
            ["[09]. Mức tiền đóng:", "1.500.000"], ["[10]. Phương thức đóng:", "3 tháng"],
            ["II. Áp dụng đối với người tham gia đã có mã số BHXH"],
            ["[11]. Mã số BHXH:", "2410012345"],
            ["STT", "Họ và tên", "Mã số BHXH", "Quan hệ với chủ hộ", "Ghi chú"],
            [1, "Trần Văn Bình", "2410012345", "Chủ hộ", ""],
            [2, "Nguyễn Thị Mai", "2410012346", "Vợ", ""],
            ["Tôi cam đoan những nội dung kê khai là đúng và chịu trách nhiệm trước pháp luật."],
            ["", "", "", "Tân Yên, ngày 10 tháng 6 năm 2023"],
            ["", "", "", "Người kê khai"]]
    for r in rows:
        ws.append(r)
    wb.save(path)


def write(entry: dict, rng: random.Random, out: Path, half: str) -> str:
    kind, name = entry["kind"], entry["name"]
    if kind == "bhxh_form":
        path = out / f"{name}.xlsx"
        bhxh_form(path, rng)
    else:
        maker = {"decree": decree, "cong_van": cong_van, "quyet_dinh": quyet_dinh, "don": don,
                 "bien_ban": bien_ban, "empty_outline": empty_outline, "ke_hoach": ke_hoach,
                 "cv": cv, "hop_dong": hop_dong,
                 "cong_van_2": lambda r: cong_van(r, 2),
                 "empty_outline_pdf": lambda r: empty_outline(r, unit=False)}[kind]
        doc = maker(rng)
        if kind == "empty_outline_pdf":
            from .rl_pdf import write_pdf
            path = out / f"{name}.pdf"
            doc.header = Header(None, [""], "", "", "table")
            write_pdf(doc, path)
        else:
            path = out / f"{name}.docx"
            write_docx(doc, path)
    (out / "truth" / f"{path.name}.json").write_text(json.dumps({"refused": True}),
                                                      encoding="utf-8")
    return path.name
