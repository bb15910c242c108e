"""Wording pools of the sealed half: other units (also outside Bắc Giang), other sentences,
other heading and indicator wordings. Same shape as bench/independent/words.py."""

from bench.independent.words import (  # noqa: F401  (shared form vocabulary)
    DISTRICT_KIND,
    GROUPS_LEVEL,
    SUBFIELDS,
)
from bench.independent.words import (
    INDICATORS as _BASE_INDICATORS,
)

PROVINCE = "Bắc Giang"
PARENTS = ["UBND TỈNH BẮC GIANG", "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", "UBND TỈNH LẠNG SƠN",
           "UBND TỈNH THÁI NGUYÊN"]
DEPARTMENTS = [
    (["SỞ NỘI VỤ"], "SNV", "Bắc Giang"),
    (["SỞ GIÁO DỤC VÀ ĐÀO TẠO"], "SGDĐT", "Bắc Giang"),
    (["SỞ Y TẾ"], "SYT", "Bắc Giang"),
    (["SỞ GIAO THÔNG VẬN TẢI"], "SGTVT", "Bắc Giang"),
    (["SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG"], "STNMT", "Bắc Giang"),
    (["SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"], "SVHTTDL", "Bắc Giang"),
    (["SỞ KẾ HOẠCH VÀ ĐẦU TƯ"], "SKHĐT", "Bắc Giang"),
    (["BAN QUẢN LÝ CÁC KHU", "CÔNG NGHIỆP TỈNH"], "BQL", "Bắc Giang"),
    (["SỞ THÔNG TIN", "VÀ TRUYỀN THÔNG"], "STTTT", "Bắc Giang"),
]
DISTRICTS = [
    ("Lục Nam", ["Bảo Đài", "Cẩm Lý", "Đông Phú", "Tiên Hưng"]),
    ("Lục Ngạn", ["Biển Động", "Kiên Thành", "Phượng Sơn", "Thanh Hải"]),
    ("Yên Dũng", ["Lãng Sơn", "Tư Mại", "Đồng Phúc", "Tiến Dũng"]),
    ("Việt Yên", ["Hồng Thái", "Minh Đức", "Thượng Lan", "Tăng Tiến"]),
]
TITLE_LINES = [
    ["BÁO CÁO", "Công tác cải cách hành chính, thực hiện ISO và chuyển đổi số năm 2023",
     "(phục vụ kiểm tra của Ban Chỉ đạo CCHC tỉnh)"],
    ["BÁO CÁO", "Về việc tự kiểm tra, đánh giá công tác CCHC, ISO, CĐS năm 2023"],
    ["BÁO CÁO TỰ KIỂM TRA", "công tác cải cách hành chính năm 2023"],
]
INTROS = [
    "Thực hiện Kế hoạch số {plan}/KH-UBND ngày {pd}/3/2023 của Chủ tịch UBND tỉnh, {self} "
    "báo cáo tự kiểm tra công tác CCHC, ISO, CĐS năm 2023 như sau:",
    "Theo yêu cầu của Tổ kiểm tra Ban Chỉ đạo CCHC tỉnh, {self} tổng hợp kết quả như sau:",
]
HEADINGS = {
    "1": ["Công tác lãnh đạo, chỉ đạo, điều hành", "Về chỉ đạo, điều hành công tác CCHC",
          "Công tác chỉ đạo, điều hành"],
    "2": ["Kết quả cải cách thủ tục hành chính", "Về thực hiện cải cách TTHC",
          "Cải cách thủ tục hành chính"],
    "3": ["Về sắp xếp, cải cách tổ chức bộ máy", "Cải cách tổ chức bộ máy hành chính"],
    "4": ["Cải cách chế độ công vụ", "Về thực hiện cải cách chế độ công vụ"],
    "5": ["Về xây dựng Chính quyền điện tử, chính quyền số",
          "Xây dựng và phát triển chính quyền điện tử, chính quyền số"],
    "5.1": ["Về phát triển chính quyền số", "Kết quả phát triển chính quyền số"],
    "5.2": ["Kết quả phát triển kinh tế số"],
    "5.3": ["Kết quả phát triển xã hội số"],
    "5.4": ["Về bảo đảm an toàn, an ninh mạng", "An toàn thông tin, an ninh mạng"],
    "5.5": ["Về đầu tư cho chuyển đổi số", "Kết quả đầu tư cho CĐS"],
    "5.6": ["Về áp dụng Hệ thống quản lý chất lượng theo TCVN ISO 9001",
            "Thực hiện ISO"],
    "6": ["Kết quả thực hiện nhiệm vụ khác do Chủ tịch UBND tỉnh giao",
          "Về các nhiệm vụ khác được giao theo kế hoạch CCHC, CĐS, ISO năm 2023"],
    "7": ["Kết quả khắc phục tồn tại, hạn chế theo kết luận kiểm tra trước",
          "Việc khắc phục các tồn tại, kiến nghị của đợt kiểm tra trước"],
    "8": ["Ưu điểm, tồn tại, hạn chế", "Đánh giá chung"],
    "9": ["Kiến nghị", "Đề xuất, kiến nghị"],
}
WRAPPERS = [("KẾT QUẢ TRIỂN KHAI THỰC HIỆN", "ĐÁNH GIÁ CHUNG", "KIẾN NGHỊ, ĐỀ XUẤT"),
            ("TÌNH HÌNH, KẾT QUẢ THỰC HIỆN", "ĐÁNH GIÁ", "ĐỀ XUẤT, KIẾN NGHỊ")]
SUBHEAD_8 = [("Ưu điểm", "Hạn chế, tồn tại"), ("Kết quả nổi bật", "Tồn tại, hạn chế")]
SENTENCES = {
    "1": ["Ngay từ đầu năm, đơn vị ban hành Kế hoạch số {n}/KH-{sym} triển khai {k} nhiệm vụ "
          "CCHC trọng tâm.",
          "Lồng ghép nội dung CCHC trong các cuộc họp giao ban định kỳ hằng tháng.",
          "Ban hành Kế hoạch kiểm tra CCHC, đã kiểm tra {k} lượt tại các phòng, đơn vị.",
          "Tuyên truyền CCHC qua hội nghị, trang thông tin điện tử và mạng xã hội với {n} tin bài.",
          "Báo cáo định kỳ được gửi đầy đủ, đúng hạn theo quy định."],
    "2": ["Tổng số TTHC thuộc thẩm quyền giải quyết là {n} thủ tục, đã công khai đầy đủ.",
          "Đã thực hiện số hóa hồ sơ đầu vào và kết quả giải quyết theo Nghị định số "
          "45/2020/NĐ-CP.",
          "Trong kỳ tiếp nhận {k} phản ánh, kiến nghị; đã xử lý xong {k} phản ánh.",
          "Công chức tại Bộ phận một cửa đều có trình độ đại học, nắm vững nghiệp vụ.",
          "Rà soát, kiến nghị cắt giảm thời gian giải quyết {k} thủ tục."],
    "3": ["Thực hiện nghiêm việc sắp xếp tổ chức bộ máy theo quy định.",
          "Số lượng phòng chuyên môn: {k} phòng; đơn vị sự nghiệp trực thuộc: {m}.",
          "Biên chế được giao {n}, hiện có {k} công chức."],
    "4": ["Thực hiện tinh giản biên chế {k} trường hợp theo Nghị định số 29/2023/NĐ-CP.",
          "Cập nhật kịp thời dữ liệu cán bộ, công chức trên phần mềm của tỉnh.",
          "Thực hiện nghiêm quy định về thời giờ làm việc, văn hóa công sở."],
    "5": ["Hạ tầng công nghệ thông tin cơ bản đáp ứng yêu cầu; 100% máy tính kết nối Internet."],
    "5.1": ["Phần mềm quản lý văn bản được sử dụng ở tất cả các phòng, đơn vị."],
    "5.2": ["Hỗ trợ hộ kinh doanh đưa sản phẩm lên sàn thương mại điện tử."],
    "5.3": ["Phối hợp Công an huyện thu nhận hồ sơ định danh điện tử mức độ 2."],
    "5.4": ["Triển khai phần mềm phòng chống mã độc tập trung cho các máy trạm."],
    "5.5": [],
    "5.6": ["Hệ thống quản lý chất lượng được duy trì, cập nhật các quy trình mới.",
            "Ban hành quyết định công bố lại HTQLCL phù hợp TCVN ISO 9001:2015.",
            "Tổ chức đánh giá nội bộ năm 2023, không phát hiện điểm không phù hợp nghiêm trọng."],
    "6": ["Hoàn thành đúng tiến độ {k} nhiệm vụ do Chủ tịch UBND tỉnh giao.",
          "Còn {k} nhiệm vụ đang triển khai do phụ thuộc nguồn kinh phí."],
    "7": ["Đối với các kiến nghị của Tổ kiểm tra năm 2022, đơn vị đã khắc phục xong {k}/{m} "
          "nội dung.",
          "Chấn chỉnh việc trả kết quả quá hạn, gửi thư xin lỗi tổ chức, công dân."],
    "8": ["Lãnh đạo đơn vị quan tâm, chỉ đạo quyết liệt công tác CCHC.",
          "Chất lượng phục vụ người dân, doanh nghiệp từng bước được nâng lên.",
          "Việc số hóa kết quả giải quyết TTHC còn chậm; còn hồ sơ giải quyết quá hạn.",
          "Nguyên nhân chủ yếu do khối lượng công việc lớn, trang thiết bị xuống cấp."],
    "9": ["Kiến nghị tỉnh đầu tư nâng cấp trang thiết bị tại Bộ phận một cửa.",
          "Đề nghị cấp tài khoản khai thác cơ sở dữ liệu dân cư cho công chức một cửa.",
          "Đề nghị tăng cường tập huấn kỹ năng số cho cán bộ cấp xã."],
}
SECTION_5_1_EXTRA = "Kết quả thực hiện các chỉ tiêu:"
_EXTRA = {
    "dvc_online_generating_ratio": ["DVC trực tuyến có phát sinh hồ sơ trực tuyến/tổng số DVC "
                                    "có phát sinh hồ sơ"],
    "records_fully_online_ratio": ["Số hồ sơ xử lý hoàn toàn trực tuyến/tổng số hồ sơ giải "
                                   "quyết trong năm"],
    "full_process_dvc_ratio": ["Tỷ lệ DVC trực tuyến toàn trình đang cung cấp"],
    "online_payment_ratio": ["Tỷ lệ giao dịch thanh toán trực tuyến trên Cổng DVC quốc gia"],
    "digital_skills_training_ratio": ["Tỷ lệ cán bộ, công chức được bồi dưỡng kỹ năng số cơ bản"],
    "digital_inspection_ratio": ["Tỷ lệ cuộc kiểm tra hành chính thực hiện qua môi trường số"],
    "reporting_system_ratio": ["Báo cáo đã thực hiện trên Hệ thống thông tin báo cáo của tỉnh/"
                               "tổng số báo cáo phải thực hiện"],
    "electronic_documents_ratio": ["Tỷ lệ văn bản đi, đến dưới dạng điện tử giữa các cơ quan "
                                   "nhà nước"],
}
INDICATORS = {k: (_EXTRA.get(k, names), noun) for k, (names, noun) in _BASE_INDICATORS.items()}
BUDGET_LINES = ["Dự toán kinh phí được giao cho chuyển đổi số năm 2023: {v}",
                "Tổng dự toán được giao cho CĐS năm 2023 là {v}"]
SPENT_LINES = ["Kinh phí đã giải ngân cho chuyển đổi số đến thời điểm báo cáo: {v}",
               "Tổng kinh phí đã thực hiện chi: {v}"]
FIELDS_DEPT = ["Giáo dục trung học", "Thi, tuyển sinh", "Khám bệnh, chữa bệnh", "Dược phẩm",
               "Đường bộ", "Đăng kiểm", "Môi trường", "Khoáng sản", "Du lịch", "Thể dục thể thao",
               "Đầu tư", "Thành lập và hoạt động doanh nghiệp", "Công chức, viên chức",
               "Thi đua, khen thưởng"]
FIELDS_DISTRICT = ["Đất đai", "Hộ tịch", "Chứng thực", "Hộ kinh doanh", "Quy hoạch xây dựng",
                   "Người có công", "Bảo trợ xã hội", "Môi trường", "Thủy sản", "Nông nghiệp",
                   "Giáo dục mầm non", "Tôn giáo"]
GROUPS_FIELD = ["Lĩnh vực Đất đai", "Lĩnh vực Hộ tịch", "Lĩnh vực Xây dựng"]
NOTES = ["Ghi chú: Số liệu trích xuất từ Hệ thống thông tin giải quyết TTHC tỉnh Bắc Giang.",
         "(Số liệu tính từ ngày đầu kỳ đến ngày chốt báo cáo)"]
SIGNERS = [("GIÁM ĐỐC", "Đặng Quốc Khánh"), ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Ngô Thị Hằng"),
           ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "Vi Văn Thắng"), ("TRƯỞNG BAN", "Lý Thị Nga")]
COMMENTS = ["Xem lại số liệu quý II", "Bổ sung minh chứng", "Đã thống nhất với phòng"]
