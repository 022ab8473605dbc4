/*
 * fuzz_maildir.c - libFuzzer target: arbitrary bytes as an e-mail message
 * through maildir_parse (GMime's parser, the hostile-message bounds, the
 * walk of nested parts, base64 checks, attachment names).
 *
 * Besides not crashing, the contract is checked: every attachment name is
 * safe as a file name (valid UTF-8, no '/' or '\\', no leading '.', no
 * control character, a report extension), its bytes are never NULL and
 * within the limit, and a message without a report always says why.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "maildir.h"
#include "text.h"

static int has_report_ext(const char *name)
{
    static const char *const exts[] = {".csv", ".xlsx", ".ods", ".xls"};
    size_t n = strlen(name);
    for (size_t i = 0; i < 4; i++) {
        size_t e = strlen(exts[i]);
        if (n > e && strcasecmp(name + n - e, exts[i]) == 0)
            return 1;
    }
    return 0;
}

static void check_name(const char *name)
{
    if (*name == '\0' || *name == '.' || !text_is_utf8(name, strlen(name), NULL) ||
        !has_report_ext(name))
        abort();
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\')
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    maildir_limits lim = {1 << 20, 64 << 10, 8, 64};
    maildir_message m;
    if (maildir_parse(data, size, "fuzz", &lim, &m) != TH_OK)
        abort();
    if (m.file == NULL || m.sender == NULL || m.subject == NULL)
        abort();
    for (size_t i = 0; i < m.nattachments; i++) {
        check_name(m.attachments[i].name);
        if (m.attachments[i].bytes == NULL || m.attachments[i].len > lim.max_attachment_bytes)
            abort();
    }
    if (m.nattachments == 0 && m.findings.count == 0)
        abort();
    maildir_message_release(&m);
    return 0;
}
