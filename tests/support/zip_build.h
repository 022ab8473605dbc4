/*
 * zip_build.h - builds small zip archives in memory for the spreadsheet
 * tests and the fuzz target: an .xlsx or .ods from its XML parts.
 *
 * Header-only test support (libzip's writing side); the product itself only
 * reads zips, in src/read/sheet_zip.c.
 */
#ifndef TONGHOP_ZIP_BUILD_H
#define TONGHOP_ZIP_BUILD_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

typedef struct {
    const char *name;
    const char *data; /* NULL: the entry is left out */
    size_t len;       /* 0: strlen(data) */
    bool store;       /* true: stored, not deflated (mimetype must be) */
} zip_part;

/* Returns a newly allocated zip of the parts (*len bytes; the caller frees
 * it), or NULL. */
static inline unsigned char *zip_build(const zip_part *parts, size_t nparts, size_t *len)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
    unsigned char *out = NULL;
    *len = 0;
    if (src == NULL)
        return NULL;
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
    for (size_t i = 0; za != NULL && i < nparts; i++) {
        if (parts[i].data == NULL)
            continue;
        size_t n = parts[i].len ? parts[i].len : strlen(parts[i].data);
        zip_source_t *p = zip_source_buffer(za, parts[i].data, n, 0);
        zip_int64_t idx = p ? zip_file_add(za, parts[i].name, p, ZIP_FL_OVERWRITE) : -1;
        if (idx < 0) {
            zip_source_free(p);
            continue;
        }
        zip_set_file_compression(za, (zip_uint64_t)idx,
                                 parts[i].store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
    }
    if (za != NULL && zip_close(za) != 0)
        zip_discard(za);
    zip_stat_t st;
    if (zip_source_open(src) == 0) {
        if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
            (out = malloc(st.size ? st.size : 1)) != NULL) {
            zip_int64_t r = zip_source_read(src, out, st.size);
            if (r < 0 || (zip_uint64_t)r != st.size) {
                free(out);
                out = NULL;
            } else {
                *len = (size_t)st.size;
            }
        }
        zip_source_close(src);
    }
    zip_source_free(src);
    zip_error_fini(&err);
    return out;
}

#define XLSX_CONTENT_TYPES                                                                         \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "                                            \
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
#define XLSX_RELS                                                                                  \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "                                    \
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "        \
    "Id=\"rId1\" "                                                                                 \
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"                  \
    "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
#define XLSX_WORKBOOK_RELS                                                                         \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "                                    \
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"                      \
    "<Relationship Id=\"rId1\" "                                                                   \
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "      \
    "Target=\"worksheets/sheet1.xml\"/>"                                                           \
    "<Relationship Id=\"rId2\" "                                                                   \
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "      \
    "Target=\"/xl/worksheets/sheet2.xml\"/>"                                                       \
    "<Relationship Id=\"rId3\" "                                                                   \
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "  \
    "Target=\"sharedStrings.xml\"/>"                                                               \
    "<Relationship Id=\"rId4\" "                                                                   \
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "         \
    "Target=\"styles.xml\"/></Relationships>"
#define XLSX_WORKBOOK                                                                              \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "                                         \
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "                         \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"             \
    "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define XLSX_SHEET_HEAD                                                                            \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "                                        \
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
#define XLSX_SHEET_TAIL "</sheetData></worksheet>"

/* An .xlsx whose workbook.xml, sheet1.xml, sheet2.xml, sharedStrings.xml and
 * styles.xml are given (NULL: a default workbook; no such part). */
static inline unsigned char *xlsx_build(const char *workbook, const char *sheet1,
                                        const char *sheet2, const char *sst, const char *styles,
                                        size_t *len)
{
    zip_part parts[] = {
        {"[Content_Types].xml", XLSX_CONTENT_TYPES, 0, false},
        {"_rels/.rels", XLSX_RELS, 0, false},
        {"xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS, 0, false},
        {"xl/workbook.xml", workbook ? workbook : XLSX_WORKBOOK, 0, false},
        {"xl/worksheets/sheet1.xml", sheet1, 0, false},
        {"xl/worksheets/sheet2.xml", sheet2, 0, false},
        {"xl/sharedStrings.xml", sst, 0, false},
        {"xl/styles.xml", styles, 0, false},
    };
    return zip_build(parts, sizeof parts / sizeof parts[0], len);
}

#define ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"
#define ODS_HEAD                                                                                   \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "                          \
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                           \
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "                             \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                             \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"
#define ODS_TAIL "</office:document-content>"

/* An .ods whose content.xml (and META-INF/manifest.xml, may be NULL) are given. */
static inline unsigned char *ods_build(const char *content, const char *manifest, size_t *len)
{
    zip_part parts[] = {
        {"mimetype", ODS_MIMETYPE, 0, true},
        {"content.xml", content, 0, false},
        {"META-INF/manifest.xml", manifest, 0, false},
    };
    return zip_build(parts, sizeof parts / sizeof parts[0], len);
}

#endif
