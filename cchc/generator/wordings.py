"""The library of standard recommendation wordings, each tied to the weakness it
answers. Offices change the wording here (or per round, in the drafted notice);
what staff keep, edit or drop is recorded to improve them."""

RECOMMENDATIONS = {
    "overdue.resolved_late": "Rà soát, làm rõ nguyên nhân các hồ sơ giải quyết quá hạn; thực "
                             "hiện xin lỗi tổ chức, cá nhân theo quy định.",
    "overdue.pending": "Khẩn trương giải quyết dứt điểm các hồ sơ đang quá hạn; thông báo, xin "
                       "lỗi tổ chức, cá nhân và hẹn lại thời gian trả kết quả theo quy định.",
    "outline.missing": "Báo cáo đầy đủ các nội dung theo Đề cương kiểm tra, kèm tài liệu kiểm "
                       "chứng.",
    "figures.contradict": "Rà soát, thống nhất số liệu báo cáo với số liệu trên Hệ thống thông "
                          "tin giải quyết thủ tục hành chính của tỉnh.",
    "indicators.full_process_dvc_ratio": "Rà soát, tái cấu trúc quy trình, cung cấp dịch vụ "
                                         "công trực tuyến toàn trình đối với các thủ tục đủ "
                                         "điều kiện.",
    "indicators.online_payment_ratio": "Đẩy mạnh hướng dẫn tổ chức, cá nhân thanh toán trực "
                                       "tuyến phí, lệ phí trên Cổng Dịch vụ công.",
    "indicators.digitized_result_ratio": "Đẩy mạnh số hoá hồ sơ, kết quả giải quyết thủ tục "
                                         "hành chính, bảo đảm chỉ tiêu của tỉnh.",
    "stats.on_time_rate": "Tăng cường kiểm tra, đôn đốc việc giải quyết hồ sơ, bảo đảm tỷ lệ hồ "
                          "sơ giải quyết đúng hạn theo chỉ tiêu của tỉnh.",
    "target.below": "Có giải pháp nâng {label}, bảo đảm chỉ tiêu của tỉnh.",
}

# The unit's score by the round's criteria set; {trend} is ", tăng 1,5 điểm so với năm 2023"
SCORE_LINE = ("Kết quả chấm điểm theo {criteria}: đạt {total}/{max} điểm ({percent}%), "
              "xếp thứ {rank}/{of} {level}{trend}.")
CONTINUE = "Tiếp tục khắc phục: {text}."   # text starts lower case after the colon
