"""A small English–Vietnamese lexicon of common news words, written for Duet (no external source).

Each entry is one concept: English base forms on the left, Vietnamese renderings on the right. A
word found on both sides of a candidate bead is weak evidence that they translate each other; many
such words together are strong evidence, and they are what tells two same-length sentences apart.
English inflections (-s, -ed, -ing, …) are generated; Vietnamese forms are matched as whole
syllable sequences, case-folded but with their diacritics (folded Vietnamese syllables collide).
Entries are deliberately general (politics, economy, health, society, time, quantities) so that
they help on any news article, not just the ones the aligner was developed on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from reader.align.tokens import SideWords

# english forms | vietnamese forms   (comma-separated; multi-word forms allowed on both sides)
ENTRIES = """
say, said, tell, told, state, stated | nói, cho biết, cho hay, phát biểu, tuyên bố
add, added | nói thêm, cho biết thêm, bổ sung
ask, asked | hỏi, yêu cầu, đề nghị
announce | thông báo, công bố, tuyên bố
report | báo cáo, đưa tin, ghi nhận, thông tin
reporter, journalist | phóng viên, nhà báo
news | tin tức, bản tin
newspaper | tờ báo, báo
media | truyền thông, báo chí
interview | phỏng vấn
statement | tuyên bố, thông cáo
believe | tin rằng, tin tưởng
think, thought | nghĩ, cho rằng, suy nghĩ
know, knew, known | biết
want | muốn
need | cần, nhu cầu
help | giúp, giúp đỡ, hỗ trợ
support | ủng hộ, hỗ trợ
agree, agreement | đồng ý, nhất trí, thỏa thuận, thoả thuận, hiệp định
discuss, discussion | thảo luận, trao đổi, bàn
meet, met, meeting | gặp, gặp gỡ, cuộc họp, hội nghị, cuộc gặp, hội kiến, tiếp
visit | thăm, chuyến thăm, chuyến đi
talk, talks | hội đàm, đàm phán, trò chuyện
call, called | kêu gọi, gọi
urge | thúc giục, kêu gọi
warn, warning | cảnh báo
expect, expected | dự kiến, kỳ vọng, dự báo
plan | kế hoạch, dự định, lên kế hoạch
decide, decision | quyết định
allow, allowed, permit | cho phép
ban, prohibit | cấm, lệnh cấm
close, closed, shut | đóng cửa, đóng
open, reopen | mở cửa, mở, mở lại
start, begin, began, begun, launch | bắt đầu, khởi động, phát động
end, ended, finish | kết thúc, chấm dứt
continue | tiếp tục
increase, rise, rose, risen, grow, grew, grown, growth | tăng, gia tăng, tăng trưởng, tăng lên
decrease, fall, fell, fallen, drop, decline, reduce | giảm, sụt giảm, suy giảm, giảm xuống
record | kỷ lục, ghi nhận
change | thay đổi, biến đổi
improve, improvement | cải thiện, nâng cao
develop, development | phát triển
build, built, construction | xây dựng
create | tạo, tạo ra
produce, production | sản xuất
provide | cung cấp
receive | nhận, tiếp nhận
buy, bought, purchase | mua
sell, sold | bán
pay, paid | trả, chi trả, thanh toán
spend, spent | chi tiêu, dành, chi
cost, price | chi phí, giá, giá cả
money | tiền
fund, funding | quỹ, nguồn vốn, kinh phí
invest, investment, investor | đầu tư, nhà đầu tư
economy, economic | kinh tế, nền kinh tế
trade | thương mại, giao thương
market | thị trường, chợ
company, firm | công ty, doanh nghiệp
business | kinh doanh, doanh nghiệp
industry | ngành, công nghiệp
bank | ngân hàng
tax | thuế
export | xuất khẩu
import | nhập khẩu
job, employment | việc làm, công việc
worker, employee | công nhân, người lao động, nhân viên
work, worked | làm việc, công việc
unemployment | thất nghiệp
tourism, tourist | du lịch, du khách, khách du lịch
travel, trip | du lịch, đi lại, chuyến đi
flight | chuyến bay
airport | sân bay
airline | hãng hàng không
passenger | hành khách
hotel | khách sạn
restaurant | nhà hàng
school | trường học, trường
student | sinh viên, học sinh
teacher | giáo viên
university | đại học, trường đại học
education | giáo dục
study, studied | nghiên cứu, học
research, researcher | nghiên cứu, nhà nghiên cứu
scientist | nhà khoa học
science, scientific | khoa học
expert | chuyên gia
result | kết quả
data | dữ liệu, số liệu
information | thông tin
evidence | bằng chứng
test, tested, testing | xét nghiệm, thử nghiệm, kiểm tra
trial | thử nghiệm, phiên tòa, phiên toà
positive | dương tính, tích cực
negative | âm tính, tiêu cực
health | sức khỏe, sức khoẻ, y tế
healthy | khỏe mạnh, khoẻ mạnh
hospital | bệnh viện
doctor | bác sĩ
nurse | y tá
patient | bệnh nhân, người bệnh
disease, illness | bệnh, bệnh tật, dịch bệnh
sick | ốm, bệnh
pandemic | đại dịch
epidemic, outbreak | dịch, dịch bệnh, bùng phát
virus | vi rút, virus
infect, infection, infected | nhiễm, lây nhiễm, ca nhiễm
case | ca, trường hợp, vụ
death, die, died, dead | tử vong, chết, qua đời, thiệt mạng, ca tử vong
kill, killed | giết, làm chết, thiệt mạng
vaccine, vaccination | vắc xin, vaccine, tiêm chủng
treatment, treat | điều trị, chữa trị
drug, medicine | thuốc
symptom | triệu chứng
mask | khẩu trang, mặt nạ
quarantine | cách ly
lockdown | phong tỏa, phong toả
spread | lây lan, lan rộng, phát tán
risk | nguy cơ, rủi ro
danger, dangerous | nguy hiểm
safe, safety | an toàn
protect, protection | bảo vệ
prevent, prevention | ngăn chặn, phòng ngừa, ngăn ngừa, phòng chống
fight, fought | chống, chiến đấu, đấu tranh, chống lại
control | kiểm soát
measure, solution | biện pháp, giải pháp
rule, regulation | quy định, luật lệ, quy tắc
law | luật, pháp luật
court | tòa án, toà án, tòa, toà
police | cảnh sát, công an
arrest | bắt giữ, bắt
crime | tội phạm
government | chính phủ
state | nhà nước, bang
official | quan chức, chính thức
authority, authorities | chính quyền, nhà chức trách
minister | bộ trưởng
ministry | bộ
prime minister | thủ tướng
president | chủ tịch, tổng thống
chancellor | thủ tướng
leader, leadership | lãnh đạo, nhà lãnh đạo
party | đảng, bữa tiệc
election, vote | bầu cử, bỏ phiếu
politics, political, politician | chính trị, chính trị gia
policy | chính sách
military, army | quân đội, quân sự
defence, defense | quốc phòng
security | an ninh
war | chiến tranh
peace | hòa bình, hoà bình
cooperation, cooperate | hợp tác
relation, relations, relationship | quan hệ, mối quan hệ
international | quốc tế
foreign | nước ngoài, ngoại giao
national, nationwide | quốc gia, toàn quốc
local | địa phương, trong nước
country, nation | quốc gia, đất nước, nước
city | thành phố
province, provincial | tỉnh
village | làng, thôn
region, regional | khu vực, vùng
area | khu vực, vùng, diện tích
world, global | thế giới, toàn cầu
border | biên giới
island | đảo, hòn đảo
sea | biển
river | sông
mountain | núi
north, northern | bắc, miền bắc, phía bắc
south, southern | nam, miền nam, phía nam
central | trung tâm, miền trung
east, eastern | đông, phía đông
west, western | tây, phía tây
capital | thủ đô, vốn
population | dân số
people, person | người, người dân, nhân dân
citizen, resident | công dân, cư dân, người dân
family | gia đình
child, children, kid | trẻ em, con cái, trẻ nhỏ
man, men | đàn ông, nam giới, người đàn ông
woman, women | phụ nữ, người phụ nữ
young, youth | trẻ, thanh niên, giới trẻ
old, elderly | già, người cao tuổi, cũ
age, aged | tuổi
friend | bạn, bạn bè
community | cộng đồng
society, social | xã hội
culture, cultural | văn hóa, văn hoá
life, live, lived | cuộc sống, sống, đời sống
home, house | nhà, ở nhà, ngôi nhà
food | thực phẩm, đồ ăn, lương thực
water | nước
energy | năng lượng
environment, environmental | môi trường
climate | khí hậu
weather | thời tiết
rain | mưa
storm | bão
flood | lũ, lũ lụt, ngập lụt
fire | cháy, hỏa hoạn, lửa
accident | tai nạn
car, vehicle | xe, ô tô, xe hơi
road | đường, con đường
technology | công nghệ
internet, online | trực tuyến, mạng, internet
phone | điện thoại
computer | máy tính
system | hệ thống
service | dịch vụ
project | dự án
program, programme | chương trình
event | sự kiện
festival | lễ hội
sport, sports | thể thao
football, soccer | bóng đá
team | đội, đội tuyển
player | cầu thủ, người chơi
match, game | trận đấu, trận
win, won | thắng, chiến thắng, giành
lose, lost | thua, mất
problem, issue | vấn đề
situation | tình hình, tình huống
crisis | khủng hoảng
challenge | thách thức
effort | nỗ lực
success, successful | thành công
failure, fail | thất bại
important | quan trọng
necessary | cần thiết
possible | có thể
difficult | khó khăn, khó
easy | dễ, dễ dàng
serious | nghiêm trọng, nghiêm túc
strict | nghiêm ngặt, chặt chẽ
high | cao
low | thấp
large, big | lớn
small | nhỏ
long | dài, lâu
short | ngắn
many | nhiều
few | ít, vài
more | hơn, nhiều hơn, thêm
less | ít hơn, kém
new | mới
same | cùng, giống
different, difference | khác, khác nhau, khác biệt
good | tốt
bad | xấu, tệ
best | tốt nhất
worst | tồi tệ nhất
early | sớm, đầu
late | muộn, cuối
fast, quickly, quick | nhanh, nhanh chóng
slow, slowly | chậm
whole, entire | toàn bộ, toàn
every, each | mỗi, mọi
all | tất cả, mọi
most | hầu hết, phần lớn, nhất
only | chỉ
also | cũng
still | vẫn
already | đã từng, rồi
again | một lần nữa, trở lại
however | tuy nhiên
because | vì, bởi vì, do
although, though | mặc dù, dù
if | nếu
when | khi
while | trong khi
before | trước, trước khi
after | sau, sau khi
since | kể từ, từ khi
until | cho đến, đến khi
during | trong, trong suốt
now | bây giờ, hiện nay, hiện tại, giờ đây
today | hôm nay, ngày nay
yesterday | hôm qua
tomorrow | ngày mai
time, times | thời gian, lần, lúc
day | ngày
week | tuần
month | tháng
year | năm
decade | thập kỷ, thập niên
century | thế kỷ
morning | buổi sáng, sáng
afternoon | buổi chiều, chiều
evening, night | buổi tối, tối, đêm
hour | giờ, tiếng
minute | phút
summer | mùa hè, hè
winter | mùa đông
spring | mùa xuân
autumn, fall | mùa thu
monday | thứ hai
tuesday | thứ ba
wednesday | thứ tư
thursday | thứ năm
friday | thứ sáu
saturday | thứ bảy
sunday | chủ nhật
weekend | cuối tuần
first | đầu tiên, thứ nhất
second | thứ hai
last | cuối cùng, vừa qua, trước
next | tiếp theo, tới, kế tiếp
previous | trước đó, trước
half | một nửa, nửa
percent | phần trăm
number | số, số lượng
hundred, hundreds | trăm
thousand, thousands | nghìn, ngàn
million, millions | triệu
billion, billions | tỷ, tỉ
two, twice | hai
three | ba
four | bốn
five | năm
six | sáu
seven | bảy
eight | tám
nine | chín
ten | mười
dollar | đô la, đô
question | câu hỏi
answer | trả lời, câu trả lời
reason | lý do, lí do
way | cách, con đường
example | ví dụ
part | phần, một phần
group | nhóm
member | thành viên
organization, organisation | tổ chức
center, centre | trung tâm
office | văn phòng
department | sở, phòng, ban
committee | ủy ban, uỷ ban
council | hội đồng
union | liên minh, công đoàn
director | giám đốc
chairman | chủ tịch
head | người đứng đầu, trưởng, đầu
staff | nhân viên
king | vua
queen | nữ hoàng
church | nhà thờ
religion, religious | tôn giáo
god | chúa, thượng đế
history, historical | lịch sử
museum | bảo tàng
art | nghệ thuật
music | âm nhạc
film, movie | phim, bộ phim
book | sách, cuốn sách
photo, picture | ảnh, hình ảnh, bức ảnh
video | video
language | ngôn ngữ
english | tiếng anh
vietnamese | việt nam, tiếng việt, người việt
american | mỹ, người mỹ
chinese | trung quốc, người trung quốc
japanese | nhật bản, người nhật
german | đức, người đức
french | pháp, người pháp
british | người anh, vương quốc anh
korean | hàn quốc, người hàn
european | châu âu
asian | châu á
vietnam, viet nam | việt nam
china | trung quốc
japan | nhật bản, nhật
germany | đức
france | pháp
britain, uk | vương quốc anh, nước anh
us, usa, america | mỹ, hoa kỳ
korea | hàn quốc, triều tiên
russia, russian | nga
india, indian | ấn độ
italy, italian | italy, nước ý, người ý
spain, spanish | tây ban nha
australia, australian | úc, australia
thailand, thai | thái lan
europe | châu âu
asia | châu á
africa, african | châu phi
hanoi | hà nội
ho chi minh city, saigon | thành phố hồ chí minh, sài gòn
body | cơ thể
blood | máu
cell | tế bào
immune | miễn dịch
protein | protein
gene, genetic | gen, gene, di truyền
lung | phổi
heart | tim
brain | não
animal | động vật
bird | chim
plant | cây, thực vật, nhà máy
tree | cây
forest | rừng
farm, farmer | nông trại, nông dân, trang trại
agriculture | nông nghiệp
rice | lúa, gạo, cơm
coffee | cà phê
tea | trà, chè
price, prices | giá
rate | tỷ lệ, tỉ lệ, lãi suất
level | mức, mức độ
amount | lượng, số lượng
figure | con số, số liệu
survey | khảo sát
poll | thăm dò
share | chia sẻ, cổ phiếu
hope | hy vọng, hi vọng, mong
fear | lo sợ, sợ, nỗi sợ
worry, concern | lo ngại, lo lắng, quan ngại
happy | hạnh phúc, vui
free | miễn phí, tự do
freedom | tự do
right, rights | quyền
human | con người, nhân loại
death toll | số người chết, số ca tử vong
mortality | tử vong
emergency | khẩn cấp, cấp cứu
crowd | đám đông
protest, protester | biểu tình, người biểu tình
gathering | tụ tập, tụ họp
distance, distancing | giãn cách, khoảng cách
wash | rửa
hand, hands | tay
face | mặt, đối mặt
eye | mắt
air | không khí
space | không gian
sun | mặt trời
light | ánh sáng, nhẹ
dark | tối
beach | bãi biển
street | đường phố, phố
building | tòa nhà, toà nhà
bridge | cầu
port | cảng
ship | tàu
train | tàu hỏa, tàu hoả, đào tạo
bus | xe buýt
""".strip()

_EN_WORD = re.compile(r"[a-z0-9]+")
_VI_WORD = re.compile(r"\w+", re.UNICODE)


def _inflections(word: str) -> set[str]:
    """Regular English inflections of a base form (over-generation is harmless here)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing", word + "er"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word[:-1] + "ion"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if (
        len(word) >= 3
        and word[-1] in "bdgmnprt"
        and word[-2] in "aeiou"
        and word[-3] not in "aeiou"
    ):
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # stop → stopped
    return forms


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, int], dict[str, int]]:
    """(English form → entry id, Vietnamese form → entry id); later entries never override."""
    english: dict[str, int] = {}
    vietnamese: dict[str, int] = {}
    for entry, line in enumerate(ENTRIES.splitlines()):
        left, right = line.split("|")
        for form in left.split(","):
            words = _EN_WORD.findall(form.lower())
            if not words:
                continue
            if len(words) == 1:
                for variant in _inflections(words[0]):
                    english.setdefault(variant, entry)
            else:
                english.setdefault(" ".join(words), entry)
        for form in right.split(","):
            words = _VI_WORD.findall(form.lower())
            if words:
                vietnamese.setdefault(" ".join(words), entry)
    return english, vietnamese


@lru_cache(maxsize=2)
def _longest_form(table_id: int) -> dict[str, int]:
    """First word → word count of the longest multi-word form starting with it."""
    longest: dict[str, int] = {}
    for form in tables()[table_id]:
        words = form.split(" ")
        if len(words) > 1:
            longest[words[0]] = max(longest.get(words[0], 1), len(words))
    return longest


def _longest_matches(words: list[str], table: dict[str, int], longest: dict[str, int]) -> list[int]:
    found, k, count = [], 0, len(words)
    while k < count:
        word = words[k]
        step = 1
        entry = None
        # Only a few words start a multi-word form: for those, try the longest form first.
        for size in range(min(longest.get(word, 1), count - k), 1, -1):
            entry = table.get(" ".join(words[k : k + size]))
            if entry is not None:
                step = size
                break
        if entry is None:
            entry = table.get(word)
        if entry is not None:
            found.append(entry)
        k += step
    return found


def concepts(text: str, lang: str) -> list[int]:
    """Lexicon entries found in a sentence, longest match first (each occurrence once)."""
    english, vietnamese = tables()
    if lang == "en":
        return _longest_matches(_EN_WORD.findall(text.lower()), english, _longest_form(0))
    return _longest_matches(_VI_WORD.findall(text.lower()), vietnamese, _longest_form(1))


def concept_occurrences(
    texts: Sequence[str], lang: str, words: SideWords | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`concepts` for a whole side at once: (sentence index, entry id) of every occurrence.

    Same greedy longest-match result, but the per-word work is numpy lookups over the side's
    vocabulary, which is what keeps a book-length side well under a second.
    """
    if lang == "en":
        table, longest = tables()[0], _longest_form(0)
        distinct, ids, sentence = (words or SideWords(texts)).tokens(
            _EN_WORD, str.lower, lambda word: word.isascii() and word.isalnum()
        )
    else:
        table, longest = tables()[1], _longest_form(1)
        distinct, ids, sentence = (words or SideWords(texts)).tokens(
            _VI_WORD, str.lower, str.isalnum
        )
    total = len(ids)
    if not total:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    counts = np.bincount(sentence, minlength=len(texts))
    sentence_end = np.cumsum(counts)[sentence]  # one past the last word of each word's sentence
    vocabulary = {word: k for k, word in enumerate(distinct)}
    single = np.array([table.get(w, -1) for w in distinct], dtype=np.int64)[ids]
    reach = np.array([longest.get(w, 1) for w in distinct], dtype=np.int64)[ids]
    # best[k]: word count of the longest multi-word form starting at word k (0 when none).
    best = np.zeros(total, dtype=np.int64)
    entry_at = single.copy()
    size_limit = np.minimum(reach, sentence_end - np.arange(total))
    base = len(distinct) + 1
    for size in range(int(size_limit.max()), 1, -1):
        starts = np.flatnonzero((size_limit >= size) & (best == 0))
        if not len(starts):
            continue
        if size <= 3 and base**size < 2**62:
            # Whole-number keys for the short forms (nearly all of them): no string joins.
            forms = {}
            for form, entry in table.items():
                parts = form.split(" ")
                if len(parts) == size and all(p in vocabulary for p in parts):
                    code = 0
                    for p in parts:
                        code = code * base + vocabulary[p] + 1
                    forms[code] = entry
            if not forms:
                continue
            codes = np.zeros(len(starts), dtype=np.int64)
            for offset in range(size):
                codes = codes * base + ids[starts + offset] + 1
            known = np.array(sorted(forms), dtype=np.int64)
            position = np.clip(np.searchsorted(known, codes), 0, len(known) - 1)
            hit = known[position] == codes
            found = starts[hit]
            entry_at[found] = [forms[int(c)] for c in codes[hit]]
        else:
            found_list = []
            for k in starts.tolist():
                entry = table.get(" ".join(distinct[i] for i in ids[k : k + size].tolist()))
                if entry is not None:
                    found_list.append(k)
                    entry_at[k] = entry
            found = np.array(found_list, dtype=np.int64)
        best[found] = size
    # Left to right, a match hides the words it covers (also matches starting inside it).
    covered = np.zeros(total + 1, dtype=np.int64)
    reach_end = 0
    for k in np.flatnonzero(best).tolist():
        if k >= reach_end:
            reach_end = k + int(best[k])
            covered[k + 1] += 1
            covered[reach_end] -= 1
        else:
            best[k] = 0
            entry_at[k] = single[k]
    hidden = np.cumsum(covered)[:total] > 0
    keep = (entry_at >= 0) & ~hidden
    return sentence[keep], entry_at[keep]
