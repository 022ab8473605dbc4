/*
 * main.c - the command table, the global options and the exit status.
 *
 * Everything a command does lives in its own cmd/cmd_<name>.c; this file only
 * finds the command, strips the global options (allowed before or after the
 * command name) and returns the command's exit status.
 *
 * Design notes.  One pipeline, one module per stage:
 *
 *   read         read/         bytes -> raw_table (inbox, decode, report_reader)
 *   validate     check/        raw_table -> report + findings (checked_file, validate)
 *   store        store/        report -> SQLite
 *   consolidate  consolidate/  store -> unit_status, totals, ledger
 *   write        write/        -> .xlsx, report CSV (export, workbook, sheet_*)
 *
 * The data passed between stages is in model/ (campaign, report, finding,
 * submission); base/ holds what every stage uses (array, text, error,
 * digest); cmd/ one file per command, dispatched from the table below.
 *
 * Invariants the tests hold us to:
 *   1. All text past decode_text is valid UTF-8 in NFC; nothing is stored
 *      garbled (an undecodable file is refused with the byte offset).
 *   2. A row reaches the store only after validation, and only when it has
 *      no error; a file with a file error contributes no row.
 *   3. An import of one file is one transaction: a crash, kill or full disk
 *      leaves the store as it was before that file.
 *   4. A file's content (SHA-256) is stored once, with its original bytes;
 *      its received time is fixed at that first import (only content stored
 *      as rejected is evaluated again, recorded in the history).  A unit's
 *      report in effect is decided by the store alone (store.h).
 *   5. Nothing is renamed into an output folder before it is complete and
 *      read back; on failure nothing is left there.
 *   6. Findings are data (a list the caller owns); failures are th_error
 *      codes, mapped to the exit statuses of error.h here and in the commands.
 *   7. An export computes first and then writes: no store call is made
 *      while a workbook is open (workbook.h poisons the names).
 */
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "default_campaign.h"
#include "error.h"
#include "i18n.h"
#include "options.h"
#include "similar.h"
#include "th_limits.h"

/* The reader's default limits as the usage text shows them. */
#define READER_LIMITS                                                                              \
    "--max-file-size " LIMIT_STR(LIMIT_FILE_MIB) "M --max-field-size " LIMIT_STR(                  \
        LIMIT_FIELD_MIB) "M --max-rows " LIMIT_STR(LIMIT_RECORDS) " --max-columns " LIMIT_STR(LIMIT_COLUMNS) "\n"

typedef struct {
    const char *name;
    command_fn run;
    unsigned needs; /* command_needs (cli.h): what is set up for it */
    const char *summary_vi;
    const char *summary_en;
    const char *help_vi; /* `tonghop help NAME`, `tonghop NAME --help` */
    const char *help_en;
} command;

/* The reader's limits and their defaults, as the help of check shows them. */
#define HELP_LIMITS                                                                                \
    "  --max-file-size N   (" LIMIT_STR(LIMIT_FILE_MIB) "M)   --max-field-size N (" LIMIT_STR(     \
        LIMIT_FIELD_MIB) "M)\n"                                                                    \
                         "  --max-rows N  (" LIMIT_STR(LIMIT_RECORDS) ")     --max-columns N    "  \
                                                                      "(" LIMIT_STR(               \
                                                                          LIMIT_COLUMNS) ")\n\n"

/* What `tonghop help COMMAND` prints: usage, options, an example. */
static const char help_check_vi[] =
    "Cách dùng: tonghop check [--received THỜI_GIAN] [--strict] [-q] [GIỚI_HẠN] TỆP|THƯ_MỤC...\n"
    "       tonghop check --maildir MAILDIR\n\n"
    "Kiểm tra báo cáo và in các lỗi, cảnh báo; không lưu gì.\n"
    "  --received T   thời điểm nhận, để xét thời hạn (mặc định: không xét)\n"
    "  --strict       từ chối cả tệp khi có bất kỳ lỗi nào\n"
    "  --maildir DIR  tệp báo cáo đính kèm các thư trong new/ của hộp thư Maildir\n"
    "  -q, --quiet    không hiện tiến độ trên terminal\n" HELP_LIMITS
    "Ví dụ: tonghop check hop_thu/\n";
static const char help_check_en[] =
    "usage: tonghop check [--received TIME] [--strict] [-q] [LIMITS] FILE|DIR...\n"
    "       tonghop check --maildir MAILDIR\n\n"
    "Validates reports and prints the findings; stores nothing.\n"
    "  --received T   when they were received, to judge the deadline (default: not judged)\n"
    "  --strict       reject the whole file on any error\n"
    "  --maildir DIR  the report attachments of the messages in the Maildir's new/\n"
    "  -q, --quiet    no progress line on the terminal\n" HELP_LIMITS
    "example: tonghop check inbox/\n";
static const char help_import_vi[] =
    "Cách dùng: tonghop import [--received THỜI_GIAN] [--strict] [--supplement] [--rehash]\n"
    "       [GIỚI_HẠN] TỆP|THƯ_MỤC...\n"
    "       tonghop import [TÙY_CHỌN] --maildir MAILDIR\n\n"
    "Kiểm tra báo cáo và lưu vào kho (--db, mặc định ./tonghop.db).\n"
    "  --received T   thời điểm nhận (mặc định: received.csv của thư mục, rồi giờ sửa tệp)\n"
    "  --strict       từ chối cả tệp khi có bất kỳ lỗi nào\n"
    "  --maildir DIR  tệp báo cáo đính kèm các thư trong new/ của hộp thư Maildir (thời\n"
    "                 điểm nhận theo thư); thư đã lưu xong được chuyển sang cur/\n"
    "  --supplement   cộng các dòng vào báo cáo đang có hiệu lực của đơn vị (báo cáo bổ\n"
    "                 sung) thay vì thay thế nó\n"
    "  -q, --quiet    không hiện tiến độ (tệp, dòng, thời gian còn lại) trên terminal\n"
    "  --rehash       đọc lại mọi tệp (mặc định không đọc lại tệp còn nguyên kích thước,\n"
    "                 giờ sửa và inode như khi được lưu)\n"
    "  giới hạn như lệnh check\n"
    "Mã thoát: 0; 3 khi có tệp hoặc dòng bị từ chối, hoặc một tệp thay thế báo cáo có hiệu\n"
    "lực mà ít hơn nhiều (replaces-less).\n\n"
    "Ví dụ: tonghop import --received 2022-10-20T09:00 LocNinh.csv\n"
    "       tonghop import --supplement LocNinh_phan2.csv\n";
static const char help_import_en[] =
    "usage: tonghop import [--received TIME] [--strict] [--supplement] [--rehash] [LIMITS]\n"
    "       FILE|DIR...\n"
    "       tonghop import [OPTIONS] --maildir MAILDIR\n\n"
    "Validates reports and keeps them in the store (--db, default ./tonghop.db).\n"
    "  --received T   when it was received (default: the folder's received.csv, then mtime)\n"
    "  --strict       reject the whole file on any error\n"
    "  --maildir DIR  the report attachments of the messages in the Maildir's new/ (received\n"
    "                 when the message says); a message stored in full moves to cur/\n"
    "  --supplement   add the rows to the unit's report in effect (a supplement) instead\n"
    "                 of replacing it\n"
    "  -q, --quiet    no progress line (files, rows, time left) on the terminal\n"
    "  --rehash       read every file again (by default a file whose size, times and\n"
    "                 inode are as when it was stored is not read again)\n"
    "  limits as for check\n"
    "Exit status: 0; 3 when a file or a row was rejected, or a file replaced the report in\n"
    "effect with much less (replaces-less).\n\n"
    "example: tonghop import --received 2022-10-20T09:00 LocNinh.csv\n"
    "         tonghop import --supplement LocNinh_part2.csv\n";
static const char help_status_vi[] =
    "Cách dùng: tonghop status [--format text|csv|json]\n\n"
    "Đơn vị đúng hạn, trễ hạn, chưa nộp, còn thiếu hoạt động bắt buộc.\n"
    "  --format text   bảng cho người đọc, vừa 80 cột (mặc định); có màu trên terminal\n"
    "                  trừ khi đặt NO_COLOR\n"
    "  --format csv    CSV cho chương trình: mỗi đơn vị một dòng\n"
    "  --format json   JSON cho chương trình: chiến dịch, các đơn vị, tổng\n\n"
    "Ví dụ: tonghop --db baocao.db status --format csv > tinh-trang.csv\n";
static const char help_status_en[] =
    "usage: tonghop status [--format text|csv|json]\n\n"
    "Which units are on time, late, missing, or lack a required category.\n"
    "  --format text   a table for people, 80 columns wide (the default); coloured\n"
    "                  on a terminal unless NO_COLOR is set\n"
    "  --format csv    CSV for scripts: one row per unit\n"
    "  --format json   JSON for scripts: the campaign, the units, the totals\n\n"
    "example: tonghop --db reports.db status --format csv > status.csv\n";
static const char help_export_vi[] =
    "Cách dùng: tonghop export [-o TỆP] [--as-of THỜI_GIAN] [--full] [--csv THƯ_MỤC] [-q]\n"
    "       tonghop export ... --eml TỆP [--from ĐC] [--to ĐC] [--cc ĐC]\n\n"
    "Bảng tính tổng hợp (.xlsx); với --csv, CSV tổng hợp cho cấp trên.\n"
    "  -o, --output TỆP   tên tệp (mặc định theo output_pattern của campaign.csv)\n"
    "  --as-of T          số liệu tính đến T (mặc định: bây giờ)\n"
    "  --full             thêm các trang của văn thư: Lỗi dữ liệu, Lịch sử nộp\n"
    "  --csv THƯ_MỤC      ghi CSV báo cáo cho cấp trên vào THƯ_MỤC\n"
    "  --eml TỆP          ghi thêm thư (.eml) gửi kèm bảng tính, để gửi bằng sendmail -t\n"
    "  --from, --to, --cc ĐC   người gửi, người nhận, đồng gửi của thư (mặc định:\n"
    "                     mail_from, mail_to, mail_cc của campaign.csv; --cc \"\" bỏ đồng gửi)\n"
    "  -q, --quiet        không hiện tiến độ trên terminal\n\n"
    "Ví dụ: tonghop export --as-of 2022-10-28T08:00\n";
static const char help_export_en[] =
    "usage: tonghop export [-o FILE] [--as-of TIME] [--full] [--csv DIR] [-q]\n"
    "       tonghop export ... --eml FILE [--from ADDR] [--to ADDR] [--cc ADDR]\n\n"
    "The consolidated workbook (.xlsx); with --csv, the report CSV for the level above.\n"
    "  -o, --output FILE  file name (default from campaign.csv's output_pattern)\n"
    "  --as-of T          figures as of T (default: now)\n"
    "  --full             add the clerk's sheets: Lỗi dữ liệu, Lịch sử nộp\n"
    "  --csv DIR          write the report CSV for the level above into DIR\n"
    "  --eml FILE         also write the message (.eml) carrying the workbook, for sendmail -t\n"
    "  --from, --to, --cc ADDR   its sender, recipients, copy (default: campaign.csv's\n"
    "                     mail_from, mail_to, mail_cc; --cc \"\" drops the copy)\n"
    "  -q, --quiet        no progress line on the terminal\n\n"
    "example: tonghop export --as-of 2022-10-28T08:00\n";
static const char help_template_vi[] =
    "Cách dùng: tonghop template [--unit MÃ|--all] [--xlsx] [-o TỆP|THƯ_MỤC]\n\n"
    "Mẫu báo cáo trống cho đơn vị điền: CSV (UTF-8 có BOM) hoặc bảng tính .xlsx có danh sách\n"
    "thả xuống, kiểm tra dữ liệu và trang hướng dẫn.\n"
    "  --unit MÃ          mẫu của một đơn vị (mặc định: mẫu chung)\n"
    "  --all              mỗi đơn vị một tệp, đặt tên theo mã, vào -o THƯ_MỤC\n"
    "  --xlsx             bảng tính thay cho CSV (cũng khi -o có đuôi .xlsx)\n"
    "  -o, --output       tệp hoặc thư mục ra (mặc định: MÃ.csv trong thư mục hiện tại)\n\n"
    "Ví dụ: tonghop template --unit LOCNINH --xlsx\n"
    "       tonghop template --all --xlsx -o mau/\n";
static const char help_template_en[] =
    "usage: tonghop template [--unit CODE|--all] [--xlsx] [-o FILE|DIR]\n\n"
    "The blank report units fill in: CSV (UTF-8 with BOM) or an .xlsx workbook with\n"
    "drop-down lists, data validation and an instructions sheet.\n"
    "  --unit CODE        one unit's template (default: one for any unit)\n"
    "  --all              one file per unit, named by its code, into -o DIR\n"
    "  --xlsx             a workbook instead of CSV (also when -o ends in .xlsx)\n"
    "  -o, --output       output file or folder (default: CODE.csv in the current folder)\n\n"
    "example: tonghop template --unit LOCNINH --xlsx\n"
    "         tonghop template --all --xlsx -o templates/\n";
static const char help_history_vi[] =
    "Cách dùng: tonghop history [ĐƠN_VỊ]\n\n"
    "Mọi tệp một đơn vị (hoặc mọi đơn vị) đã gửi: thời điểm nhận, tình trạng (đang có hiệu\n"
    "lực, bổ sung, được thay thế bởi tệp nào, đã rút lại và lý do, bị từ chối) và những gì\n"
    "tệp đã thay đổi (thay thế, kiểm tra lại, rút lại).\n"
    "Mã thoát: 0; 1 khi không có đơn vị đó.\n\n"
    "Ví dụ: tonghop history LOCNINH\n";
static const char help_history_en[] =
    "usage: tonghop history [UNIT]\n\n"
    "Every file a unit (or every unit) sent: received time, state (in effect, supplement,\n"
    "superseded by which file, withdrawn and why, rejected) and what it changed (replaced,\n"
    "rechecked, withdrawn).\n"
    "Exit status: 0; 1 when there is no such unit.\n\n"
    "example: tonghop history LOCNINH\n";
static const char help_recheck_vi[] =
    "Cách dùng: tonghop recheck [--strict] [ĐƠN_VỊ|TỆP|SHA256...]\n\n"
    "Kiểm tra lại các tệp đã lưu, từ bản gốc kho giữ, theo danh mục hiện tại (sau khi thêm\n"
    "bí danh, hoạt động hay sửa hạn): tất cả, hoặc của một đơn vị, một tệp, một mã SHA-256.\n"
    "Thay đổi được ghi vào lịch sử; tệp đã rút lại được giữ nguyên.\n"
    "Mã thoát: 0; 3 khi có tệp bị từ chối, dòng lỗi, replaces-less hoặc tệp không có bản\n"
    "gốc; 1 khi đối số không khớp gì.\n\n"
    "Ví dụ: tonghop recheck 2022-10-12_PGDDT_DongXoai.csv\n";
static const char help_recheck_en[] =
    "usage: tonghop recheck [--strict] [UNIT|FILE|SHA256...]\n\n"
    "Validates stored files again, from the copies the store kept, against the campaign as\n"
    "it is now (an alias, a category or the deadline fixed): all, or a unit's, a file, a\n"
    "SHA-256.  Changes are recorded in the history; withdrawn files are left alone.\n"
    "Exit status: 0; 3 when a file is rejected, has row errors or replaces-less, or has no\n"
    "stored copy; 1 when an argument matches nothing.\n\n"
    "example: tonghop recheck 2022-10-12_PGDDT_DongXoai.csv\n";
static const char help_withdraw_vi[] =
    "Cách dùng: tonghop withdraw TỆP|SHA256 --reason LÝ_DO\n\n"
    "Rút một báo cáo khỏi hiệu lực: báo cáo trước đó của đơn vị có hiệu lực lại. Không xóa\n"
    "gì: tệp, lý do và thời điểm ở lại trong lịch sử.\n"
    "Mã thoát: 0 (cả khi đã rút từ trước); 1 khi không có hoặc có nhiều tệp khớp.\n\n"
    "Ví dụ: tonghop withdraw LocNinh_2.csv --reason \"chỉ là phần bổ sung\"\n";
static const char help_withdraw_en[] =
    "usage: tonghop withdraw FILE|SHA256 --reason REASON\n\n"
    "Takes a submission out of effect: the unit's previous report is in effect again.\n"
    "Nothing is deleted: the file, the reason and the time stay in the history.\n"
    "Exit status: 0 (also when withdrawn already); 1 when no file, or several, match.\n\n"
    "example: tonghop withdraw LocNinh_2.csv --reason \"only a supplement\"\n";
static const char help_findings_vi[] = "Cách dùng: tonghop findings\n\n"
                                       "In danh mục mã lỗi và cảnh báo (bảng Markdown).\n\n"
                                       "Ví dụ: tonghop findings > ma-loi.md\n";
static const char help_findings_en[] =
    "usage: tonghop findings\n\n"
    "Prints the catalogue of finding codes (a Markdown table).\n\n"
    "example: tonghop --lang en findings > findings.md\n";

static const char help_run_vi[] =
    "Cách dùng: tonghop run --inbox THƯ_MỤC|--maildir MAILDIR --out THƯ_MỤC [--eml] [--log TỆP]\n"
    "                   [--quiet] [--as-of THỜI_GIAN] [GIỚI_HẠN]\n\n"
    "Việc hằng đêm trong một lệnh: nhập báo cáo mới (theo nội dung), rồi ghi vào --out bảng\n"
    "tổng hợp, bảng phản hồi cho từng đơn vị có lỗi (PhanHoi_MÃ_ngày.xlsx), tệp thay đổi khi\n"
    "đơn vị gửi báo cáo thay thế (ThayDoi_MÃ_ngày.txt) và summary.txt.  Không có gì mới thì\n"
    "không ghi gì (\"không có gì mới\").\n"
    "  --inbox THƯ_MỤC   thư mục báo cáo (và received.csv)\n"
    "  --maildir DIR     hộp thư Maildir (tệp đính kèm của thư trong new/)\n"
    "  --out THƯ_MỤC     nơi ghi kết quả (tạo nếu chưa có)\n"
    "  --eml             thêm thư .eml: bảng tổng hợp cho nơi nhận, phản hồi cho từng đơn vị\n"
    "  --log TỆP         ghi thêm nhật ký vào TỆP\n"
    "  -q, --quiet       chỉ báo vấn đề\n"
    "  --as-of T         số liệu tính đến T (mặc định: bây giờ)\n"
    "  giới hạn như lệnh check\n\n"
    "Mã thoát: 0 xong; 3 có tệp nhận trong lần này bị từ chối hoặc có dòng lỗi; 1 cấu hình;\n"
    "2 thất bại (kho đang bận quá lâu, hết chỗ đĩa).\n\n"
    "Ví dụ: tonghop --db /var/lib/tonghop/kho.db run --inbox hop_thu/ --out ket_qua/ --eml\n";
static const char help_run_en[] =
    "usage: tonghop run --inbox DIR|--maildir MAILDIR --out DIR [--eml] [--log FILE]\n"
    "                   [--quiet] [--as-of TIME] [LIMITS]\n\n"
    "The nightly job in one command: imports new reports (by content), then writes into --out\n"
    "the consolidated workbook, a feedback workbook for each unit with findings\n"
    "(PhanHoi_CODE_date.xlsx), a changes file when a unit replaced its report\n"
    "(ThayDoi_CODE_date.txt) and summary.txt.  With nothing new it writes nothing.\n"
    "  --inbox DIR       folder of reports (and its received.csv)\n"
    "  --maildir DIR     a Maildir (the attachments of the messages in new/)\n"
    "  --out DIR         where the outputs go (created when absent)\n"
    "  --eml             also .eml messages: the workbook to the recipients, feedback to units\n"
    "  --log FILE        append the log to FILE too\n"
    "  -q, --quiet       report problems only\n"
    "  --as-of T         figures as of T (default: now)\n"
    "  limits as for check\n\n"
    "Exit status: 0 done; 3 a file received in this run was rejected or has row errors;\n"
    "1 configuration; 2 failure (store busy too long, disk full).\n\n"
    "example: tonghop --db /var/lib/tonghop/store.db run --inbox inbox/ --out out/ --eml\n";

static const char help_remind_vi[] =
    "Cách dùng: tonghop remind [--before THỜI_GIAN] [--again] [--as-of THỜI_GIAN] --out THƯ_MỤC\n\n"
    "Thư nhắc (.eml) cho từng đơn vị chưa nộp hoặc còn thiếu hoạt động bắt buộc, gửi đến địa\n"
    "chỉ trong units.csv, kèm mẫu báo cáo trống.  Mỗi tình trạng của một đơn vị chỉ nhắc một\n"
    "lần (kho ghi nhớ thư đã gửi).\n"
    "  --before T      hạn đề nghị nộp trước T (mặc định: late_from của campaign.csv); đổi hạn\n"
    "                  thì nhắc lại một lần\n"
    "  --again         nhắc lại cả đơn vị đã được nhắc\n"
    "  --as-of T       thời điểm viết thư (mặc định: bây giờ)\n"
    "  -o, --out DIR   nơi ghi thư NhacNop_MÃ_ngày.eml (tạo nếu chưa có)\n\n"
    "Ví dụ: tonghop --db kho.db remind --out nhac/\n"
    "Gửi: for f in nhac/*.eml; do sendmail -t < \"$f\"; done\n";
static const char help_remind_en[] =
    "usage: tonghop remind [--before TIME] [--again] [--as-of TIME] --out DIR\n\n"
    "A reminder (.eml) for each unit that has sent nothing or still owes required categories,\n"
    "to its address in units.csv, with the blank report template attached.  A unit is\n"
    "reminded once per state (the store remembers what was sent).\n"
    "  --before T      ask for the report before T (default: campaign.csv's late_from); a new\n"
    "                  date reminds once more\n"
    "  --again         remind the units reminded before as well\n"
    "  --as-of T       when the messages are dated (default: now)\n"
    "  -o, --out DIR   where NhacNop_CODE_date.eml go (created when absent)\n\n"
    "example: tonghop --db store.db remind --out reminders/\n"
    "send: for f in reminders/*.eml; do sendmail -t < \"$f\"; done\n";

static const command commands[] = {
    {"check", cmd_check, NEED_CAMPAIGN, "kiểm tra báo cáo, không lưu",
     "validate reports, store nothing", help_check_vi, help_check_en},
    {"import", cmd_import, NEED_CAMPAIGN | NEED_STORE | NEED_LOCK,
     "kiểm tra và lưu báo cáo vào kho", "validate reports and keep them in the store",
     help_import_vi, help_import_en},
    {"status", cmd_status, NEED_CAMPAIGN | NEED_EXISTING_STORE,
     "đơn vị đúng hạn, trễ hạn, chưa nộp, còn thiếu", "who is on time, late, missing, incomplete",
     help_status_vi, help_status_en},
    {"export", cmd_export, NEED_CAMPAIGN | NEED_EXISTING_STORE,
     "bảng tính tổng hợp (.xlsx) hoặc CSV cho cấp trên",
     "the consolidated workbook (.xlsx), or CSV for the level above", help_export_vi,
     help_export_en},
    {"template", cmd_template, NEED_CAMPAIGN, "mẫu báo cáo trống cho đơn vị (CSV hoặc .xlsx)",
     "blank report for units to fill in (CSV or .xlsx)", help_template_vi, help_template_en},
    {"history", cmd_history, NEED_CAMPAIGN | NEED_EXISTING_STORE,
     "mọi tệp đơn vị đã gửi, tình trạng và thay đổi",
     "every file a unit sent, its state and what it changed", help_history_vi, help_history_en},
    {"recheck", cmd_recheck, NEED_CAMPAIGN | NEED_EXISTING_STORE | NEED_LOCK,
     "kiểm tra lại báo cáo đã lưu (sau khi sửa danh mục, hạn)",
     "validate stored reports again (after the campaign was fixed)", help_recheck_vi,
     help_recheck_en},
    {"withdraw", cmd_withdraw, NEED_CAMPAIGN | NEED_EXISTING_STORE | NEED_LOCK,
     "rút một báo cáo khỏi hiệu lực (vẫn giữ trong lịch sử)",
     "take a submission out of effect (kept in the history)", help_withdraw_vi, help_withdraw_en},
    {"run", cmd_run, NEED_CAMPAIGN | NEED_STORE | NEED_LOCK,
     "nhập báo cáo mới, ghi bảng tổng hợp, phản hồi, tóm tắt (chạy hằng đêm)",
     "import new reports, write workbook, feedback, summary (nightly)", help_run_vi, help_run_en},
    {"remind", cmd_remind, NEED_CAMPAIGN | NEED_EXISTING_STORE | NEED_LOCK,
     "thư nhắc đơn vị chưa nộp hoặc còn thiếu", "reminders to units that owe a report",
     help_remind_vi, help_remind_en},
    {"findings", cmd_findings, 0, "danh mục mã lỗi và cảnh báo", "the catalogue of finding codes",
     help_findings_vi, help_findings_en},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out, th_lang lang)
{
    fprintf(out, "%s", tr(lang, "Cách dùng: ", "usage: "));
    fprintf(out, "tonghop [--campaign DIR] [--db FILE] [--lang vi|en] COMMAND [ARGS]\n\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name,
                tr(lang, commands[i].summary_vi, commands[i].summary_en));
    fprintf(out, "\n%s",
            tr(lang,
               "  tonghop check [--received THỜI_GIAN] [--strict] [-q] TỆP|THƯ_MỤC...\n"
               "  tonghop import [--received THỜI_GIAN] [--strict] [--supplement] TỆP|THƯ_MỤC...\n"
               "  tonghop check|import --maildir MAILDIR\n"
               "      giới hạn (check, import, run): " READER_LIMITS
               "  tonghop status [--format text|csv|json]\n"
               "  tonghop history [ĐƠN_VỊ]\n"
               "  tonghop recheck [--strict] [ĐƠN_VỊ|TỆP|SHA256...]\n"
               "  tonghop withdraw TỆP|SHA256 --reason LÝ_DO\n"
               "  tonghop export [-o TỆP] [--as-of THỜI_GIAN] [--full] [--csv THƯ_MỤC]\n"
               "  tonghop export --eml TỆP [--from ĐC] [--to ĐC] [--cc ĐC]\n"
               "  tonghop template [--unit MÃ|--all] [--xlsx] [-o TỆP|THƯ_MỤC]\n"
               "  tonghop run --inbox THƯ_MỤC|--maildir MAILDIR --out THƯ_MỤC [--eml] [--quiet]\n"
               "  tonghop remind [--before THỜI_GIAN] [--again] --out THƯ_MỤC\n"
               "  tonghop help LỆNH\n\n"
               "Mã thoát: 0 xong; 3 xong nhưng có tệp/dòng bị từ chối (import, recheck: cả khi "
               "một báo cáo thay thế mất nhiều — replaces-less; recheck: cả tệp không có bản "
               "gốc); 1 sai cách dùng hoặc cấu hình (withdraw: không có hoặc nhiều tệp khớp); "
               "2 thất bại (kho bị khóa, hết chỗ đĩa).\n",
               "  tonghop check [--received TIME] [--strict] [-q] FILE|DIR...\n"
               "  tonghop import [--received TIME] [--strict] [--supplement] FILE|DIR...\n"
               "  tonghop check|import --maildir MAILDIR\n"
               "      limits (check, import, run): " READER_LIMITS
               "  tonghop status [--format text|csv|json]\n"
               "  tonghop history [UNIT]\n"
               "  tonghop recheck [--strict] [UNIT|FILE|SHA256...]\n"
               "  tonghop withdraw FILE|SHA256 --reason REASON\n"
               "  tonghop export [-o FILE] [--as-of TIME] [--full] [--csv DIR]\n"
               "  tonghop export --eml FILE [--from ADDR] [--to ADDR] [--cc ADDR]\n"
               "  tonghop template [--unit CODE|--all] [--xlsx] [-o FILE|DIR]\n"
               "  tonghop run --inbox DIR|--maildir MAILDIR --out DIR [--eml] [--quiet]\n"
               "  tonghop remind [--before TIME] [--again] --out DIR\n"
               "  tonghop help COMMAND\n\n"
               "Exit status: 0 done; 3 done, but some file or row was rejected (import, recheck: "
               "also a replacement that keeps much less, replaces-less; recheck: also a file "
               "without a stored copy); 1 usage or configuration error (withdraw: no file or "
               "several match); 2 failure (store locked, disk full).\n"));
}

/* The command named name, or NULL. */
static const command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(name, commands[i].name) == 0)
            return &commands[i];
    return NULL;
}

/* Says that there is no command name, with the closest one (similar.h). */
static void unknown_command(const char *name, th_lang lang)
{
    char *key = similar_key(name);
    similar_best best;
    similar_best_init(&best);
    for (size_t i = 0; key != NULL && i < NCOMMANDS; i++)
        similar_consider(&best, key, commands[i].name, (long)i);
    if (key != NULL)
        similar_consider(&best, key, "help", (long)NCOMMANDS);
    free(key);
    long i = similar_best_index(&best);
    if (i >= 0)
        th_msg_error(tr(lang, "không có lệnh '%s' — có phải '%s' không?",
                        "unknown command '%s'; did you mean '%s'?"),
                     name, (size_t)i < NCOMMANDS ? commands[i].name : "help");
    else
        th_msg_error(tr(lang, "không có lệnh '%s'", "unknown command '%s'"), name);
    fputs(tr(lang, "Xem 'tonghop help' để biết các lệnh.\n",
             "See 'tonghop help' for the commands.\n"),
          stderr);
}

/* The global options, accepted before or after the command name. */
typedef struct {
    global_options *g;
    const char *lang; /* --lang as typed */
    bool help, version;
} global_parse;

#define NGLOBAL_SPECS 5

static void global_specs(global_parse *p, option_spec specs[NGLOBAL_SPECS])
{
    const option_spec all[NGLOBAL_SPECS] = {
        {.name = "campaign", .value = &p->g->campaign_dir},
        {.name = "db", .value = &p->g->db_path},
        {.name = "lang", .value = &p->lang},
        {.name = "help", .short_name = 'h', .flag = &p->help},
        {.name = "version", .flag = &p->version},
    };
    memcpy(specs, all, sizeof all);
}

/* Takes the global options out of argv wherever they are (until "--"),
 * into p.  Returns the new argc, or -1 after saying what is wrong. */
static int parse_global_options(int argc, char **argv, global_parse *p, option_spec *specs)
{
    option_table t = {specs, NGLOBAL_SPECS, NULL, 0, true};
    options_error err;
    argc = options_parse(&t, argc, argv, &err);
    if (argc < 0 || (p->lang != NULL && strcmp(p->lang, "vi") != 0 && strcmp(p->lang, "en") != 0)) {
        if (argc < 0)
            cli_print_option_error(&err, NULL, p->g->lang);
        else
            th_msg_error(_("unknown language '%s' (expected vi or en)"), p->lang);
        return -1;
    }
    if (p->lang != NULL)
        p->g->lang = strcmp(p->lang, "en") == 0 ? LANG_EN : LANG_VI;
    /* what is left before the command name can only be a mistyped option */
    if (argc >= 2 && argv[1][0] == '-' && argv[1][1] != '\0' && strcmp(argv[1], "--") != 0) {
        t.keep_unknown = false;
        err = (options_error){OPTIONS_UNKNOWN, argv[1], NULL, options_guess(&t, argv[1])};
        cli_print_option_error(&err, NULL, p->g->lang);
        fputs(tr(p->g->lang, "Xem 'tonghop help'.\n", "See 'tonghop help'.\n"), stderr);
        return -1;
    }
    return argc;
}

int main(int argc, char **argv)
{
    /* Only the character type and the messages follow the user's locale:
     * numbers written to files must keep the C locale's '.' (libxlsxwriter
     * prints numbers with the C library's locale: docs/design.md §11.1). */
    char locale_dir[4096];
    i18n_init(default_locale_dir(locale_dir, sizeof locale_dir));
    /* Past a file-size limit (RLIMIT_FSIZE) the kernel would kill us with
     * SIGXFSZ in the middle of a write; ignored, the write fails with EFBIG
     * and the store rolls the transaction back like any full disk. */
    signal(SIGXFSZ, SIG_IGN);
    char campaign_dir[4096];
    global_options g = {default_campaign_dir(campaign_dir, sizeof campaign_dir), "tonghop.db",
                        LANG_VI};
    const char *env_lang = getenv("TONGHOP_LANG");
    if (env_lang != NULL && strcmp(env_lang, "en") == 0)
        g.lang = LANG_EN;
    i18n_select(g.lang);
    global_parse p = {.g = &g};
    option_spec specs[NGLOBAL_SPECS];
    global_specs(&p, specs);
    argc = parse_global_options(argc, argv, &p, specs);
    if (argc < 0)
        return TH_EXIT_USAGE;
    i18n_select(g.lang);
    bool help = p.help;
    if (p.version) {
        printf("tonghop %s\n", TONGHOP_VERSION);
        return cli_finish(TH_EXIT_OK);
    }
    if (argc < 2) {
        usage(help ? stdout : stderr, g.lang);
        return help ? cli_finish(TH_EXIT_OK) : TH_EXIT_USAGE;
    }
    if (strcmp(argv[1], "help") == 0) { /* "help CMD" is "CMD --help" */
        if (argc < 3) {
            usage(stdout, g.lang);
            return cli_finish(TH_EXIT_OK);
        }
        help = true;
        argc--;
        argv++;
    }
    const command *cmd = find_command(argv[1]);
    if (cmd == NULL) {
        unknown_command(argv[1], g.lang);
        return TH_EXIT_USAGE;
    }
    if (help) {
        fputs(tr(g.lang, cmd->help_vi, cmd->help_en), stdout);
        return cli_finish(TH_EXIT_OK);
    }
    command_env env = {.g = &g,
                       .name = cmd->name,
                       .help = tr(g.lang, cmd->help_vi, cmd->help_en),
                       .global_specs = specs,
                       .nglobal_specs = NGLOBAL_SPECS,
                       .needs = cmd->needs,
                       .lock = {-1}};
    int status = cmd->run(argc - 1, argv + 1, &env);
    cli_env_release(&env);
    return cli_finish(status);
}
