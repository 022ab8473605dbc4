#!/bin/sh
# t0130: one option parser for every command.  An unknown option is named as
# an option, with the closest valid one and the command's usage, in
# Vietnamese and in English; an unknown command gets the closest command; a
# missing value names the option; both spellings of a value, "--", global
# options after the command; and `tonghop help CMD` is `tonghop CMD --help`
# for every command the usage lists.
. "$(dirname "$0")/lib.sh"
E='^tonghop: (error|lỗi): '

# ---- unknown options ---------------------------------------------------------
run 1 export --outpt x.xlsx
expect_line err.txt "${E}export: không có tùy chọn '--outpt' — có phải '--output' không\?$"
expect_line err.txt '^Cách dùng: tonghop export '
expect_line err.txt "tonghop help export"
expect_equal "$(wc -c <out.txt)" 0 "stdout of a usage error"
run 1 --lang en export --outpt x.xlsx
expect_line err.txt "${E}export: unknown option '--outpt'; did you mean '--output'\?$"
expect_line err.txt '^usage: tonghop export '
expect_line err.txt "^See 'tonghop help export'"
# the language given after the command counts for the whole line
run 1 export --outpt x.xlsx --lang en
expect_line err.txt "${E}export: unknown option '--outpt'; did you mean '--output'\?$"
TONGHOP_LANG=en run 1 import --suplement a.csv
expect_line err.txt "${E}import: unknown option '--suplement'; did you mean '--supplement'\?$"
# a global option misspelt after a command, a unique beginning, nothing near
run 1 status --campain x
expect_line err.txt "${E}status: không có tùy chọn '--campain' — có phải '--campaign' không\?$"
run 1 check --max-row 5 a.csv
expect_line err.txt "${E}check: không có tùy chọn '--max-row' — có phải '--max-rows' không\?$"
run 1 withdraw x.csv --rea "x"
expect_line err.txt "${E}withdraw: không có tùy chọn '--rea' — có phải '--reason' không\?$"
run 1 remind --zzzzzz
expect_line err.txt "${E}remind: không có tùy chọn '--zzzzzz'$"
# before the command: an option, not a command
run 1 --bogus
expect_line err.txt "${E}không có tùy chọn '--bogus'$"
expect_no_line err.txt 'lệnh|command'
run 1 --lang en --campagn x status
expect_line err.txt "${E}unknown option '--campagn'; did you mean '--campaign'\?$"
run 1 export --full=yes
expect_line err.txt "${E}export: tùy chọn '--full=yes' không nhận giá trị$"

# ---- unknown commands ----------------------------------------------------------
run 1 improt a.csv
expect_line err.txt "${E}không có lệnh 'improt' — có phải 'import' không\?$"
run 1 --lang en stauts
expect_line err.txt "${E}unknown command 'stauts'; did you mean 'status'\?$"
run 1 help exprot
expect_line err.txt "${E}không có lệnh 'exprot' — có phải 'export' không\?$"
run 1 zzzz
expect_line err.txt "${E}không có lệnh 'zzzz'$"

# ---- missing values ------------------------------------------------------------
run 1 export -o
expect_line err.txt "${E}export: tùy chọn '-o' \(--output\) cần một giá trị$"
run 1 --lang en export --output
expect_line err.txt "${E}export: option '--output' needs a value$"
run 1 template --unit
expect_line err.txt "${E}template: tùy chọn '--unit' cần một giá trị$"
run 1 status --db
expect_line err.txt "${E}tùy chọn '--db' cần một giá trị$"

# ---- other arguments -----------------------------------------------------------
run 1 status extra
expect_line err.txt "${E}status: đối số thừa 'extra'$"
run 1 --lang en findings extra
expect_line err.txt "${E}findings: unexpected argument 'extra'$"

# ---- what is accepted ----------------------------------------------------------
run 0 template --unit=LOCNINH --output=a.csv
expect_line out.txt '^a\.csv$'
run 0 template -ob.csv --unit LOCNINH
expect_line out.txt '^b\.csv$'
run 0 template --unit LOCNINH -o c.csv --lang=en
expect_line out.txt '^c\.csv$'
# "--" ends the options: what follows is a file, even when it looks like one
# (here one that does not exist, so named as a missing file)
run 1 check -- --strict
expect_line err.txt "không có tệp hoặc thư mục '--strict'"
# options after the files, global or not
run 3 check a.csv -q --lang en --max-rows=10
expect_line out.txt '^a\.csv: REJECTED'
run 1 check a.csv --max-rows=0
expect_line err.txt "${E}check: giới hạn không hợp lệ '0'"
# the reader's limits are run's too: one file of the samples, two rows at most
mkdir inbox
cp "$SRC/samples/LocNinh_bao_cao.csv" inbox/
run 3 run --inbox inbox --out out --max-rows 2 --as-of 2022-11-01
expect_line err.txt 'LocNinh_bao_cao.csv: BỊ TỪ CHỐI'
run 1 run --inbox inbox --out out --max-rows=lots
expect_line err.txt "${E}run: giới hạn không hợp lệ 'lots'"

# ---- help ----------------------------------------------------------------------
for lang in vi en; do
    run 0 --lang $lang help
    # the commands are the lines "  NAME  summary" of the usage, before the first blank line
    cmds=$(sed -n '3,/^$/p' out.txt | awk 'NF > 1 { print $1 }')
    expect_equal "$(echo "$cmds" | wc -l)" 11 "commands listed by help ($lang)"
    for c in $cmds; do
        run 0 --lang $lang help "$c"
        cp out.txt help.txt
        run 0 --lang $lang "$c" --help
        checks=$((checks + 1))
        cmp -s help.txt out.txt || fail "help $c differs from $c --help ($lang)"
        run 0 "$c" -h --lang $lang
        checks=$((checks + 1))
        cmp -s help.txt out.txt || fail "help $c differs from $c -h ($lang)"
        expect_line help.txt "^(Cách dùng|usage): tonghop $c"
        expect_line help.txt "^(Ví dụ|example|Gửi|send): |^  -"
    done
done
finish
