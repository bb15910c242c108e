from cchc.core.filenames import slug


def test_slug_of_vietnamese_names():
    assert slug("Sở Xây dựng") == "so-xay-dung"
    assert slug("UBND huyện Tân Yên") == "ubnd-huyen-tan-yen"
    assert slug("Sở Lao động - Thương binh và Xã hội") == "so-lao-dong-thuong-binh-va-xa-hoi"
    assert slug("Đài PT-TH tỉnh") == "dai-pt-th-tinh"
    assert slug("  ../../etc/passwd ") == "etc-passwd"
    assert slug("!!!") == "van-ban"
    assert len(slug("Sở " * 100)) <= 80
