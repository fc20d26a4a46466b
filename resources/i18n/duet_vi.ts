<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>Glossary</name>
    <message>
        <source>Military rank</source>
        <translation>Cấp bậc quân hàm</translation>
    </message>
    <message>
        <source>Official title</source>
        <translation>Chức danh</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Tổ chức</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Khác</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Bản nháp</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Đã duyệt</translation>
    </message>
</context>
<context>
    <name>GlossaryPanel</name>
    <message>
        <source>Search (accents optional)</source>
        <translation>Tìm kiếm (không cần gõ dấu)</translation>
    </message>
    <message>
        <source>Show one category only</source>
        <translation>Chỉ hiện một loại</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Thêm…</translation>
    </message>
    <message>
        <source>Add an entry</source>
        <translation>Thêm một mục</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Sửa…</translation>
    </message>
    <message>
        <source>Edit the selected entry</source>
        <translation>Sửa mục đang chọn</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Xoá</translation>
    </message>
    <message>
        <source>Delete the selected entries (Ctrl+Z undoes it)</source>
        <translation>Xoá các mục đang chọn (Ctrl+Z để hoàn tác)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Undo {0} (Ctrl+Z)</source>
        <translation>Hoàn tác: {0} (Ctrl+Z)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>Export glossary…</source>
        <translation>Xuất bảng thuật ngữ…</translation>
    </message>
    <message>
        <source>Export every entry as CSV, TSV (OmegaT) or TBX</source>
        <translation>Xuất mọi mục ra CSV, TSV (OmegaT) hoặc TBX</translation>
    </message>
    <message>
        <source>Export entries shown…</source>
        <translation>Xuất các mục đang hiện…</translation>
    </message>
    <message>
        <source>Export the entries the search and filter show</source>
        <translation>Xuất các mục mà ô tìm kiếm và bộ lọc đang hiện</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Nhập từ CSV…</translation>
    </message>
    <message>
        <source>Import entries from a CSV file, with a preview</source>
        <translation>Nhập các mục từ tệp CSV, có xem trước</translation>
    </message>
    <message>
        <source>Load starter glossary…</source>
        <translation>Nạp bảng thuật ngữ khởi đầu…</translation>
    </message>
    <message>
        <source>Add the reviewed set of ranks and titles (entries already present are kept)</source>
        <translation>Thêm bộ cấp bậc và chức danh đã được duyệt (giữ nguyên các mục đã có)</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Thêm nữa</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Mọi loại</translation>
    </message>
    <message>
        <source>{0} of {1} entries</source>
        <translation>{0} trên {1} mục</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>1 mục</translation>
    </message>
    <message>
        <source>{0} entries</source>
        <translation>{0} mục</translation>
    </message>
    <message>
        <source>Delete {0} entries</source>
        <translation>Xoá {0} mục</translation>
    </message>
    <message>
        <source>Deleted: {0}. Undo with Ctrl+Z.</source>
        <translation>Đã xoá: {0}. Nhấn Ctrl+Z để hoàn tác.</translation>
    </message>
    <message>
        <source>CSV spreadsheet, UTF-8 (*.csv)</source>
        <translation>Bảng tính CSV, UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>OmegaT glossary, tab separated (*.tsv *.txt)</source>
        <translation>Bảng thuật ngữ OmegaT, phân cách bằng tab (*.tsv *.txt)</translation>
    </message>
    <message>
        <source>TBX-Basic termbase (*.tbx)</source>
        <translation>Cơ sở thuật ngữ TBX-Basic (*.tbx)</translation>
    </message>
    <message>
        <source>Export entries shown</source>
        <translation>Xuất các mục đang hiện</translation>
    </message>
    <message>
        <source>Export glossary</source>
        <translation>Xuất bảng thuật ngữ</translation>
    </message>
    <message>
        <source>Exported {0} entries to {1}.</source>
        <translation>Đã xuất {0} mục ra {1}.</translation>
    </message>
    <message>
        <source>Import glossary entries</source>
        <translation>Nhập các mục thuật ngữ</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>Tệp CSV (*.csv *.tsv *.txt);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Imported: {0} added, {1} merged, {2} skipped.</source>
        <translation>Đã nhập: thêm {0}, gộp {1}, bỏ qua {2}.</translation>
    </message>
    <message>
        <source>Load starter glossary</source>
        <translation>Nạp bảng thuật ngữ khởi đầu</translation>
    </message>
    <message>
        <source>Add the reviewed starter set: the officer ranks of the Vietnam People&apos;s Army and the US armed forces, and common titles from defence and diplomatic news. Entries already in your glossary are kept as they are.</source>
        <translation>Thêm bộ thuật ngữ khởi đầu đã được duyệt: cấp bậc sĩ quan của Quân đội nhân dân Việt Nam và các lực lượng vũ trang Hoa Kỳ, cùng các chức danh thường gặp trong tin quốc phòng và ngoại giao. Các mục đã có trong bảng thuật ngữ của bạn được giữ nguyên.</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Nạp</translation>
    </message>
    <message>
        <source>Starter glossary: {0} added, {1} already there.</source>
        <translation>Bảng thuật ngữ khởi đầu: thêm {0} mục, {1} mục đã có sẵn.</translation>
    </message>
</context>
<context>
    <name>GlossaryService</name>
    <message>
        <source>The glossary {0} cannot be opened: {1}</source>
        <translation>Không mở được bảng thuật ngữ {0}: {1}</translation>
    </message>
    <message>
        <source>the glossary database is locked by another program; try again in a moment.</source>
        <translation>cơ sở dữ liệu thuật ngữ đang bị một chương trình khác khoá; hãy thử lại sau giây lát.</translation>
    </message>
    <message>
        <source>Add “{0}”</source>
        <translation>Thêm “{0}”</translation>
    </message>
    <message>
        <source>Edit “{0}”</source>
        <translation>Sửa “{0}”</translation>
    </message>
    <message>
        <source>Merge into “{0}”</source>
        <translation>Gộp vào “{0}”</translation>
    </message>
    <message>
        <source>Delete “{0}”</source>
        <translation>Xoá “{0}”</translation>
    </message>
    <message>
        <source>No glossary database is open.</source>
        <translation>Chưa mở cơ sở dữ liệu thuật ngữ nào.</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import {0}</source>
        <translation>Nhập {0}</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Nhập</translation>
    </message>
    <message>
        <source>&amp;Skip entries already in the glossary</source>
        <translation>&amp;Bỏ qua các mục đã có trong bảng thuật ngữ</translation>
    </message>
    <message>
        <source>&amp;Merge them into the existing entries (variants and empty fields are added)</source>
        <translation>&amp;Gộp chúng vào các mục đã có (thêm biến thể và điền các trường còn trống)</translation>
    </message>
    <message>
        <source>Nothing will be imported: the file has bad rows ({0}). Correct them (see the line numbers above) and import the file again.</source>
        <translation>Sẽ không nhập gì: tệp có dòng lỗi ({0}). Hãy sửa các dòng đó (xem số dòng ở trên) rồi nhập lại tệp.</translation>
    </message>
    <message>
        <source>The file has no entries to import.</source>
        <translation>Tệp không có mục nào để nhập.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Nhập</translation>
    </message>
    <message>
        <source>Rows read: {0}</source>
        <translation>Số dòng đã đọc: {0}</translation>
    </message>
    <message>
        <source>new: {0}</source>
        <translation>mới: {0}</translation>
    </message>
    <message>
        <source>already in the glossary or repeated: {0}</source>
        <translation>đã có trong bảng thuật ngữ hoặc bị lặp: {0}</translation>
    </message>
    <message>
        <source>bad rows: {0}</source>
        <translation>dòng lỗi: {0}</translation>
    </message>
    <message>
        <source>Bad rows:</source>
        <translation>Các dòng lỗi:</translation>
    </message>
    <message>
        <source>  line {0}: {1}</source>
        <translation>  dòng {0}: {1}</translation>
    </message>
    <message>
        <source>  … and {0} more</source>
        <translation>  … và {0} dòng nữa</translation>
    </message>
    <message>
        <source>Already in the glossary or repeated:</source>
        <translation>Đã có trong bảng thuật ngữ hoặc bị lặp:</translation>
    </message>
    <message>
        <source>  line {0}: {1} = {2}</source>
        <translation>  dòng {0}: {1} = {2}</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>Theo ngôn ngữ &amp;hệ thống</translation>
    </message>
    <message>
        <source>The new language applies the next time Duet starts.</source>
        <translation>Ngôn ngữ mới sẽ có hiệu lực từ lần mở Duet tiếp theo.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>No pair open. Use File &gt; Open pair (Ctrl+O) or drop two files here.</source>
        <translation>Chưa mở cặp văn bản nào. Chọn Tệp &gt; Mở cặp văn bản (Ctrl+O) hoặc thả hai tệp vào đây.</translation>
    </message>
    <message>
        <source>{0} beads · click a sentence, or press J / Alt+Down to step through them</source>
        <translation>{0} cặp câu · bấm vào một câu, hoặc nhấn J / Alt+Mũi tên xuống để đi lần lượt</translation>
    </message>
    <message>
        <source>Bead {0} of {1} · shape {2} · confidence {3:.2f}</source>
        <translation>Cặp câu {0}/{1} · dạng {2} · độ tin cậy {3:.2f}</translation>
    </message>
    <message>
        <source> · no Vietnamese counterpart</source>
        <translation> · không có câu tiếng Việt tương ứng</translation>
    </message>
    <message>
        <source> · no English counterpart</source>
        <translation> · không có câu tiếng Anh tương ứng</translation>
    </message>
    <message>
        <source> · uncertain</source>
        <translation> · chưa chắc chắn</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>Thuật ngữ</translation>
    </message>
    <message>
        <source>&amp;Open pair…</source>
        <translation>&amp;Mở cặp văn bản…</translation>
    </message>
    <message>
        <source>Open an English article and its Vietnamese translation</source>
        <translation>Mở một bài tiếng Anh và bản dịch tiếng Việt của bài đó</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>&amp;Swap sides</source>
        <translation>Đổi &amp;bên</translation>
    </message>
    <message>
        <source>Show the other language on the left</source>
        <translation>Hiện ngôn ngữ kia ở bên trái</translation>
    </message>
    <message>
        <source>S&amp;ynchronised scrolling</source>
        <translation>&amp;Cuộn đồng bộ</translation>
    </message>
    <message>
        <source>Scroll the other pane along, sentence by sentence</source>
        <translation>Cuộn khung bên kia theo, từng câu một</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Phóng &amp;to</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Th&amp;u nhỏ</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>Cỡ chữ &amp;mặc định</translation>
    </message>
    <message>
        <source>&amp;Next pair</source>
        <translation>Cặp câu &amp;sau</translation>
    </message>
    <message>
        <source>Select the next aligned pair (Alt+Down or J)</source>
        <translation>Chọn cặp câu tiếp theo (Alt+Mũi tên xuống hoặc J)</translation>
    </message>
    <message>
        <source>&amp;Previous pair</source>
        <translation>Cặp câu &amp;trước</translation>
    </message>
    <message>
        <source>Select the previous aligned pair (Alt+Up or K)</source>
        <translation>Chọn cặp câu trước đó (Alt+Mũi tên lên hoặc K)</translation>
    </message>
    <message>
        <source>Add &amp;selection to glossary…</source>
        <translation>Thêm đoạn đã &amp;chọn vào bảng thuật ngữ…</translation>
    </message>
    <message>
        <source>Add the phrase selected in a text (and in the other text) as an entry</source>
        <translation>Thêm cụm từ đã chọn trong một văn bản (và trong văn bản kia) thành một mục</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Glossary panel</source>
        <translation>&amp;Khung thuật ngữ</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>Đ&amp;i tới</translation>
    </message>
    <message>
        <source>G&amp;lossary</source>
        <translation>Thuật &amp;ngữ</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Đọc</translation>
    </message>
    <message>
        <source>Aligning…</source>
        <translation>Đang dóng hàng…</translation>
    </message>
    <message>
        <source>Drop two files at once, the English article and its Vietnamese translation (got {0}).</source>
        <translation>Hãy thả cùng lúc hai tệp: bài tiếng Anh và bản dịch tiếng Việt của bài đó (đã nhận {0} tệp).</translation>
    </message>
    <message>
        <source>{0} sentences</source>
        <translation>{0} câu</translation>
    </message>
    <message>
        <source>“{0}”: its translation is not in the counterpart sentence.</source>
        <translation>“{0}”: bản dịch của nó không có trong câu tương ứng.</translation>
    </message>
    <message>
        <source>Select a phrase in one of the texts first.</source>
        <translation>Hãy chọn trước một cụm từ trong một trong hai văn bản.</translation>
    </message>
    <message>
        <source>The glossary is not available: its database could not be opened.</source>
        <translation>Không dùng được bảng thuật ngữ: không mở được cơ sở dữ liệu.</translation>
    </message>
    <message>
        <source>Start with a glossary?</source>
        <translation>Bắt đầu với một bảng thuật ngữ?</translation>
    </message>
    <message>
        <source>Your glossary is empty. Load the reviewed starter set of military ranks and official titles (Vietnam People&apos;s Army, US armed forces, defence and diplomatic posts)? You can also load it later from Glossary &gt; Load starter glossary…</source>
        <translation>Bảng thuật ngữ của bạn đang trống. Nạp bộ khởi đầu đã được duyệt gồm các cấp bậc quân hàm và chức danh (Quân đội nhân dân Việt Nam, các lực lượng vũ trang Hoa Kỳ, các chức vụ quốc phòng và ngoại giao)? Bạn cũng có thể nạp sau, từ Thuật ngữ &gt; Nạp bảng thuật ngữ khởi đầu…</translation>
    </message>
    <message>
        <source>Load starter set</source>
        <translation>Nạp bộ khởi đầu</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Để sau</translation>
    </message>
</context>
<context>
    <name>OpenPairDialog</name>
    <message>
        <source>Open pair</source>
        <translation>Mở cặp văn bản</translation>
    </message>
    <message>
        <source>The English article</source>
        <translation>Bài tiếng Anh</translation>
    </message>
    <message>
        <source>Its Vietnamese translation</source>
        <translation>Bản dịch tiếng Việt của bài</translation>
    </message>
    <message>
        <source>&amp;English:</source>
        <translation>Tiếng &amp;Anh:</translation>
    </message>
    <message>
        <source>&amp;Vietnamese:</source>
        <translation>Tiếng &amp;Việt:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Duyệt…</translation>
    </message>
    <message>
        <source>Text files (*.txt *.text *.md);;All files (*)</source>
        <translation>Tệp văn bản (*.txt *.text *.md);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Choose a text file</source>
        <translation>Chọn một tệp văn bản</translation>
    </message>
</context>
<context>
    <name>SentencePane</name>
    <message>
        <source>English</source>
        <translation>Tiếng Anh</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>Tiếng Việt</translation>
    </message>
    <message>
        <source>This sentence has no counterpart in the Vietnamese text.</source>
        <translation>Câu này không có câu tương ứng trong văn bản tiếng Việt.</translation>
    </message>
    <message>
        <source>This sentence has no counterpart in the English text.</source>
        <translation>Câu này không có câu tương ứng trong văn bản tiếng Anh.</translation>
    </message>
    <message>
        <source>Bead {0} · shape {1} · confidence {2:.2f}</source>
        <translation>Cặp câu {0} · dạng {1} · độ tin cậy {2:.2f}</translation>
    </message>
    <message>
        <source>Uncertain alignment: check this pair. ({0})</source>
        <translation>Dóng hàng chưa chắc chắn: hãy kiểm tra cặp câu này. ({0})</translation>
    </message>
    <message>
        <source>Add to glossary…</source>
        <translation>Thêm vào bảng thuật ngữ…</translation>
    </message>
    <message>
        <source>Select a phrase first</source>
        <translation>Hãy chọn một cụm từ trước</translation>
    </message>
</context>
<context>
    <name>SpellField</name>
    <message>
        <source>No suggestions</source>
        <translation>Không có gợi ý</translation>
    </message>
</context>
<context>
    <name>TermEditor</name>
    <message>
        <source>e.g. Senior Lieutenant General</source>
        <translation>ví dụ: Senior Lieutenant General</translation>
    </message>
    <message>
        <source>e.g. Thượng tướng</source>
        <translation>ví dụ: Thượng tướng</translation>
    </message>
    <message>
        <source>One per line, or separated by |  (e.g. Sen. Lt. Gen.)</source>
        <translation>Mỗi dòng một biến thể, hoặc phân cách bằng |  (ví dụ: Sen. Lt. Gen.)</translation>
    </message>
    <message>
        <source>One per line, or separated by |</source>
        <translation>Mỗi dòng một biến thể, hoặc phân cách bằng |</translation>
    </message>
    <message>
        <source>e.g. Vietnam People&apos;s Army, US Navy</source>
        <translation>ví dụ: Vietnam People&apos;s Army, US Navy</translation>
    </message>
    <message>
        <source>&amp;English:</source>
        <translation>Tiếng &amp;Anh:</translation>
    </message>
    <message>
        <source>&amp;Vietnamese:</source>
        <translation>Tiếng &amp;Việt:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Loại:</translation>
    </message>
    <message>
        <source>English &amp;variants:</source>
        <translation>&amp;Biến thể tiếng Anh:</translation>
    </message>
    <message>
        <source>Vietnamese v&amp;ariants:</source>
        <translation>Biến thể &amp;tiếng Việt:</translation>
    </message>
    <message>
        <source>&amp;Branch or country:</source>
        <translation>&amp;Quân chủng hoặc quốc gia:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Ghi chú:</translation>
    </message>
    <message>
        <source>Example (English):</source>
        <translation>Ví dụ (tiếng Anh):</translation>
    </message>
    <message>
        <source>Example (Vietnamese):</source>
        <translation>Ví dụ (tiếng Việt):</translation>
    </message>
    <message>
        <source>Source &amp;title:</source>
        <translation>Tiêu đề ng&amp;uồn:</translation>
    </message>
    <message>
        <source>Source &amp;date:</source>
        <translation>&amp;Ngày đăng nguồn:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>T&amp;rạng thái:</translation>
    </message>
    <message>
        <source>New glossary entry</source>
        <translation>Mục thuật ngữ mới</translation>
    </message>
    <message>
        <source>Edit glossary entry</source>
        <translation>Sửa mục thuật ngữ</translation>
    </message>
    <message>
        <source>“{0}” → {1}</source>
        <translation>“{0}” → {1}</translation>
    </message>
    <message>
        <source>“{0}” (no suggestion)</source>
        <translation>“{0}” (không có gợi ý)</translation>
    </message>
    <message>
        <source>Check the spelling: {0}</source>
        <translation>Kiểm tra chính tả: {0}</translation>
    </message>
    <message>
        <source>“{0}” = “{1}” is already in the glossary. Open the existing entry, or merge this one into it (its variants and empty fields are added)?</source>
        <translation>“{0}” = “{1}” đã có trong bảng thuật ngữ. Mở mục đã có, hay gộp mục này vào đó (thêm biến thể và điền các trường còn trống)?</translation>
    </message>
    <message>
        <source>Already in the glossary</source>
        <translation>Đã có trong bảng thuật ngữ</translation>
    </message>
    <message>
        <source>Open existing</source>
        <translation>Mở mục đã có</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Gộp</translation>
    </message>
    <message>
        <source>Merge into an existing entry</source>
        <translation>Gộp vào một mục đã có</translation>
    </message>
</context>
<context>
    <name>TermTableModel</name>
    <message>
        <source>English</source>
        <translation>Tiếng Anh</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>Tiếng Việt</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>English variants: {0}</source>
        <translation>Biến thể tiếng Anh: {0}</translation>
    </message>
    <message>
        <source>Vietnamese variants: {0}</source>
        <translation>Biến thể tiếng Việt: {0}</translation>
    </message>
    <message>
        <source>Branch: {0}</source>
        <translation>Quân chủng: {0}</translation>
    </message>
</context>
</TS>
